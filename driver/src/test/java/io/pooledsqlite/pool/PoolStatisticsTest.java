package io.pooledsqlite.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.config.ConfigParser;
import io.pooledsqlite.config.PoolConfig;
import io.pooledsqlite.engine.resolve.EngineResolver;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the pool's MXBean reports: each count and total exact after a known sequence of borrows, returns,
 * timeouts and retirements, so a counter that stops counting, or a total that forgets the connections
 * already closed, shows.
 */
class PoolStatisticsTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    private final List<ConnectionPool> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(ConnectionPool::close);
    }

    private ConnectionPool start(String keys) throws SQLException {
        PoolConfig config = ConfigParser.parse(Databases.url(dir, keys), new Properties());
        ConnectionPool pool = new ConnectionPool(config, EngineResolver.resolve(config), clock);
        pools.add(pool);
        return pool;
    }

    @Test
    void borrowsReturnsAndTheirTimesAreCountedAndSurviveTheConnectionsRetirement() throws Exception {
        long before = System.nanoTime();
        ConnectionPool pool = start("maxPoolSize=2&minIdle=0");
        assertEquals(1, pool.getConnectionsCreated(), "one connection is opened at start even with minIdle=0");
        assertEquals(1, pool.getIdleConnections());
        assertEquals(0, pool.getBorrows());
        assertEquals(0, pool.getReturns());
        assertEquals(0, pool.getAcquireNanosTotal());
        assertEquals(0, pool.getUsageNanosTotal());

        Connection a = pool.getConnection();
        Connection b = pool.getConnection();
        assertEquals(2, pool.getBorrows());
        assertEquals(2, pool.getConnectionsCreated());
        assertEquals(2, pool.getActiveConnections());
        assertEquals(0, pool.getIdleConnections());
        assertEquals(2, pool.getTotalConnections());
        assertEquals(0, pool.getReturns());
        assertEquals(0, pool.getUsageNanosTotal(), "nothing was returned yet");
        long acquired = pool.getAcquireNanosTotal();
        assertTrue(acquired > 0, "acquire time is counted: " + acquired);

        a.close();
        assertEquals(1, pool.getReturns());
        assertEquals(1, pool.getActiveConnections());
        assertEquals(1, pool.getIdleConnections());
        b.close();
        assertEquals(2, pool.getReturns());
        assertEquals(0, pool.getActiveConnections());
        assertEquals(2, pool.getIdleConnections());
        long used = pool.getUsageNanosTotal();
        assertTrue(used > 0, "usage time is counted: " + used);
        assertEquals(acquired, pool.getAcquireNanosTotal(), "a return adds no acquire time");
        long elapsed = System.nanoTime() - before;
        // a and b were acquired one after the other but held at the same time: their usage adds up to twice the test
        assertTrue(acquired <= elapsed && used <= 2 * elapsed,
                "times are durations within the test: acquired " + acquired + ", used " + used + ", test " + elapsed);

        pool.softEvictConnections();
        assertEquals(0, pool.getTotalConnections(), "minIdle=0: none is reopened");
        assertEquals(2, pool.getConnectionsClosed());
        assertEquals(2, pool.getReturns(), "returns of closed connections still count");
        assertEquals(acquired, pool.getAcquireNanosTotal(), "acquire time of closed connections still counts");
        assertEquals(used, pool.getUsageNanosTotal(), "usage time of closed connections still counts");

        try (Connection c = pool.getConnection()) {
            assertEquals(3, pool.getBorrows());
            assertEquals(3, pool.getConnectionsCreated());
            assertTrue(pool.getAcquireNanosTotal() > acquired, "the open connection's time is added to the closed ones'");
        }
        assertEquals(3, pool.getReturns(), "the closed connections' returns plus the open one's");
        assertTrue(pool.getUsageNanosTotal() > used);
    }

    @Test
    void theConfiguredLimitsAndTheEngineAreReported() throws Exception {
        ConnectionPool pool = start("maxPoolSize=3&minIdle=2");
        assertEquals(3, pool.getMaxPoolSize());
        assertEquals(2, pool.getMinIdle());
        assertEquals(2, pool.getTotalConnections());
        assertEquals("native", pool.getEngine());
    }

    @Test
    void timeoutsAreCountedOnePerBorrowerThatGaveUp() throws Exception {
        ConnectionPool pool = start("maxPoolSize=1&connectionTimeout=20");
        try (Connection held = pool.getConnection()) {
            for (int i = 0; i < 2; i++) {
                SQLTransientConnectionException e = assertTimeoutPreemptively(LIMIT,
                        () -> assertThrows(SQLTransientConnectionException.class, pool::getConnection));
                assertEquals("08001", e.getSQLState());
                assertEquals(pool.getPoolName() + " - Connection is not available, request timed out after 20 ms"
                        + " (total=1, active=1, idle=0, waiting=1)", e.getMessage());
            }
        }
        assertEquals(2, pool.getAcquireTimeouts());
        assertEquals(1, pool.getBorrows(), "a borrower that timed out borrowed nothing");
    }

    @Test
    void statementCacheHitsMissesAndEvictionsAreCounted() throws Exception {
        ConnectionPool pool = start("maxPoolSize=1&statementCacheSize=1");
        try (Connection c = pool.getConnection()) {
            c.prepareStatement("select 1").close();
            c.prepareStatement("select 1").close();
            c.prepareStatement("select 2").close();
        }
        assertEquals(1, pool.getStatementCacheHits());
        assertEquals(2, pool.getStatementCacheMisses());
        assertEquals(1, pool.getStatementCacheEvictions(), "select 1 made room for select 2");
    }

    /**
     * A writer waiting for another's write transaction is counted, with how long it waited; both show in the
     * snapshot, which names every count.
     */
    @Test
    void writeGateWaitsAndTheSnapshotReportEveryCount() throws Exception {
        ConnectionPool pool = start("maxPoolSize=2");
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("create table t(x)");
        }
        assertEquals(0, pool.getWriteGateWaits());
        assertEquals(0, pool.getWriteGateWaitMillis());
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            assertTimeoutPreemptively(LIMIT, () -> {
                try (Connection first = pool.getConnection(); Statement s = first.createStatement()) {
                    first.setAutoCommit(false);
                    s.executeUpdate("insert into t values (1)");
                    Future<Integer> second = other.submit(() -> {
                        try (Connection c = pool.getConnection(); Statement s2 = c.createStatement()) {
                            return s2.executeUpdate("insert into t values (2)");
                        }
                    });
                    while (pool.getWriteGateWaits() == 0) {
                        Thread.onSpinWait();
                    }
                    long waitingSince = System.nanoTime();
                    while (System.nanoTime() - waitingSince < TimeUnit.MILLISECONDS.toNanos(5)) {
                        Thread.onSpinWait();
                    }
                    first.commit();
                    assertEquals(1, second.get());
                }
            });
        } finally {
            other.shutdownNow();
        }
        assertEquals(1, pool.getWriteGateWaits());
        long waited = pool.getWriteGateWaitMillis();
        assertTrue(waited >= 5 && waited < LIMIT.toMillis(), "waited " + waited + " ms");
        String expected = pool.getPoolName() + " [engine=native, total=2, active=0, idle=2, waiting=0, created=2,"
                + " borrows=3, cacheHits=0, cacheMisses=0, gateWaits=1, busyRetries=0, timeouts=0]";
        assertEquals(expected, pool.snapshot());
        assertEquals(expected, pool.toString());
    }

    @Test
    void settingNoMetricsStopsReportingAndTheBorrowPathStillWorks() throws Exception {
        SimpleMeterRegistry global = new SimpleMeterRegistry();
        Metrics.addRegistry(global);
        try {
            ConnectionPool pool = start("metrics=true");
            pool.getConnection().close();
            pool.setMetrics(null);
            assertEquals(List.of(), metersOf(pool.getPoolName()), "the meters were removed");
            try (Connection c = pool.getConnection()) {
                assertEquals(2, pool.getBorrows());
            }
            assertEquals(2, pool.getReturns());
        } finally {
            Metrics.removeRegistry(global);
        }
    }

    private static List<String> metersOf(String poolName) {
        return Metrics.globalRegistry.getMeters().stream().filter(m -> poolName.equals(m.getId().getTag("pool")))
                .map(m -> m.getId().getName()).collect(Collectors.toList());
    }

    /**
     * {@code metrics=true} times each borrow and each connection opened in Micrometer's global registry while the
     * pool runs; without it, or once the pool closed or failed to start, the pool has no meters there.
     */
    @Test
    void timingsReachTheGlobalRegistryOnlyIfAskedForAndOnlyWhileThePoolRuns() throws Exception {
        SimpleMeterRegistry global = new SimpleMeterRegistry();
        Metrics.addRegistry(global);
        try {
            ConnectionPool quiet = start("");
            quiet.getConnection().close();
            assertEquals(List.of(), metersOf(quiet.getPoolName()), "metrics=false");

            long before = System.nanoTime();
            ConnectionPool pool = start("metrics=true&maxPoolSize=2");
            Connection a = pool.getConnection();
            Connection b = pool.getConnection();
            a.close();
            b.close();
            long elapsed = System.nanoTime() - before;
            String name = pool.getPoolName();
            Timer acquire = global.get("pooledsqlite.connections.acquire").tag("pool", name).timer();
            Timer creation = global.get("pooledsqlite.connections.creation").tag("pool", name).timer();
            assertEquals(2, acquire.count());
            assertEquals(2, creation.count());
            assertTrue(acquire.totalTime(TimeUnit.NANOSECONDS) <= elapsed, "durations: " + acquire.totalTime(
                    TimeUnit.NANOSECONDS) + " in a test of " + elapsed);
            assertTrue(creation.totalTime(TimeUnit.NANOSECONDS) <= elapsed, "durations: " + creation.totalTime(
                    TimeUnit.NANOSECONDS) + " in a test of " + elapsed);
            pool.close();
            assertEquals(List.of(), metersOf(name), "closing removes them");

            String failing = "metrics-failing-" + System.nanoTime();
            Path file = dir.resolve(failing + ".db");
            Files.writeString(file, "this is not a database, and far too long to be taken for an empty one");
            PoolConfig config = ConfigParser.parse("jdbc:pooledsqlite:" + file + "?poolName=" + failing
                    + "&metrics=true&integrityCheck=quick", new Properties());
            assertThrows(SQLException.class,
                    () -> new ConnectionPool(config, EngineResolver.resolve(config), clock));
            assertEquals(List.of(), metersOf(failing), "a pool that failed to start leaves none");
        } finally {
            Metrics.removeRegistry(global);
        }
    }
}
