package io.pooledsqlite.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.PooledSqliteDataSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sqlite.jdbc4.JDBC4Connection;

/** The pure-Java engine, forced with {@code engine=wasm} in this JVM. */
class WasmEngineTest {
    @TempDir
    Path dir;

    private PooledSqliteDataSource wasm(Path db) {
        return new PooledSqliteDataSource("jdbc:pooledsqlite:" + db + "?engine=wasm");
    }

    /** Plain sqlite-jdbc on the native library, opened directly: the oracle for what wasm left on disk. */
    private static Connection plainSqlite(Path db) throws SQLException {
        return new JDBC4Connection("jdbc:sqlite:" + db, db.toString(), new Properties());
    }

    /** Plain sqlite-jdbc in WAL mode that never checkpoints: its commits stay in the log, as a crash leaves them. */
    private static Connection plainSqliteKeepingItsLog(Path db) throws SQLException {
        Connection c = plainSqlite(db);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA wal_autocheckpoint = 0");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    @Test
    void applicationCodeBehavesAsOnNativeWithOneConnectionAndCachedStatements() throws Exception {
        Path db = dir.resolve("app.db");
        try (PooledSqliteDataSource ds = wasm(db)) {
            assertEquals("wasm", ds.getPoolMXBean().getEngine());
            assertEquals(1, ds.getPoolMXBean().getMaxPoolSize());
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
                c.setAutoCommit(false);
                s.executeUpdate("INSERT INTO t(v) VALUES ('rolled back')");
                c.rollback();
                for (int i = 0; i < 5; i++) {
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO t(v) VALUES (?)")) {
                        p.setString(1, "kept " + i);
                        p.executeUpdate();
                    }
                }
                c.commit();
                assertEquals("wal", Databases.queryString(c, "PRAGMA journal_mode"));
            }
            try (Connection c = ds.getConnection()) {
                c.setReadOnly(true);
                assertEquals(5, Databases.queryLong(c, "SELECT count(*) FROM t"));
                assertThrows(SQLException.class, () -> c.createStatement().executeUpdate("DELETE FROM t"));
            }
            assertTrue(ds.getPoolMXBean().getStatementCacheHits() >= 4);
        }
        try (Connection n = plainSqlite(db)) {
            assertEquals(0, Databases.queryLong(n, "SELECT count(*) FROM t WHERE v = 'rolled back'"));
            assertEquals(5, Databases.queryLong(n, "SELECT count(*) FROM t"));
        }
    }

    /**
     * A statement back from the cache binds NULL to every parameter its new borrower leaves unset, and
     * has no batch, as a freshly prepared one: whether its last borrower ran it or only bound it.
     */
    @Test
    void aReusedStatementKeepsNoParameterOrBatchOfItsLastBorrower() throws Exception {
        String select = "SELECT ?1 IS NULL AND ?2 IS NULL";
        String insert = "INSERT INTO t(v) VALUES (?)";
        try (PooledSqliteDataSource ds = wasm(dir.resolve("params.db")); Connection c = ds.getConnection()) {
            c.createStatement().executeUpdate("CREATE TABLE t(v)");
            try (PreparedStatement p = c.prepareStatement(select)) {
                p.setInt(1, 5);
                p.setString(2, "ran");
                p.executeQuery().close();
            }
            try (PreparedStatement p = c.prepareStatement(select)) {
                p.setInt(1, 6);
            }
            try (PreparedStatement p = c.prepareStatement(insert)) {
                p.setString(1, "batched, never run");
                p.addBatch();
            }
            try (PreparedStatement p = c.prepareStatement(select); ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next());
                assertTrue(rs.getBoolean(1), "both parameters unbound, as in a fresh statement");
            }
            try (PreparedStatement p = c.prepareStatement(insert)) {
                assertEquals(0, p.executeBatch().length, "no batch left");
            }
            assertEquals(3, ds.getPoolMXBean().getStatementCacheHits(), "the statements came from the cache");
            assertEquals(0, Databases.queryLong(c, "SELECT count(*) FROM t"));
        }
    }

    @Test
    void statementsThatWouldWriteOtherFilesAreRefusedNamingTheEngine() throws Exception {
        Path db = dir.resolve("app.db");
        Path other = dir.resolve("other.db");
        try (PooledSqliteDataSource ds = wasm(db); Connection c = ds.getConnection()) {
            c.createStatement().executeUpdate("CREATE TABLE t(v)");
            for (String sql : new String[] {"VACUUM INTO '" + other + "'", "ATTACH '" + other + "' AS o"}) {
                java.sql.SQLFeatureNotSupportedException e = org.junit.jupiter.api.Assertions.assertThrows(
                        java.sql.SQLFeatureNotSupportedException.class, () -> c.createStatement().execute(sql), sql);
                assertEquals("0A000", e.getSQLState());
                assertTrue(e.getMessage().contains("wasm"), e.getMessage());
            }
            assertFalse(java.nio.file.Files.exists(other), "nothing pretended to write the other file");
            c.createStatement().execute("VACUUM");
        }
    }

    @Test
    void anInMemoryDatabaseLivesAsLongAsThePool() throws Exception {
        try (PooledSqliteDataSource ds = new PooledSqliteDataSource("jdbc:pooledsqlite::memory:?engine=wasm")) {
            try (Connection c = ds.getConnection()) {
                c.createStatement().executeUpdate("CREATE TABLE t(v)");
                c.createStatement().executeUpdate("INSERT INTO t VALUES (1), (2)");
            }
            try (Connection c = ds.getConnection()) {
                assertEquals(2, Databases.queryLong(c, "SELECT count(*) FROM t"));
            }
            assertEquals("wasm", ds.getPoolMXBean().getEngine());
        }
    }

    @Test
    void aCommitIsInTheFileOnDiskBeforeCommitReturns() throws Exception {
        Path db = dir.resolve("durable.db");
        try (PooledSqliteDataSource ds = wasm(db); Connection c = ds.getConnection()) {
            c.createStatement().executeUpdate("CREATE TABLE t(v)");
            c.setAutoCommit(false);
            c.createStatement().executeUpdate("INSERT INTO t VALUES ('committed')");
            c.commit();
            // what a crash right now would leave: copy the files while the pool still runs
            Path copy = crashCopy(db);
            try (Connection n = plainSqlite(copy)) {
                assertEquals("committed", Databases.queryString(n, "SELECT v FROM t"));
            }
        }
    }

    @Test
    void anAutoCommitWriteIsOnDiskWhenTheStatementReturns() throws Exception {
        Path db = dir.resolve("autocommit.db");
        try (PooledSqliteDataSource ds = wasm(db); Connection c = ds.getConnection()) {
            c.createStatement().executeUpdate("CREATE TABLE t(v)");
            c.createStatement().executeUpdate("INSERT INTO t VALUES ('auto-committed')");
            // what a crash right now would leave: copy the files while the connection is still open
            Path copy = crashCopy(db);
            try (Connection n = plainSqlite(copy)) {
                assertEquals("auto-committed", Databases.queryString(n, "SELECT v FROM t"));
            }
        }
    }

    @Test
    @ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE) // read as wasm pools start
    void anIntervalPolicyDefersTheWriteToDiskUntilTheConnectionCloses() throws Exception {
        Path db = dir.resolve("interval.db");
        System.setProperty(DurabilityPolicy.PROPERTY, "interval:3600000");
        try (PooledSqliteDataSource ds = wasm(db)) {
            try (Connection c = ds.getConnection()) {
                System.clearProperty(DurabilityPolicy.PROPERTY); // read when the pool started
                c.setAutoCommit(false);
                c.createStatement().executeUpdate("CREATE TABLE t(v)");
                c.createStatement().executeUpdate("INSERT INTO t VALUES ('deferred')");
                c.commit();
                // the documented risk: a crash now would lose this commit
                Path copy = crashCopy(db);
                try (Connection n = plainSqlite(copy)) {
                    assertEquals(0, Databases.queryLong(n, "SELECT count(*) FROM sqlite_master WHERE name = 't'"));
                }
            }
        } finally {
            System.clearProperty(DurabilityPolicy.PROPERTY);
        }
        try (Connection n = plainSqlite(db)) {
            assertEquals("deferred", Databases.queryString(n, "SELECT v FROM t"));
        }
    }

    @Test
    @ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE) // read as wasm pools start
    void anIntervalPolicyWritesTheFirstCommitPastTheIntervalToDisk() throws Exception {
        Path db = dir.resolve("interval-due.db");
        System.setProperty(DurabilityPolicy.PROPERTY, "interval:200");
        try (PooledSqliteDataSource ds = wasm(db); Connection c = ds.getConnection()) {
            System.clearProperty(DurabilityPolicy.PROPERTY); // read when the pool started
            c.createStatement().executeUpdate("CREATE TABLE t(v)");
            long written = System.nanoTime();
            while (System.nanoTime() - written < TimeUnit.MILLISECONDS.toNanos(300)) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            c.createStatement().executeUpdate("INSERT INTO t VALUES ('past the interval')");
            // what a crash right now would leave: this commit came more than 200 ms after the last write
            Path copy = crashCopy(db);
            try (Connection n = plainSqlite(copy)) {
                assertEquals("past the interval", Databases.queryString(n, "SELECT v FROM t"));
            }
        } finally {
            System.clearProperty(DurabilityPolicy.PROPERTY);
        }
    }

    @Test
    @ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE) // read as wasm pools start
    void aBadDurabilityPolicyIsRefusedWhenThePoolStarts() {
        System.setProperty(DurabilityPolicy.PROPERTY, "sometimes");
        try {
            SQLException e = assertThrows(SQLException.class, () -> wasm(dir.resolve("bad.db")).getConnection());
            assertEquals("22023", e.getSQLState());
            assertTrue(e.getMessage().contains(DurabilityPolicy.PROPERTY), e.getMessage());
        } finally {
            System.clearProperty(DurabilityPolicy.PROPERTY);
        }
    }

    @Test
    void aTransactionThatOnlyReadsCommitsFineOnANewAndOnAReopenedFile() throws Exception {
        Path db = dir.resolve("reads.db");
        for (int round = 0; round < 2; round++) {
            try (PooledSqliteDataSource ds = wasm(db); Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                assertEquals(0, Databases.queryLong(c, "SELECT count(*) FROM sqlite_master WHERE name = 'nothing'"));
                c.commit();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PASSIVE", "FULL", "RESTART", "TRUNCATE"})
    void aCheckpointTheApplicationRunsLosesNoLaterCommit(String mode) throws Exception {
        Path db = dir.resolve("checkpoint-" + mode + ".db");
        try (PooledSqliteDataSource ds = wasm(db); Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
            for (int i = 0; i < 50; i++) {
                s.executeUpdate("INSERT INTO t(v) VALUES ('before " + i + "')");
            }
            try (ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
                assertTrue(rs.next());
            }
            for (int i = 0; i < 50; i++) {
                s.executeUpdate("INSERT INTO t(v) VALUES ('after " + i + "')");
            }
            assertNativeSees(crashCopy(db), 100);
        }
        assertNativeSees(db, 100);
    }

    @Test
    void anAutocheckpointSettingLosesNothingAndKeepsTheFileIntact() throws Exception {
        Path db = dir.resolve("autocheckpoint.db");
        try (PooledSqliteDataSource ds = wasm(db); Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint = 10");
            s.executeUpdate("CREATE TABLE t(id INTEGER PRIMARY KEY, v BLOB)");
            c.setAutoCommit(false);
            // rows from 100 bytes to overflow pages: SQLite checkpoints every few commits by itself
            for (int i = 0; i < 120; i++) {
                s.executeUpdate("INSERT INTO t(v) VALUES (randomblob(" + (100 + i * 33) + "))");
                if (i % 3 == 0) {
                    s.executeUpdate("INSERT INTO t(v) SELECT v FROM t WHERE id % 50 = " + (i % 50) + " LIMIT 3");
                }
                c.commit();
            }
            c.setAutoCommit(true);
            long rows = Databases.queryLong(c, "SELECT count(*) FROM t");
            assertNativeSees(crashCopy(db), rows);
            c.close();
            assertNativeSees(db, rows);
        }
    }

    @Test
    void journalModeAndPageSizeChangesAndVacuumKeepEveryCommit() throws Exception {
        Path db = dir.resolve("journal-mode.db");
        try (PooledSqliteDataSource ds = wasm(db); Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
            s.executeUpdate("INSERT INTO t(v) VALUES ('wal')");
            assertEquals("delete", Databases.queryString(c, "PRAGMA journal_mode = DELETE"));
            s.executeUpdate("INSERT INTO t(v) VALUES ('delete')");
            assertNativeSees(crashCopy(db), 2);
            Databases.queryString(c, "PRAGMA journal_mode = DELETE");
            s.execute("PRAGMA page_size = 8192");
            s.execute("VACUUM");
            s.executeUpdate("INSERT INTO t(v) VALUES ('after vacuum')");
            assertNativeSees(crashCopy(db), 3);
            s.executeUpdate("DELETE FROM t WHERE id = 1");
            s.execute("VACUUM");
            s.executeUpdate("INSERT INTO t(v) VALUES ('after second vacuum')");
            assertNativeSees(crashCopy(db), 3);
        }
        assertNativeSees(db, 3);
        try (Connection n = plainSqlite(db)) {
            assertEquals(8192, Databases.queryLong(n, "PRAGMA page_size"));
        }
    }

    @Test
    void whatAFailingAutoCommitBatchCommittedIsOnDiskWhenItFails() throws Exception {
        Path db = dir.resolve("failing-batch.db");
        try (PooledSqliteDataSource ds = wasm(db); Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t(id INTEGER PRIMARY KEY)");
            s.executeUpdate("CREATE TABLE taken(id INTEGER PRIMARY KEY)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?)")) {
                p.setInt(1, 6);
                p.executeUpdate();
                for (int id = 1; id <= 8; id++) {
                    p.setInt(1, id);
                    p.addBatch();
                }
                assertThrows(SQLException.class, p::executeBatch);
            }
            long visible = Databases.queryLong(c, "SELECT count(*) FROM t");
            assertTrue(visible >= 6, "rows 1-5 committed before the failure: " + visible);
            assertNativeSees(crashCopy(db), visible);
            s.executeUpdate("INSERT INTO taken VALUES (1); INSERT INTO taken VALUES (1)");
        } catch (SQLException e) {
            assertEquals("23505", e.getSQLState(), e.getMessage());
        }
        try (Connection n = plainSqlite(db)) {
            assertEquals(1, Databases.queryLong(n, "SELECT count(*) FROM taken"));
        }
    }

    /** What a crash right now would leave: the files copied while the pool still runs. */
    private Path crashCopy(Path db) throws IOException {
        Path copy = dir.resolve("crash-copy-" + System.nanoTime() + ".db");
        Files.copy(db, copy);
        if (Files.exists(Path.of(db + "-wal"))) {
            Files.copy(Path.of(db + "-wal"), Path.of(copy + "-wal"));
        }
        return copy;
    }

    private static void assertNativeSees(Path db, long rows) throws SQLException {
        try (Connection n = plainSqlite(db)) {
            assertEquals("ok", Databases.queryString(n, "PRAGMA integrity_check"));
            assertEquals(rows, Databases.queryLong(n, "SELECT count(*) FROM t"));
        }
    }

    @Test
    @ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE) // read as wasm pools start
    void theLogOnDiskIsFoldedIntoTheFileSoItDoesNotGrowWithTheWorkDone() throws Exception {
        Path db = dir.resolve("fold.db");
        System.setProperty(WasmEngine.CHECKPOINT_PROPERTY, "65536");
        try (PooledSqliteDataSource ds = wasm(db); Connection c = ds.getConnection()) {
            System.clearProperty(WasmEngine.CHECKPOINT_PROPERTY);
            c.createStatement().executeUpdate("CREATE TABLE t(b BLOB)");
            c.setAutoCommit(false);
            for (int i = 0; i < 40; i++) {
                c.createStatement().executeUpdate("INSERT INTO t VALUES (randomblob(50000))");
                c.commit();
            }
            long written = 40 * 50_000L;
            long file = Files.size(db);
            long log = Files.size(Path.of(db + "-wal"));
            // folding starts once the log outgrows the file: the log stays within one file plus one commit
            assertTrue(file > written / 2, "pages reached the database file: " + file);
            assertTrue(log < file + 100_000, "the log was emptied as it was folded: " + log + " vs " + file);
        } finally {
            System.clearProperty(WasmEngine.CHECKPOINT_PROPERTY);
        }
        assertNativeSees(db, 40);
    }

    /** Folding costs a sync of the file and a rewrite of its pages: below 4 MiB the log just grows. */
    @Test
    @ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ)
    void theLogIsNotFoldedBeforeItReachesFourMebibytes() throws Exception {
        Path db = dir.resolve("unfolded.db");
        try (PooledSqliteDataSource ds = wasm(db); Connection c = ds.getConnection()) {
            c.createStatement().executeUpdate("CREATE TABLE t(b BLOB)");
            for (int i = 0; i < 20; i++) {
                c.createStatement().executeUpdate("INSERT INTO t VALUES (randomblob(20000))");
            }
            long file = Files.size(db);
            long log = Files.size(Path.of(db + "-wal"));
            assertTrue(log > 20 * 20_000L && log > 4 * file, "the commits are in the log: " + log + " vs " + file);
            assertTrue(log < 4L << 20, "log " + log);
        }
        assertNativeSees(db, 20);
    }

    @Test
    void aLogLeftByACrashedNativeProcessIsRecoveredWithoutTheNativeLibrary() throws Exception {
        Path live = dir.resolve("native.db");
        Path crashed;
        try (Connection n = plainSqliteKeepingItsLog(live); Statement s = n.createStatement()) {
            s.executeUpdate("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
            for (int i = 1; i <= 3; i++) {
                s.executeUpdate("INSERT INTO t(v) VALUES ('commit " + i + "')");
            }
            // the state a kill -9 leaves: the database file, and the commits only in the log
            crashed = crashCopy(live);
        }
        appendTornFrame(Path.of(crashed + "-wal"));
        try (PooledSqliteDataSource ds = wasm(crashed); Connection c = ds.getConnection()) {
            assertEquals(3, Databases.queryLong(c, "SELECT count(*) FROM t"));
            assertEquals("commit 3", Databases.queryString(c, "SELECT v FROM t WHERE id = 3"));
        }
        assertNativeSees(crashed, 3);
    }

    @Test
    void aLogWithoutItsDatabaseFileIsDiscardedAsSqliteDoes() throws Exception {
        Path db = dir.resolve("orphan.db");
        Path crashed = dir.resolve("crashed-native.db");
        try (Connection n = plainSqliteKeepingItsLog(crashed); Statement s = n.createStatement()) {
            s.executeUpdate("CREATE TABLE old(v)");
            Files.copy(Path.of(crashed + "-wal"), Path.of(db + "-wal"));
        }
        try (PooledSqliteDataSource ds = wasm(db); Connection c = ds.getConnection()) {
            assertEquals(0, Databases.queryLong(c, "SELECT count(*) FROM sqlite_master"));
        }
    }

    /**
     * A native process in rollback-journal mode died in the middle of a transaction that had already spilled
     * pages into the file: the file and its journal as they were then (copied while the transaction was
     * open) are what a kill -9 leaves.
     */
    @Test
    void aHotJournalLeftByACrashedNativeProcessIsRolledBackAndThenDeleted() throws Exception {
        Path live = dir.resolve("journal-live.db");
        Path crashed = dir.resolve("journal-crashed.db");
        try (Connection n = plainSqlite(live); Statement s = n.createStatement()) {
            s.execute("PRAGMA journal_mode = DELETE");
            s.executeUpdate("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
            s.executeUpdate("INSERT INTO t(v) SELECT printf('%.2000c', 'x') FROM (WITH RECURSIVE n(i) AS"
                    + " (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) SELECT i FROM n)");
            s.execute("PRAGMA cache_size = 10"); // the transaction spills changed pages into the file
            n.setAutoCommit(false);
            s.executeUpdate("UPDATE t SET v = printf('%.2000c', 'y')");
            Files.copy(live, crashed);
            Files.copy(Path.of(live + "-journal"), Path.of(crashed + "-journal"));
            n.rollback();
        }
        Path fileAlone = dir.resolve("file-alone.db");
        Files.copy(crashed, fileAlone);
        try (Connection n = plainSqlite(fileAlone)) {
            assertTrue(Databases.queryLong(n, "SELECT count(*) FROM t WHERE v LIKE 'y%'") > 0,
                    "the file alone holds changes of the transaction the crash interrupted");
        }

        try (PooledSqliteDataSource ds = wasm(crashed); Connection c = ds.getConnection()) {
            assertEquals(0, Databases.queryLong(c, "SELECT count(*) FROM t WHERE v NOT LIKE 'x%'"));
            assertEquals(300, Databases.queryLong(c, "SELECT count(*) FROM t"));
            assertFalse(Files.exists(Path.of(crashed + "-journal")),
                    "the rolled-back state is on disk and the journal gone, so it is never played back again");
            c.createStatement().executeUpdate("INSERT INTO t(v) VALUES ('after recovery')");
        }
        assertNativeSees(crashed, 301);
    }

    /**
     * A journal that names a super-journal still on disk belongs to a transaction over several files; the
     * other files are out of this engine's reach, so the file is refused, untouched, and the engine lets go
     * of it (the next open is not kept waiting).
     */
    @Test
    void aHotJournalOfATransactionOverSeveralFilesIsRefusedWithoutTouchingIt() throws Exception {
        Path db = dir.resolve("multi.db");
        try (Connection n = plainSqlite(db); Statement s = n.createStatement()) {
            s.execute("PRAGMA journal_mode = DELETE");
            s.executeUpdate("CREATE TABLE t(v)");
            s.executeUpdate("INSERT INTO t VALUES (1)");
        }
        Path superJournal = dir.resolve("multi.db-mj5F3A2B1C");
        Files.write(superJournal, (db + "\0" + dir.resolve("other.db") + "\0").getBytes(StandardCharsets.UTF_8));
        byte[] name = superJournal.toString().getBytes(StandardCharsets.UTF_8);
        int checksum = 0;
        for (byte b : name) {
            checksum += b;
        }
        // SQLite's rollback journal format: a header, then (last) the super-journal's name, length, checksum, magic
        ByteBuffer journal = ByteBuffer.allocate(512 + 4 + name.length + 16);
        journal.putLong(0xd9d505f920a163d7L).putInt(0).putInt(7).putInt(2).putInt(512).putInt(4096);
        journal.position(512);
        journal.putInt(262_145).put(name).putInt(name.length).putInt(checksum).putLong(0xd9d505f920a163d7L);
        Path hot = Files.write(Path.of(db + "-journal"), journal.array());
        byte[] file = Files.readAllBytes(db);

        SQLException e = assertThrows(SQLException.class, () -> {
            try (PooledSqliteDataSource ds = wasm(db)) {
                ds.getConnection().close();
            }
        });
        assertEquals("55000", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains(superJournal.toString()), e.getMessage());
        assertTrue(java.util.Arrays.equals(file, Files.readAllBytes(db)), "the file is untouched");
        assertTrue(java.util.Arrays.equals(journal.array(), Files.readAllBytes(hot)), "the journal is untouched");

        Files.delete(superJournal); // the transaction committed: its journals are stale, as SQLite decides
        // a permit kept by the refused open would make this wait busy_timeout and fail with 08001
        try (PooledSqliteDataSource ds = wasm(db); Connection c = ds.getConnection()) {
            assertEquals(1, Databases.queryLong(c, "SELECT count(*) FROM t"));
        }
        assertNativeSees(db, 1);
    }

    /** Half a frame of garbage, as a write cut short by the crash leaves it. */
    private static void appendTornFrame(Path wal) throws IOException {
        try (FileChannel ch = FileChannel.open(wal, StandardOpenOption.APPEND)) {
            ByteBuffer junk = ByteBuffer.allocate(2000);
            for (int i = 0; i < junk.capacity(); i++) {
                junk.put((byte) (i * 31));
            }
            junk.flip();
            ch.write(junk);
        }
    }

    /**
     * Reading an existing file into memory must not drop the locks that keep native SQLite out: a POSIX
     * lock goes when the process closes any descriptor of the file (had sqlite4j read the file itself, it
     * would have). {@link WasmEngineAcrossProcessesTest} shows what another process then sees.
     */
    @Test
    void aFileNativeSqliteWroteOpensOnWasmWithItsRowsAndItsLocksHeld() throws Exception {
        Path db = dir.resolve("existing.db");
        try (Connection n = plainSqlite(db); Statement s = n.createStatement()) {
            s.executeUpdate("CREATE TABLE t(v)");
            s.executeUpdate("INSERT INTO t VALUES (1), (2)");
        }
        assertEquals(0, HeldLocks.of(db));
        try (PooledSqliteDataSource ds = wasm(db); Connection c = ds.getConnection()) {
            assertEquals(2, Databases.queryLong(c, "SELECT count(*) FROM t"));
            assertTrue(HeldLocks.of(db) > 0, "the engine's lock on the file is still held");
            c.createStatement().executeUpdate("INSERT INTO t VALUES (3)");
            assertNativeSees(crashCopy(db), 3);
        }
        assertNativeSees(db, 3);
    }

    @Test
    void aSecondPoolCannotRunTheSameFileOnWasmAtTheSameTime() throws Exception {
        Path db = dir.resolve("shared.db");
        try (PooledSqliteDataSource first = wasm(db); Connection held = first.getConnection()) {
            assertFalse(held.isClosed());
            SQLException e = assertThrows(SQLException.class, () -> {
                try (PooledSqliteDataSource second = wasm(db)) {
                    second.getConnection().close();
                }
            });
            assertEquals("55006", e.getSQLState(), e.getMessage());
            assertEquals(1, OpenDescriptors.of(Path.of(db + "-pooledsqlite.lock")),
                    "the refused pool closed its descriptor of the lock file: only the holder's is open");
        }
    }
}
