package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sqlite-jdbc as the pool's engine, on real files: what it answers where an engine may differ from the default. */
class NativeEngineTest {
    @TempDir
    Path dir;

    private final NativeEngine engine = new NativeEngine("native-relocated");

    @Test
    void itIsNamedAsItWasLoaded() {
        assertEquals("native-relocated", engine.name());
        assertEquals("native", new NativeEngine("native").name());
    }

    @Test
    void changesAreSqlitesCountForTheLastStatement() throws Exception {
        try (Connection c = engine.open(dir.resolve("changes.db").toString(), new Properties());
             Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t(x)");
            s.executeUpdate("INSERT INTO t VALUES (1), (2), (3)");
            assertEquals(3, engine.changes(c));
            s.executeUpdate("UPDATE t SET x = x + 1 WHERE x > 1");
            assertEquals(2, engine.changes(c));
            s.executeQuery("SELECT * FROM t").close();
            assertEquals(2, engine.changes(c), "a read leaves the count of the last write");
        }
    }

    @Test
    void changesAreUnknownForAClosedOrAForeignConnection() throws Exception {
        Connection c = engine.open(dir.resolve("closed.db").toString(), new Properties());
        c.close();
        assertEquals(-1, engine.changes(c));
        synchronized (MemoryFiles.LOCK) { // sqlite4j's file system is shared with the wasm tests beside this one
            try (Connection wasm = new io.roastedroot.sqlite4j.jdbc4.JDBC4Connection("jdbc:sqlite::memory:",
                    ":memory:", new Properties())) {
                assertEquals(-1, engine.changes(wasm), "not sqlite-jdbc's connection");
            }
        }
    }

    /** The pool's own BEGIN, run through sqlite-jdbc's handle, opens a transaction SQLite knows of. */
    @Test
    void aControlStatementRunsOnTheConnection() throws Exception {
        Path file = dir.resolve("control.db");
        try (Connection c = engine.open(file.toString(), new Properties()); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t(x)");
            try (PreparedStatement begin = c.prepareStatement("BEGIN IMMEDIATE");
                 PreparedStatement rollback = c.prepareStatement("ROLLBACK")) {
                engine.runControl(c, begin);
                s.executeUpdate("INSERT INTO t VALUES (1)");
                try (Connection other = engine.open(file.toString(), new Properties());
                     Statement o = other.createStatement()) {
                    o.execute("PRAGMA busy_timeout = 0");
                    SQLException busy = assertThrows(SQLException.class, () -> o.executeUpdate("INSERT INTO t VALUES (2)"));
                    assertTrue(busy.getMessage().contains("SQLITE_BUSY"), busy.getMessage());
                }
                engine.runControl(c, rollback);
                engine.runControl(c, begin); // run again: prepared once, run many times
                engine.runControl(c, rollback);
            }
            assertEquals(0, Databases.queryLong(c, "SELECT count(*) FROM t"), "rolled back");
        }
    }

    /** What the statement cache relies on: after it, a statement runs as a freshly prepared one. */
    @Test
    void clearedParametersAndBatchAreThoseOfAFreshStatement() throws Exception {
        try (Connection c = engine.open(dir.resolve("params.db").toString(), new Properties());
             Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t(v)");
            try (PreparedStatement p = c.prepareStatement("SELECT ?1 IS NULL AND ?2 IS NULL")) {
                p.setInt(1, 5);
                p.setString(2, "ran");
                p.executeQuery().close();
                engine.clearParameters(p);
                assertEquals(1, firstLong(p), "both unbound after a run");
                p.setInt(1, 6);
                engine.clearParameters(p);
                assertEquals(1, firstLong(p), "both unbound after a binding never run");
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO t(v) VALUES (?)")) {
                p.setString(1, "batched, never run");
                p.addBatch();
                engine.clearParameters(p);
                assertEquals(0, p.executeBatch().length, "no batch left");
            }
            assertEquals(0, Databases.queryLong(c, "SELECT count(*) FROM t"));
        }
    }

    private static long firstLong(PreparedStatement p) throws SQLException {
        try (java.sql.ResultSet rs = p.executeQuery()) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }
}
