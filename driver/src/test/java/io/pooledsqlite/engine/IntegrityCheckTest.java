package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up check on real files through plain sqlite-jdbc: what each mode finds, and that it only reads. */
class IntegrityCheckTest {
    @TempDir
    Path dir;

    private static void exec(Connection c, String... sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }

    /** An index that claims to cover another column: its entries are all wrong, its pages all sound. */
    private Path withAStaleIndex() throws SQLException {
        Path file = dir.resolve("stale-index.db");
        try (Connection c = Databases.raw(file)) {
            exec(c, "create table t(a, b)", "create index ta on t(a)", "insert into t values (1, 10), (2, 20), (3, 30)",
                    "pragma writable_schema = on", "update sqlite_schema set sql = 'CREATE INDEX ta ON t(b)' where name = 'ta'",
                    "pragma writable_schema = off");
        }
        return file;
    }

    @Test
    void aSoundFilePassesEveryMode() throws Exception {
        Path file = dir.resolve("sound.db");
        try (Connection c = Databases.raw(file)) {
            exec(c, "create table t(a)", "create index ta on t(a)", "insert into t values (1), (2)");
            for (String mode : new String[] {"none", "quick", "full"}) {
                assertDoesNotThrow(() -> IntegrityCheck.run(c, mode, "p", file.toString()), mode);
            }
        }
    }

    @Test
    void theFullCheckFindsAStaleIndexThatTheQuickCheckDoesNotLookAt() throws Exception {
        Path file = withAStaleIndex();
        byte[] before = Files.readAllBytes(file);
        try (Connection c = Databases.raw(file)) {
            assertDoesNotThrow(() -> IntegrityCheck.run(c, "quick", "p", file.toString()));
            SQLException e = assertThrows(SQLException.class, () -> IntegrityCheck.run(c, "full", "pool-a", "app.db"));
            assertTrue(e instanceof SQLNonTransientException, e.toString());
            assertEquals("XX001", e.getSQLState());
            assertEquals(11, e.getErrorCode(), "SQLITE_CORRUPT");
            assertTrue(e.getMessage().startsWith("Pool pool-a: full integrity check of app.db failed: ")
                    && e.getMessage().contains("index ta") && e.getMessage().endsWith(". The file was not modified."),
                    e.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(file), "the check only read");
    }

    @Test
    void noneLooksAtNothingEvenOnACorruptFile() throws Exception {
        Path file = withAStaleIndex();
        try (Connection c = Databases.raw(file)) {
            assertDoesNotThrow(() -> IntegrityCheck.run(c, "none", "p", file.toString()));
        }
    }

    @Test
    void eachFindingIsListedSeparatedBySemicolonsAtMostTwenty() throws Exception {
        Path file = dir.resolve("many.db");
        try (Connection c = Databases.raw(file)) {
            exec(c, "create table t(a, b)", "create index ta on t(a)",
                    "insert into t select i, -i from (with recursive n(i) as (select 1 union all select i + 1 from n"
                            + " where i < 50) select i from n)",
                    "pragma writable_schema = on", "update sqlite_schema set sql = 'CREATE INDEX ta ON t(b)' where name = 'ta'",
                    "pragma writable_schema = off");
        }
        try (Connection c = Databases.raw(file)) {
            SQLException e = assertThrows(SQLException.class, () -> IntegrityCheck.run(c, "full", "p", "f"));
            String prefix = "Pool p: full integrity check of f failed: ";
            String findings = e.getMessage().substring(prefix.length(),
                    e.getMessage().length() - ". The file was not modified.".length());
            String[] each = findings.split("; ");
            assertEquals(20, each.length, "SQLite's first 20 findings: " + findings);
            for (String f : each) {
                assertTrue(f.contains("index ta") && !f.equals("ok"), f);
            }
        }
    }
}
