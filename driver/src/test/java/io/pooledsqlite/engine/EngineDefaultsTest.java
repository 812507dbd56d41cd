package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.config.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.jdbc4.JDBC4Connection;

/** What an engine that overrides nothing gets: SQLite's own behaviour on a local file. */
class EngineDefaultsTest {
    @TempDir
    Path dir;

    /** An engine that only says how to connect. */
    private final Engine plain = new Engine() {
        @Override
        public String name() {
            return "plain";
        }

        @Override
        public Connection open(String target, Properties settings) throws SQLException {
            return new JDBC4Connection("jdbc:sqlite:" + target, target, settings);
        }
    };

    @Test
    void aPlainFileIsWatchedAndNothingElseIs() throws Exception {
        Path file = Files.createFile(dir.resolve("watched.db"));
        DatabaseWatch watch = plain.watch("p", Target.parse(file.toString()));
        assertTrue(watch instanceof DatabaseFileWatch, String.valueOf(watch));
        Files.delete(file);
        assertEquals("08006", assertThrows(SQLException.class, () -> watch.check(0, () -> { })).getSQLState());
        assertNull(plain.watch("p", Target.parse(":memory:")));
        assertNull(plain.watch("p", Target.parse("file:memdb1?mode=memory&cache=shared")));
    }

    @Test
    void theIntegrityCheckIsSqlitesAndOnlyWhenAskedFor() throws Exception {
        Path file = dir.resolve("stale.db");
        try (Connection c = plain.open(file.toString(), new Properties()); Statement s = c.createStatement()) {
            s.execute("create table t(a, b)");
            s.execute("create index ta on t(a)");
            s.execute("insert into t values (1, 10), (2, 20)");
            s.execute("pragma writable_schema = on");
            s.execute("update sqlite_schema set sql = 'CREATE INDEX ta ON t(b)' where name = 'ta'");
            s.execute("pragma writable_schema = off");
        }
        try (Connection c = plain.open(file.toString(), new Properties())) {
            plain.checkIntegrity(c, "none", "p", "stale.db");
            SQLException e = assertThrows(SQLException.class, () -> plain.checkIntegrity(c, "full", "p", "stale.db"));
            assertEquals("XX001", e.getSQLState());
        }
    }

    @Test
    void theRestIsSqlitesDefault() throws Exception {
        assertEquals(7, plain.maxConnections(7));
        assertSame(TransactionControl.SQLITE, plain.transactions());
        assertSame(ErrorClassifier.SQLITE, plain.errors());
        assertTrue(plain.reachesOtherFiles());
        try (Connection c = plain.open(dir.resolve("d.db").toString(), new Properties())) {
            c.createStatement().execute("create table t(x)");
            assertEquals(-1, plain.changes(c), "unknown unless the engine says");
        }
    }
}
