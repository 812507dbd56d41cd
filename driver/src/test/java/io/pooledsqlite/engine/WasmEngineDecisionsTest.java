package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the wasm engine decides before sqlite4j sees a file: which targets it opens, which settings it
 * hands on, when a commit is synced, and what it refuses rather than fail half-way. Most cases never
 * start sqlite4j.
 */
@ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ) // create() reads them
class WasmEngineDecisionsTest {
    @TempDir
    Path dir;

    private final Logger engineLog = Logger.getLogger(WasmEngine.class.getName());
    private Handler handler;
    private java.util.logging.Level level;

    /** The messages the engine logs from now on (JUL, the System.Logger backend here). */
    private List<String> capture() {
        List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
        handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                messages.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        level = engineLog.getLevel();
        engineLog.setLevel(java.util.logging.Level.INFO);
        engineLog.addHandler(handler);
        return messages;
    }

    @AfterEach
    void stopCapturing() {
        if (handler != null) {
            engineLog.removeHandler(handler);
            engineLog.setLevel(level);
        }
    }



    @Test
    void aFileUriWithOptionsIsRefusedBecauseTheCopyWouldLoseThem() throws Exception {
        WasmEngine engine = WasmEngine.create("test");
        SQLException e = assertThrows(SQLException.class,
                () -> engine.open("file:" + dir.resolve("x.db") + "?cache=shared", Databases.properties()));
        assertEquals("0A000", e.getSQLState());
        assertTrue(e.getMessage().contains("URI options are not supported"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("x.db")), "nothing was created");
    }

    @Test
    void aClassPathResourceIsRefusedAsNotAPlainFile() throws Exception {
        SQLException e = assertThrows(SQLException.class,
                () -> WasmEngine.create("test").open(":resource:db/app.db", Databases.properties()));
        assertEquals("0A000", e.getSQLState());
        assertTrue(e.getMessage().contains("plain database files, not :resource:db/app.db"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"FULL", "full", " Extra ", "2", "3"})
    void fullAndExtraSyncEveryCommitAsInNativeWalMode(String synchronous) {
        assertTrue(WasmEngine.syncsEachCommit(synchronous));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NORMAL", "normal", "OFF", "0", "1"})
    void normalAndOffSyncOnlyWhenFoldingAndClosing(String synchronous) {
        assertFalse(WasmEngine.syncsEachCommit(synchronous));
    }

    @Test
    void theCopyRunsExclusiveWithoutTheSettingsItCannotHonourWhichAreReportedOnce() throws Exception {
        WasmEngine engine = WasmEngine.create("test");
        List<String> messages = capture();
        Properties asked = Databases.properties("journal_mode", "WAL", "mmap_size", "268435456", "locking_mode", "NORMAL",
                "cache_size", "-2000", "synchronous", "FULL", "busy_timeout", "5000", "foreign_keys", "true");
        Properties given = engine.translate(asked);
        assertEquals(Databases.properties("locking_mode", "EXCLUSIVE", "busy_timeout", "5000", "foreign_keys", "true"), given);
        assertEquals(7, asked.size(), "the caller's settings are left as they were");
        assertEquals(1, messages.size(), String.valueOf(messages));
        String m = messages.get(0);
        assertTrue(m.contains("not applying journal_mode=WAL, mmap_size=268435456, locking_mode=NORMAL;")
                && m.contains("synchronous=FULL") && m.contains("per commit"), m);

        engine.translate(asked);
        assertEquals(1, messages.size(), "reported once per engine");
    }

    @Test
    void settingsItHonoursAreNotReported() throws Exception {
        WasmEngine engine = WasmEngine.create("test");
        List<String> messages = capture();
        engine.translate(Databases.properties("busy_timeout", "100", "cache_size", "-1000"));
        assertEquals(List.of(), messages);
        engine.translate(Databases.properties("mmap_size", "0"));
        assertEquals(1, messages.size(), "the first setting it cannot honour is still reported");
        assertTrue(messages.get(0).contains("not applying mmap_size=0;"), messages.get(0));
    }

    /**
     * A file that cannot fit in the heap beside sqlite4j is refused before any of it is read, and the engine
     * lets go of it: the next file opens at once instead of waiting for the refused one's permit.
     */
    @Test
    void aFileLargerThanTheFreeHeapIsRefusedUntouchedAndTheEngineLetsGoOfIt() throws Exception {
        Path big = dir.resolve("big.db");
        long size = Runtime.getRuntime().maxMemory() + (1L << 20);
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.write("SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            f.setLength(size); // sparse: no disk used
        }
        WasmEngine engine = WasmEngine.create("test");
        SQLException e = assertThrows(SQLException.class, () -> engine.open(big.toString(), Databases.properties("busy_timeout", "100")));
        assertEquals("53200", e.getSQLState());
        long max = Runtime.getRuntime().maxMemory();
        assertTrue(e.getMessage().contains("(" + (size >> 20) + " MiB with its log) does not fit in the heap (")
                && e.getMessage().contains(" MiB free of " + (max >> 20) + " MiB)")
                && e.getMessage().contains("raise -Xmx"), e.getMessage());
        assertEquals(0, OpenDescriptors.of(big) + OpenDescriptors.of(Path.of(big + "-wal")),
                "the refused open closed the file and its log");
        assertEquals(size, Files.size(big), "the file is untouched");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "r")) {
            byte[] head = new byte[16];
            f.readFully(head);
            assertArrayEquals("SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), head);
        }
        Path log = Path.of(big + "-wal");
        assertTrue(Files.notExists(log) || Files.size(log) == 0, "nothing was logged for it");

        Path small = dir.resolve("small.db");
        try (Connection c = engine.open(small.toString(), Databases.properties("busy_timeout", "100"))) {
            c.createStatement().executeUpdate("CREATE TABLE t(x)");
            assertEquals(0, Databases.queryLong(c, "SELECT count(*) FROM t"));
        }
    }

    /** One connection per engine at a time: a second waits for the first to close, then gives up. */
    @Test
    void aSecondConnectionWaitsForTheFirstToCloseAndThenGivesUp() throws Exception {
        WasmEngine engine = WasmEngine.create("test");
        Path db = dir.resolve("one.db");
        try (Connection first = engine.open(db.toString(), Databases.properties("busy_timeout", "100"))) {
            first.createStatement().executeUpdate("CREATE TABLE t(x)");
            SQLException e = assertThrows(SQLException.class, () -> engine.open(db.toString(), Databases.properties("busy_timeout", "100")));
            assertEquals("08001", e.getSQLState());
            assertTrue(e.getMessage().contains("did not close in time"), e.getMessage());
        }
        try (Connection next = engine.open(db.toString(), Databases.properties("busy_timeout", "100"))) {
            assertEquals(0, Databases.queryLong(next, "SELECT count(*) FROM t"));
        }
    }

    /** As native SQLite leaves it: a journal of no bytes (journal_mode=TRUNCATE) is no hot journal. */
    @Test
    void anEmptyJournalIsLeftAlone() throws Exception {
        Path db = dir.resolve("truncate.db");
        try (Connection n = Databases.raw(db);
             java.sql.Statement s = n.createStatement()) {
            s.execute("PRAGMA journal_mode = TRUNCATE");
            s.executeUpdate("CREATE TABLE t(x)");
            s.executeUpdate("INSERT INTO t VALUES (1)");
        }
        Path journal = Path.of(db + "-journal");
        assertTrue(Files.exists(journal) && Files.size(journal) == 0, "TRUNCATE leaves an empty journal");
        try (Connection c = WasmEngine.create("test").open(db.toString(), Databases.properties())) {
            assertEquals(1, Databases.queryLong(c, "SELECT count(*) FROM t"));
        }
        assertTrue(Files.exists(journal) && Files.size(journal) == 0);
    }
}
