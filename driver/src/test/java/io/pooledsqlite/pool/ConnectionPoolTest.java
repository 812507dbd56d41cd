package io.pooledsqlite.pool;

import static io.pooledsqlite.Databases.queryLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.PooledSqliteDriver;
import io.pooledsqlite.metrics.PoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

class ConnectionPoolTest {
    @TempDir
    Path dir;

    @AfterEach
    void closePools() {
        Databases.closePools(dir);
    }

    private static PoolMXBean pool(String url) throws SQLException {
        return PooledSqliteDriver.pool(url, null);
    }

    /** Polls a condition the housekeeper makes true in the background, for at most 10 seconds. */
    private static void await(String what, java.util.function.BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void sixteenThreadsBorrowingAndReturningShareAtMostMaxPoolSizeConnectionsWithoutErrorsOrLeaks()
            throws Exception {
        String url = Databases.url(dir, "maxPoolSize=4");
        Databases.execute(url, "create table t(id integer primary key, n integer)");
        Databases.execute(url, "insert into t(n) values (0)");
        long borrowsBefore = pool(url).getBorrows();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        AtomicLong reads = new AtomicLong();
        // a fixed amount of work, not a fixed time: mutation testing runs this test for many mutants
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            final int id = i;
            done.add(threads.submit(() -> {
                for (int n = 0; n < 300; n++) {
                    try (Connection c = DriverManager.getConnection(url)) {
                        if (id % 4 == 0) {
                            c.createStatement().executeUpdate("update t set n = n + 1");
                        } else {
                            try (PreparedStatement ps = c.prepareStatement("select n from t");
                                 ResultSet rs = ps.executeQuery()) {
                                rs.next();
                                reads.incrementAndGet();
                            }
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        threads.shutdown();
        PoolMXBean pool = pool(url);
        assertEquals(0, pool.getActiveConnections(), "every borrowed connection came back");
        assertTrue(pool.getConnectionsCreated() <= 4, "created " + pool.getConnectionsCreated());
        assertEquals(12 * 300, reads.get());
        assertEquals(16 * 300, pool.getBorrows() - borrowsBefore);
        try (Connection c = DriverManager.getConnection(url)) {
            assertEquals(4 * 300, queryLong(c, "select n from t"), "every update committed");
        }
        assertEquals(0, pool.getAcquireTimeouts());
    }

    @Test
    void waitingForAConnectionTimesOutWithTheCountsInTheMessage() throws Exception {
        String url = Databases.url(dir, "maxPoolSize=1&connectionTimeout=200");
        try (Connection held = DriverManager.getConnection(url)) {
            SQLTransientConnectionException e = assertThrows(SQLTransientConnectionException.class,
                    () -> DriverManager.getConnection(url));
            assertEquals("08001", e.getSQLState());
            assertTrue(e.getMessage().contains("total=1, active=1, idle=0, waiting=1"), e.getMessage());
            assertEquals(1, pool(url).getAcquireTimeouts());
        }
        DriverManager.getConnection(url).close();
    }

    @Test
    void aReturnedConnectionIsHandedToAWaitingThread() throws Exception {
        String url = Databases.url(dir, "maxPoolSize=1&connectionTimeout=10000");
        Connection held = DriverManager.getConnection(url);
        CountDownLatch waiting = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        Future<Long> borrowed = other.submit(() -> {
            waiting.countDown();
            try (Connection c = DriverManager.getConnection(url)) {
                return queryLong(c, "select 7");
            }
        });
        waiting.await();
        await("the other thread waits", () -> {
            try {
                return pool(url).getThreadsAwaitingConnection() == 1;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        held.close();
        assertEquals(7, borrowed.get(10, TimeUnit.SECONDS));
        other.shutdown();
        assertEquals(1, pool(url).getConnectionsCreated());
    }

    @Test
    void aThreadInterruptedWhileWaitingGetsAnErrorAndKeepsItsInterruptFlag() throws Exception {
        String url = Databases.url(dir, "maxPoolSize=1&connectionTimeout=30000");
        try (Connection held = DriverManager.getConnection(url)) {
            Thread.currentThread().interrupt();
            SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url));
            assertTrue(Thread.interrupted(), "the interrupt flag is kept");
            assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
        }
    }

    @Test
    void aConnectionClosedBehindThePoolsBackIsNotLentAgain() throws Exception {
        String url = Databases.url(dir, "maxPoolSize=1");
        try (Connection c = DriverManager.getConnection(url)) {
            c.unwrap(SQLiteConnection.class).close();
        }
        try (Connection c = DriverManager.getConnection(url)) {
            assertEquals(1, queryLong(c, "select 1"));
        }
        assertEquals(2, pool(url).getConnectionsCreated());
    }

    @Test
    void aConnectionHeldPastTheLeakThresholdIsReported() throws Exception {
        String url = Databases.url(dir, "leakDetectionThreshold=100");
        PoolMXBean pool;
        try (Connection c = DriverManager.getConnection(url)) {
            pool = pool(url);
            await("the leak is reported", () -> pool.getLeaksDetected() == 1);
        }
        try (Connection c = DriverManager.getConnection(url)) {
            queryLong(c, "select 1");
        }
        assertEquals(1, pool.getLeaksDetected(), "a quick borrow is no leak");
    }

    @Test
    void thePoolIsAnMXBeanWithTheContractAttributes() throws Exception {
        String url = Databases.url(dir, "maxPoolSize=3");
        try (Connection c = DriverManager.getConnection(url)) {
            c.prepareStatement("select 1").close();
            c.prepareStatement("select 1").close();
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("io.pooledsqlite:type=Pool,name=" + pool(url).getPoolName());
            assertEquals("native", server.getAttribute(name, "Engine"));
            assertEquals(1, server.getAttribute(name, "TotalConnections"));
            assertEquals(1, server.getAttribute(name, "ActiveConnections"));
            assertEquals(0, server.getAttribute(name, "IdleConnections"));
            assertEquals(0, server.getAttribute(name, "ThreadsAwaitingConnection"));
            assertEquals(1L, server.getAttribute(name, "ConnectionsCreated"));
            assertEquals(1L, server.getAttribute(name, "StatementCacheHits"));
            assertEquals(1L, server.getAttribute(name, "StatementCacheMisses"));
            assertTrue(((String) server.invoke(name, "snapshot", null, null)).contains("active=1"));
        }
    }

    @Test
    void twoPoolsNeverClashOnAName() throws Exception {
        String a = "jdbc:pooledsqlite:" + dir.resolve("a.db") + "?poolName=same";
        String b = "jdbc:pooledsqlite:" + dir.resolve("b.db") + "?poolName=same";
        DriverManager.getConnection(a).close();
        DriverManager.getConnection(b).close();
        assertEquals("same", pool(a).getPoolName());
        assertEquals("same-2", pool(b).getPoolName());
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        assertTrue(server.isRegistered(new ObjectName("io.pooledsqlite:type=Pool,name=same-2")));
        Databases.closePools(dir);
        assertFalse(server.isRegistered(new ObjectName("io.pooledsqlite:type=Pool,name=same")),
                "closing unregisters the MXBean");
    }

    @Test
    void registerMbeansFalseKeepsThePoolOutOfJmx() throws Exception {
        String url = "jdbc:pooledsqlite:" + dir.resolve("x.db") + "?poolName=hidden&registerMbeans=false";
        DriverManager.getConnection(url).close();
        assertFalse(ManagementFactory.getPlatformMBeanServer()
                .isRegistered(new ObjectName("io.pooledsqlite:type=Pool,name=hidden")));
    }

    @Test
    void softEvictionReplacesConnectionsAndClearingCachesClosesStatements() throws Exception {
        String url = Databases.url(dir, "maxPoolSize=1");
        SQLiteConnection before;
        try (Connection c = DriverManager.getConnection(url)) {
            before = Databases.physicalOf(c);
            c.prepareStatement("select 1").close();
        }
        PoolMXBean pool = pool(url);
        long misses = pool.getStatementCacheMisses();
        pool.clearStatementCaches();
        try (Connection c = DriverManager.getConnection(url)) {
            c.prepareStatement("select 1").close();
        }
        assertEquals(misses + 1, pool.getStatementCacheMisses(), "the cached statement was closed");
        assertFalse(before.isClosed(), "only the statement cache was cleared");
        pool.softEvictConnections();
        assertTrue(before.isClosed());
        try (Connection c = DriverManager.getConnection(url)) {
            assertEquals(1, queryLong(c, "select 1"));
        }
    }

    @Test
    void closingThePoolWhileConnectionsAreBorrowedClosesThemOnReturn() throws Exception {
        String url = Databases.url(dir, "");
        Databases.execute(url, "create table t(x)");
        Connection borrowed = DriverManager.getConnection(url);
        SQLiteConnection physical = Databases.physicalOf(borrowed);
        PoolMXBean pool = pool(url);
        Databases.closePools(dir);
        borrowed.createStatement().executeUpdate("insert into t values (1)");
        borrowed.close();
        assertTrue(physical.isClosed());
        assertEquals(0, pool.getTotalConnections());
        try (Connection c = DriverManager.getConnection(url)) {
            assertEquals(1, queryLong(c, "select count(*) from t"), "the write made before the return is kept");
        }
    }
}
