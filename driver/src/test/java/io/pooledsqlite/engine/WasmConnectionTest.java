package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * One connection of the wasm engine, opened on the engine directly: the settings it applies to the copy,
 * a file that was not in WAL mode, and what its close leaves in sqlite4j's shared in-memory file system.
 * Plain sqlite-jdbc ({@code Databases.raw}) checks the file afterwards.
 */
@ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ) // create() reads them
class WasmConnectionTest {
    @TempDir
    Path dir;


    private static boolean inMemory(Path file) throws Exception {
        synchronized (MemoryFiles.LOCK) {
            return Files.exists(MemoryFiles.current().getPath(file.toString()));
        }
    }

    @Test
    void theCacheSizeAskedForAppliesToTheCopy() throws Exception {
        try (Connection c = WasmEngine.create("test").open(dir.resolve("cache.db").toString(),
                Databases.properties("cache_size", " -4321 "))) {
            assertEquals(-4321, Databases.queryLong(c, "PRAGMA cache_size"));
            assertEquals(0, Databases.queryLong(c, "PRAGMA synchronous"), "the copy in memory is never synced");
        }
    }

    /** The copy runs in WAL mode; the file on disk must say so too, or native SQLite would ignore its log. */
    @Test
    void aFileInRollbackJournalModeKeepsEveryCommitForNativeReaders() throws Exception {
        Path db = dir.resolve("rollback.db");
        try (Connection n = Databases.raw(db); Statement s = n.createStatement()) {
            s.execute("PRAGMA journal_mode = DELETE");
            s.executeUpdate("CREATE TABLE t(v)");
            s.executeUpdate("INSERT INTO t VALUES ('native')");
        }
        WasmEngine engine = WasmEngine.create("test");
        try (Connection c = engine.open(db.toString(), Databases.properties())) {
            c.createStatement().executeUpdate("INSERT INTO t VALUES ('wasm')");
        }
        try (Connection n = Databases.raw(db)) {
            assertEquals("ok", Databases.queryString(n, "PRAGMA integrity_check"));
            assertEquals(2, Databases.queryLong(n, "SELECT count(*) FROM t"));
        }
        try (Connection c = engine.open(db.toString(), Databases.properties())) {
            assertEquals(2, Databases.queryLong(c, "SELECT count(*) FROM t"), "and for the next wasm connection");
        }
    }

    @Test
    void closingTwiceWritesNothingMoreAndThrowsNothing() throws Exception {
        Path db = dir.resolve("twice.db");
        Connection c = WasmEngine.create("test").open(db.toString(), Databases.properties());
        c.createStatement().executeUpdate("CREATE TABLE t(v)");
        c.close();
        long size = Files.size(db);
        c.close();
        assertTrue(c.isClosed());
        assertEquals(size, Files.size(db));
        try (Connection n = Databases.raw(db)) {
            assertEquals(0, Databases.queryLong(n, "SELECT count(*) FROM t"));
        }
    }

    @Test
    void theInMemoryCopyGoesWithTheConnection() throws Exception {
        Path db = dir.resolve("gone.db");
        try (Connection c = WasmEngine.create("test").open(db.toString(), Databases.properties())) {
            c.createStatement().executeUpdate("CREATE TABLE t(v)");
            assertTrue(inMemory(db), "the copy sqlite4j runs on");
        }
        assertFalse(inMemory(db), "no copy left holding heap after the close");
    }

    /** A copy some other sqlite4j user left in the shared file system is replaced by the file on disk. */
    @Test
    void aStaleCopyInMemoryIsReplacedByTheFileOnDisk() throws Exception {
        Path db = dir.resolve("fresh.db");
        Path other = dir.resolve("other.db");
        try (Connection n = Databases.raw(db); Statement s = n.createStatement()) {
            s.executeUpdate("CREATE TABLE t(v)");
            s.executeUpdate("INSERT INTO t VALUES (1), (2)");
        }
        try (Connection n = Databases.raw(other); Statement s = n.createStatement()) {
            s.executeUpdate("CREATE TABLE stale(v)");
        }
        synchronized (MemoryFiles.LOCK) {
            Path copy = MemoryFiles.current().getPath(db.toString());
            Files.createDirectories(copy.getParent());
            Files.write(copy, Files.readAllBytes(other));
        }
        try (Connection c = WasmEngine.create("test").open(db.toString(), Databases.properties())) {
            assertEquals(2, Databases.queryLong(c, "SELECT count(*) FROM t"));
            assertEquals(0, Databases.queryLong(c, "SELECT count(*) FROM sqlite_master WHERE name = 'stale'"));
        }
    }
}
