package io.pooledsqlite.pool;

import static io.pooledsqlite.Databases.queryLong;
import static io.pooledsqlite.Databases.queryString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.config.ConfigParser;
import io.pooledsqlite.config.PoolConfig;
import io.pooledsqlite.config.Target;
import io.pooledsqlite.engine.DatabaseWatch;
import io.pooledsqlite.engine.Engine;
import io.pooledsqlite.engine.ErrorClassifier;
import io.pooledsqlite.engine.TransactionControl;
import io.pooledsqlite.engine.resolve.EngineResolver;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.TimeUnit;
import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a pool checks and claims when it starts (the database's directory, a name no live pool has) and
 * what it gives back when it closes: its write gate and its engine, once, after its last connection.
 */
class PoolStartAndCloseTest {
    @TempDir
    Path dir;

    private final List<ConnectionPool> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(ConnectionPool::close);
    }

    private ConnectionPool startUrl(String url) throws SQLException {
        PoolConfig config = ConfigParser.parse(url, new Properties());
        return start(config, EngineResolver.resolve(config));
    }

    private ConnectionPool start(PoolConfig config, Engine engine) throws SQLException {
        ConnectionPool pool = new ConnectionPool(config, engine, new ManualClock());
        pools.add(pool);
        return pool;
    }

    private String fileUrl(String file, String keys) {
        return "jdbc:pooledsqlite:" + dir.resolve(file) + "?poolName=" + file + "-" + System.nanoTime()
                + (keys.isEmpty() ? "" : "&" + keys);
    }

    // ---------------------------------------------------------------- the database's directory

    @Test
    void aDirectoryIsRefusedAsTheDatabaseFile() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        SQLException e = assertThrows(SQLException.class,
                () -> startUrl("jdbc:pooledsqlite:" + sub + "?poolName=dir-" + System.nanoTime()));
        assertEquals("08001", e.getSQLState());
        assertEquals("Cannot open database file " + sub + ": it is a directory", e.getMessage());
    }

    @Test
    void aFileInAMissingDirectoryIsRefusedNamingTheDirectory() throws Exception {
        Path file = dir.resolve("no").resolve("such").resolve("x.db");
        SQLException e = assertThrows(SQLException.class,
                () -> startUrl("jdbc:pooledsqlite:" + file + "?poolName=missing-" + System.nanoTime()));
        assertEquals("08001", e.getSQLState());
        assertEquals("Cannot open database file " + file + ": directory " + file.getParent() + " does not exist",
                e.getMessage());
        assertFalse(Files.exists(file.getParent()), "nothing was created");
    }

    @Test
    void aFileUriIsLeftToSqliteNotCheckedAsAPath() throws Exception {
        Path file = dir.resolve("uri.db");
        ConnectionPool pool = startUrl("jdbc:pooledsqlite:file:" + file + "?poolName=uri-" + System.nanoTime());
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("create table t(x)");
        }
        assertTrue(Files.exists(file));
    }

    @Test
    void aFileThatIsNotADatabaseFailsTheStartNamingThePoolAndTheFile() throws Exception {
        Path file = dir.resolve("text.db");
        Files.writeString(file, "this is not a database, and far too long to be taken for an empty one");
        String name = "notadb-" + System.nanoTime();
        SQLException e = assertThrows(SQLException.class,
                () -> startUrl("jdbc:pooledsqlite:" + file + "?poolName=" + name));
        assertTrue(e.getMessage().startsWith("Pool " + name + " cannot open " + file + ": "), e.getMessage());
        assertEquals(26, e.getErrorCode(), "SQLITE_NOTADB: " + e);
        assertNotNull(e.getCause());
        assertEquals(e.getCause().getMessage(), e.getMessage().substring(("Pool " + name + " cannot open " + file
                + ": ").length()));
    }

    // ---------------------------------------------------------------- names

    @Test
    void aLivePoolsNameIsNotReusedButAClosedPoolsNameIs() throws Exception {
        String name = "same-" + System.nanoTime();
        ConnectionPool first = startUrl("jdbc:pooledsqlite:" + dir.resolve("a.db") + "?poolName=" + name);
        ConnectionPool second = startUrl("jdbc:pooledsqlite:" + dir.resolve("b.db") + "?poolName=" + name);
        ConnectionPool third = startUrl("jdbc:pooledsqlite:" + dir.resolve("c.db") + "?poolName=" + name);
        assertEquals(name, first.getPoolName());
        assertEquals(name + "-2", second.getPoolName());
        assertEquals(name + "-3", third.getPoolName());
        second.close();
        ConnectionPool fourth = startUrl("jdbc:pooledsqlite:" + dir.resolve("d.db") + "?poolName=" + name);
        assertEquals(name + "-2", fourth.getPoolName(), "the closed pool's name is free again");
        first.close();
        ConnectionPool fifth = startUrl("jdbc:pooledsqlite:" + dir.resolve("e.db") + "?poolName=" + name);
        assertEquals(name, fifth.getPoolName());
    }

    @Test
    void closingAPoolAgainLeavesTheNameAndMxBeanOfTheNextPoolWithThatNameAlone() throws Exception {
        String name = "again-" + System.nanoTime();
        ConnectionPool first = startUrl("jdbc:pooledsqlite:" + dir.resolve("a.db") + "?poolName=" + name);
        first.close();
        ConnectionPool second = startUrl("jdbc:pooledsqlite:" + dir.resolve("b.db") + "?poolName=" + name);
        assertEquals(name, second.getPoolName());
        first.close();
        javax.management.ObjectName mbean = new javax.management.ObjectName("io.pooledsqlite:type=Pool,name=" + name);
        assertTrue(java.lang.management.ManagementFactory.getPlatformMBeanServer().isRegistered(mbean),
                "the second pool's MXBean is still registered");
        ConnectionPool third = startUrl("jdbc:pooledsqlite:" + dir.resolve("c.db") + "?poolName=" + name);
        assertEquals(name + "-2", third.getPoolName(), "the second pool still holds the name");
    }

    @Test
    void aPoolWithoutANameIsNamedAfterItsSequenceNumber() throws Exception {
        ConnectionPool pool = startUrl("jdbc:pooledsqlite:" + dir.resolve("anon.db") + "?registerMbeans=false");
        assertTrue(pool.getPoolName().matches("pooledsqlite-[0-9]+"), pool.getPoolName());
        assertTrue(pool.snapshot().startsWith(pool.getPoolName() + " [engine=native, "), pool.snapshot());
    }

    // ---------------------------------------------------------------- the write gate at close

    @Test
    void aClosedPoolKeepsItsWriteGateUntilItsLastBorrowedConnectionReturns() throws Exception {
        String file = "gate.db";
        ConnectionPool a = startUrl(fileUrl(file, ""));
        Connection borrowed = a.getConnection();
        a.close();
        assertTrue(a.isClosed());
        ConnectionPool b = startUrl(fileUrl(file, ""));
        assertSame(a.gate(), b.gate(), "the borrowed connection of the closed pool still writes through it");
        borrowed.createStatement().executeUpdate("create table t(x)");
        borrowed.close();
        b.close();
        ConnectionPool c = startUrl(fileUrl(file, ""));
        assertNotSame(a.gate(), c.gate(), "both pools released the gate: a new one was made");
        try (Connection conn = c.getConnection()) {
            assertEquals(0, queryLong(conn, "select count(*) from t"));
        }
    }

    @Test
    void aPoolReleasesItsWriteGateOnceWhenItCloses() throws Exception {
        String file = "once.db";
        ConnectionPool stays = startUrl(fileUrl(file, "minIdle=2"));
        ConnectionPool closes = startUrl(fileUrl(file, "minIdle=2"));
        assertSame(stays.gate(), closes.gate());
        closes.close();
        ConnectionPool next = startUrl(fileUrl(file, ""));
        assertSame(stays.gate(), next.gate(), "the open pool's use of the gate is still counted");
    }

    @Test
    void anOpenPoolWithoutConnectionsKeepsItsWriteGate() throws Exception {
        String file = "empty.db";
        ConnectionPool a = startUrl(fileUrl(file, "minIdle=0"));
        a.softEvictConnections();
        assertEquals(0, a.getTotalConnections());
        ConnectionPool b = startUrl(fileUrl(file, ""));
        assertSame(a.gate(), b.gate(), "the pool is open: it still uses the gate");
        try (Connection c = a.getConnection()) {
            assertEquals(1, queryLong(c, "select 1"));
        }
    }

    @Test
    void aClosedPoolRefusesToLendWithoutOpeningAConnection() throws Exception {
        PoolConfig config = ConfigParser.parse(fileUrl("closed.db", ""), new Properties());
        CountingEngine engine = countingEngine(config, true);
        ConnectionPool pool = start(config, engine);
        pool.close();
        SQLTransientConnectionException e = assertThrows(SQLTransientConnectionException.class, pool::getConnection);
        assertEquals("08003", e.getSQLState());
        assertEquals("Pool " + pool.getPoolName() + " is closed", e.getMessage());
        assertEquals(1, engine.opened.size(), "only the connection opened at start");
    }

    @Test
    void aBorrowerWaitingWhenThePoolClosesIsToldItIsClosed() throws Exception {
        ConnectionPool pool = startUrl(fileUrl("waiting.db", "maxPoolSize=1&connectionTimeout=60000"));
        Connection held = pool.getConnection();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<SQLException> waiter = other.submit(() -> {
                try (Connection c = pool.getConnection()) {
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            SQLException e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                while (pool.getThreadsAwaitingConnection() == 0) {
                    Thread.onSpinWait();
                }
                pool.close();
                return waiter.get();
            });
            assertTrue(e instanceof SQLTransientConnectionException, String.valueOf(e));
            assertEquals("08003", e.getSQLState());
            assertEquals(0, pool.getThreadsAwaitingConnection());
        } finally {
            other.shutdownNow();
            held.close();
        }
    }

    /** The connection that keeps a private in-memory database alive, never lent. */
    private static Connection memoryAnchor(ConnectionPool pool) throws ReflectiveOperationException {
        Field f = ConnectionPool.class.getDeclaredField("memoryAnchor");
        f.setAccessible(true);
        return (Connection) f.get(pool);
    }

    @Test
    void anInMemoryPoolDropsItsDatabaseOnlyAfterItsLastBorrowedConnectionReturns() throws Exception {
        ConnectionPool pool = startUrl("jdbc:pooledsqlite::memory:?poolName=anchor-" + System.nanoTime());
        Connection anchor = memoryAnchor(pool);
        assertNotNull(anchor);
        Connection borrowed = pool.getConnection();
        pool.close();
        assertFalse(anchor.isClosed(), "the borrowed connection still uses the database");
        borrowed.createStatement().executeUpdate("create table t(x)");
        borrowed.close();
        assertTrue(anchor.isClosed());
    }

    // ---------------------------------------------------------------- the engine at close

    /** The local engine, counting its closes, with or without a write gate. */
    private static final class CountingEngine implements Engine {
        private final Engine engine;
        private final boolean writeGate;
        final AtomicInteger closes = new AtomicInteger();
        final List<Connection> opened = new ArrayList<>();

        CountingEngine(Engine engine, boolean writeGate) {
            this.engine = engine;
            this.writeGate = writeGate;
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public synchronized Connection open(String target, Properties sqliteSettings) throws SQLException {
            Connection c = engine.open(target, sqliteSettings);
            opened.add(c);
            return c;
        }

        @Override
        public TransactionControl transactions() {
            return TransactionControl.of(writeGate, engine.transactions().beginWrite());
        }

        @Override
        public ErrorClassifier errors() {
            return engine.errors();
        }

        @Override
        public DatabaseWatch watch(String poolName, Target target) {
            return engine.watch(poolName, target);
        }

        @Override
        public void runControl(Connection physical, PreparedStatement statement) throws SQLException {
            engine.runControl(physical, statement);
        }

        @Override
        public long changes(Connection physical) {
            return engine.changes(physical);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    private CountingEngine countingEngine(PoolConfig config, boolean writeGate) throws SQLException {
        return new CountingEngine(EngineResolver.resolve(config), writeGate);
    }

    @Test
    void theEngineIsClosedOnceAfterTheLastBorrowedConnectionOfAClosedPoolReturns() throws Exception {
        PoolConfig config = ConfigParser.parse(fileUrl("engine.db", ""), new Properties());
        CountingEngine engine = countingEngine(config, true);
        ConnectionPool pool = start(config, engine);
        assertEquals("counting", pool.getEngine());
        Connection borrowed = pool.getConnection();
        pool.close();
        assertEquals(0, engine.closes.get(), "a connection is still out");
        borrowed.close();
        assertEquals(1, engine.closes.get());
        pool.close();
        assertEquals(1, engine.closes.get(), "once");
        for (Connection c : engine.opened) {
            assertTrue(c.isClosed());
        }
    }

    @Test
    void aPoolWithoutConnectionsClosesItsEngineWhenItCloses() throws Exception {
        PoolConfig config = ConfigParser.parse(fileUrl("none.db", "minIdle=0"), new Properties());
        CountingEngine engine = countingEngine(config, true);
        ConnectionPool pool = start(config, engine);
        pool.softEvictConnections();
        assertEquals(0, pool.getTotalConnections());
        assertEquals(0, engine.closes.get(), "the pool is still open");
        pool.close();
        assertEquals(1, engine.closes.get());
    }

    @Test
    void anEngineThatOrdersWritersItselfGetsNoWriteGate() throws Exception {
        PoolConfig config = ConfigParser.parse(fileUrl("nogate.db", ""), new Properties());
        CountingEngine engine = countingEngine(config, false);
        ConnectionPool pool = start(config, engine);
        assertNull(pool.gate());
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("create table t(x)");
            s.executeUpdate("insert into t values (1)");
        }
        assertEquals(0, pool.getWriteGateWaits());
        assertEquals(0, pool.getWriteGateWaitMillis());
        assertTrue(pool.snapshot().contains(", gateWaits=0, "), pool.snapshot());
        pool.close();
        assertEquals(1, engine.closes.get());
    }

    // ---------------------------------------------------------------- what a closed pool leaves behind

    /** A pool used on this thread and closed, reachable only through what the pool itself left behind. */
    private WeakReference<ConnectionPool> aClosedPoolUsedOnThisThread() throws SQLException {
        PoolConfig config = ConfigParser.parse(fileUrl("left.db", "maxPoolSize=2"), new Properties());
        ConnectionPool pool = new ConnectionPool(config, EngineResolver.resolve(config), new ManualClock());
        try (Connection a = pool.getConnection(); Connection b = pool.getConnection()) {
            a.createStatement().execute("create table t(x)");
            b.createStatement().execute("select * from t");
        }
        pool.getConnection().close();
        pool.close();
        return new WeakReference<>(pool);
    }

    /**
     * Each thread remembers the entry it returned last, to take it back first: the memory must not keep a
     * closed pool and its connections (a wasm connection holds ~32 MB of heap) alive for the thread's life.
     */
    @Test
    void aClosedPoolIsNotKeptAliveByTheThreadThatReturnedItsConnections() throws Exception {
        WeakReference<ConnectionPool> ref = aClosedPoolUsedOnThisThread();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ref.get() != null && System.nanoTime() < deadline) {
            System.gc();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // a reference is cleared after a collection
        }
        assertNull(ref.get(), "the closed pool is still reachable");
    }

    // ---------------------------------------------------------------- a pool that fails to start

    @Test
    void aPoolWhoseIntegrityCheckFailsClosesWhatItOpenedAndFreesItsName() throws Exception {
        Path file = dir.resolve("bad-index.db");
        try (Connection raw = Databases.raw(file); Statement s = raw.createStatement()) {
            s.execute("create table t(a, b)");
            s.execute("create index ta on t(a)");
            s.execute("insert into t values (1, 10), (2, 20), (3, 30)");
            // make the index claim to cover b: its entries (the values of a) are now all wrong
            s.execute("pragma writable_schema = on");
            s.execute("update sqlite_schema set sql = 'CREATE INDEX ta ON t(b)' where name = 'ta'");
            s.execute("pragma writable_schema = off");
        }
        String name = "failed-" + System.nanoTime();
        PoolConfig config = ConfigParser.parse("jdbc:pooledsqlite:" + file + "?poolName=" + name
                + "&integrityCheck=full&minIdle=2", new Properties());
        CountingEngine engine = countingEngine(config, true);
        SQLException e = assertThrows(SQLException.class, () -> new ConnectionPool(config, engine, new ManualClock()));
        assertEquals("XX001", e.getSQLState());
        assertEquals(1, engine.opened.size(), "the check runs on the first connection");
        assertTrue(engine.opened.get(0).isClosed(), "the connection of the failed start was closed");
        assertEquals(1, engine.closes.get(), "the engine was closed");
        ConnectionPool healthy = startUrl("jdbc:pooledsqlite:" + dir.resolve("ok.db") + "?poolName=" + name);
        assertEquals(name, healthy.getPoolName(), "the failed pool's name is free");
    }

    // ---------------------------------------------------------------- a read-only database

    /**
     * Makes {@code file} impossible to open for writing, even for root ({@code chattr +i}), or returns false
     * where that cannot be done (then the test is skipped).
     */
    private static boolean makeImmutable(Path file, boolean on) throws Exception {
        if (!on) {
            file.toFile().setWritable(true);
        }
        try {
            Process p = new ProcessBuilder("chattr", on ? "+i" : "-i", file.toString()).redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() == 0) {
                return true;
            }
        } catch (java.io.IOException noChattr) {
            // fall back to permissions
        }
        if (on) {
            file.toFile().setWritable(false);
            return !Files.isWritable(file);
        }
        return true;
    }

    @Test
    void aReadOnlyFileOpensInItsOwnJournalModeUnlessJournalModeWasAskedFor() throws Exception {
        Path file = dir.resolve("readonly.db");
        try (Connection raw = Databases.raw(file); Statement s = raw.createStatement()) {
            s.executeUpdate("create table t(x)");
            s.executeUpdate("insert into t values (1)");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(makeImmutable(file, true), "cannot make a file read-only");
        try {
            String url = "jdbc:pooledsqlite:" + file + "?poolName=ro-" + System.nanoTime();
            ConnectionPool pool = startUrl(url + "&maxPoolSize=2");
            try (Connection a = pool.getConnection(); Connection b = pool.getConnection()) {
                assertEquals("delete", queryString(a, "pragma journal_mode"));
                assertEquals("delete", queryString(b, "pragma journal_mode"), "the second open knew already");
                assertEquals(1, queryLong(b, "select count(*) from t"));
            }
            assertEquals(2, pool.getConnectionsCreated());
            pool.close();
            SQLException e = assertThrows(SQLException.class,
                    () -> startUrl("jdbc:pooledsqlite:" + file + "?poolName=ro-wal-" + System.nanoTime()
                            + "&journal_mode=WAL"));
            assertNotNull(e.getMessage());
            assertTrue(e.getMessage().contains("cannot open " + file), e.getMessage());
        } finally {
            makeImmutable(file, false);
        }
    }
}
