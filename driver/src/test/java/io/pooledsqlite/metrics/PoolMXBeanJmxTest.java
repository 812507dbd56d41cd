package io.pooledsqlite.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.PooledSqliteDataSource;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator sees and does through JMX (jconsole, VisualVM, a JMX exporter): the platform MBean server. */
class PoolMXBeanJmxTest {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    @TempDir
    Path dir;

    private PooledSqliteDataSource ds;
    private ObjectName name;

    @BeforeEach
    void startPool() throws Exception {
        String pool = "jmx-" + POOLS.incrementAndGet();
        ds = new PooledSqliteDataSource(dir.resolve(pool + ".db").toString());
        ds.setProperty("poolName", pool);
        ds.setProperty("minIdle", "1");
        ds.getConnection().close();
        name = new ObjectName("io.pooledsqlite:type=Pool,name=" + pool);
    }

    @AfterEach
    void closePool() {
        ds.close();
    }

    private long attribute(String attribute) throws Exception {
        return ((Number) SERVER.getAttribute(name, attribute)).longValue();
    }

    private void prepareAndRun(Connection c, String sql) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeQuery().close();
        }
    }

    @Test
    void figuresAreReadableAsAttributes() throws Exception {
        try (Connection c = ds.getConnection()) {
            assertEquals(1, attribute("ActiveConnections"));
            assertEquals(0, attribute("IdleConnections"));
            assertEquals(1, attribute("TotalConnections"));
        }
        assertEquals(ds.getPoolMXBean().getEngine(), SERVER.getAttribute(name, "Engine"));
        assertEquals(2, attribute("Borrows"));
        assertEquals(1, attribute("ConnectionsCreated"));
        assertEquals(0, attribute("AcquireTimeouts"));
        assertEquals(0, attribute("WriteGateWaits"));
        assertEquals(0, attribute("WriteGateWaitMillis"));
        assertEquals(10, attribute("MaxPoolSize"));
    }

    @Test
    void writeGateWaitTimeAddsUpWhileAWriterWaits() throws Exception {
        try (Connection c = ds.getConnection()) {
            c.createStatement().executeUpdate("create table t(n integer)");
        }
        PoolMXBean pool = ds.getPoolMXBean();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (Connection first = ds.getConnection()) {
            first.setAutoCommit(false);
            first.createStatement().executeUpdate("insert into t values (1)");
            Future<?> second = other.submit(() -> {
                try (Connection c = ds.getConnection()) {
                    c.createStatement().executeUpdate("insert into t values (2)");
                }
                return null;
            });
            Eventually.await("the second writer waits", () -> pool.getWriteGateWaits() == 1);
            // hold the gate long enough for the wait to reach a whole millisecond
            Thread.sleep(20);
            first.commit();
            second.get(10, TimeUnit.SECONDS);
        } finally {
            other.shutdownNow();
        }
        assertEquals(1, attribute("WriteGateWaits"));
        assertTrue(attribute("WriteGateWaitMillis") >= 1);
    }

    @Test
    void softEvictConnectionsReplacesIdleConnectionsAtOnceAndBorrowedOnesOnReturn() throws Exception {
        Connection borrowed = ds.getConnection();
        Connection second = ds.getConnection();
        second.close();
        assertEquals(2, attribute("TotalConnections"));

        SERVER.invoke(name, "softEvictConnections", null, null);

        assertEquals(1, attribute("ConnectionsClosed"), "the idle connection is closed at once");
        borrowed.close();
        assertEquals(2, attribute("ConnectionsClosed"), "the borrowed one is closed when returned");
        assertEquals(1, attribute("TotalConnections"), "minIdle is kept with a new connection");
        assertEquals(3, attribute("ConnectionsCreated"));
        try (Connection c = ds.getConnection()) {
            assertTrue(c.isValid(1));
        }
    }

    @Test
    void clearStatementCachesMakesTheNextPrepareAMiss() throws Exception {
        try (Connection c = ds.getConnection()) {
            prepareAndRun(c, "select 1");
            prepareAndRun(c, "select 1");
        }
        assertEquals(1, attribute("StatementCacheHits"));
        assertEquals(1, attribute("StatementCacheMisses"));

        SERVER.invoke(name, "clearStatementCaches", null, null);

        try (Connection c = ds.getConnection()) {
            prepareAndRun(c, "select 1");
        }
        assertEquals(1, attribute("StatementCacheHits"));
        assertEquals(2, attribute("StatementCacheMisses"));
    }

    @Test
    void snapshotSummarisesThePoolInOneLine() throws Exception {
        ds.getConnection().close();
        String snapshot = (String) SERVER.invoke(name, "snapshot", null, null);
        assertTrue(snapshot.startsWith(ds.getPoolMXBean().getPoolName() + " [engine="), snapshot);
        assertTrue(snapshot.contains("borrows=2"), snapshot);
        assertFalse(snapshot.contains("\n"), snapshot);
    }

    @Test
    void theMXBeanIsUnregisteredWhenThePoolCloses() {
        assertTrue(SERVER.isRegistered(name));
        ds.close();
        assertFalse(SERVER.isRegistered(name));
    }
}
