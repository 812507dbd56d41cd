package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.PooledSqliteDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wasm engine's file against other processes (child JVMs, {@link ContendMain}): while this JVM has
 * the file on wasm, neither another wasm pool nor native SQLite in another process may use it. Apart
 * from {@link WasmEngineTest} because each case starts JVMs: the mutation profile leaves it out, as it
 * does the other child-JVM tests.
 */
class WasmEngineAcrossProcessesTest {
    @TempDir
    Path dir;

    private static PooledSqliteDataSource wasm(Path db) {
        return new PooledSqliteDataSource("jdbc:pooledsqlite:" + db + "?engine=wasm");
    }

    /** A child JVM tries the file on wasm (refused, 55006) and on native SQLite (busy), and exits normally. */
    private static void assertAnotherProcessIsKeptOut(Path db) throws Exception {
        try (ChildJvm other = ChildJvm.start(ContendMain.class, List.of(), db.toString())) {
            assertEquals("55006", other.await("WASM="));
            String nativeResult = other.await("NATIVE=");
            assertTrue(nativeResult.contains("SQLITE_BUSY"), nativeResult);
            assertEquals(0, other.exitCode());
        }
    }

    @Test
    void otherProcessesCannotOpenTheFileWhileThisEngineHasIt() throws Exception {
        Path db = dir.resolve("guarded.db");
        try (PooledSqliteDataSource ds = wasm(db); Connection c = ds.getConnection()) {
            c.createStatement().executeUpdate("CREATE TABLE t(v)");
            assertAnotherProcessIsKeptOut(db);
        }
        try (ChildJvm other = ChildJvm.start(ContendMain.class, List.of(), db.toString())) {
            assertEquals("opened", other.await("WASM="));
            assertEquals("opened", other.await("NATIVE="));
        }
    }

    /**
     * Reading an existing file into memory must not drop the locks that keep native SQLite out: a POSIX
     * lock goes when the process closes any descriptor of the file, so the copy is read through the
     * locked one.
     */
    @Test
    void anExistingFileStaysLockedAgainstOtherProcessesOnceItIsInMemory() throws Exception {
        Path db = dir.resolve("existing.db");
        try (Connection n = Databases.raw(db); Statement s = n.createStatement()) {
            s.executeUpdate("CREATE TABLE t(v)");
            s.executeUpdate("INSERT INTO t VALUES (1)");
        }
        try (PooledSqliteDataSource ds = wasm(db); Connection c = ds.getConnection()) {
            assertEquals(1, Databases.queryLong(c, "SELECT count(*) FROM t"));
            assertAnotherProcessIsKeptOut(db);
        }
    }
}
