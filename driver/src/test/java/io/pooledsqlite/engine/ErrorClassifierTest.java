package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.jdbc4.JDBC4Connection;

/** SQLite's own classification, on errors real SQLite raised through plain sqlite-jdbc. */
class ErrorClassifierTest {
    private static final ErrorClassifier SQLITE = ErrorClassifier.SQLITE;

    @TempDir
    Path dir;

    private Path withATable() throws SQLException {
        Path file = dir.resolve("t.db");
        try (Connection c = Databases.raw(file);
             Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t(x)");
        }
        return file;
    }

    @Test
    void aWriteOnAReadOnlyConnectionIsReadOnlyAndLeavesTheConnectionUsable() throws Exception {
        Path file = withATable();
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection c = new JDBC4Connection("jdbc:sqlite:" + file, file.toString(), config.toProperties());
             Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO t VALUES (1)"));
            assertTrue(SQLITE.isReadOnly(e), e.getMessage());
            assertFalse(SQLITE.isFatal(e) || SQLITE.isCorruption(e) || SQLITE.isBusy(e), e.getMessage());
            assertFalse(SQLITE.isOutcomeUnknown(e));
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsFatalAndCorrupt() throws Exception {
        Path file = Files.write(dir.resolve("junk.db"), new byte[8192]);
        Files.write(file, "this is not a database, just text that fills the first page".repeat(100).getBytes());
        try (Connection c = Databases.raw(file);
             Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM sqlite_master"));
            assertTrue(SQLITE.isFatal(e) && SQLITE.isCorruption(e), e.getMessage());
            assertFalse(SQLITE.isReadOnly(e) || SQLITE.isBusy(e), e.getMessage());
            assertEquals("XX001", SQLITE.translate(e).getSQLState(), SQLITE.translate(e).getMessage());
        }
    }

    @Test
    void aSyntaxErrorIsNoneOfThem() throws Exception {
        Path file = withATable();
        try (Connection c = Databases.raw(file);
             Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELEKT 1"));
            assertFalse(SQLITE.isFatal(e) || SQLITE.isCorruption(e) || SQLITE.isReadOnly(e) || SQLITE.isBusy(e));
            assertEquals("42000", SQLITE.translate(e).getSQLState());
        }
    }

    @Test
    void aWriteLockHeldElsewhereIsBusy() throws Exception {
        Path file = withATable();
        try (Connection holder = Databases.raw(file);
             Connection other = Databases.raw(file);
             Statement h = holder.createStatement(); Statement o = other.createStatement()) {
            h.execute("BEGIN IMMEDIATE");
            o.execute("PRAGMA busy_timeout = 0");
            SQLException e = assertThrows(SQLException.class, () -> o.executeUpdate("INSERT INTO t VALUES (1)"));
            assertTrue(SQLITE.isBusy(e), e.getMessage());
            assertFalse(SQLITE.isFatal(e) || SQLITE.isCorruption(e) || SQLITE.isReadOnly(e));
            h.execute("ROLLBACK");
        }
    }
}
