package io.pooledsqlite.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pooledsqlite.Databases;
import io.pooledsqlite.PooledSqliteDataSource;
import io.pooledsqlite.PooledSqliteDriver;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The meters a pool bound to a Micrometer registry shows, driven by real pool activity on real files. */
class MicrometerPoolMetricsTest {
    private static final AtomicInteger POOLS = new AtomicInteger();

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<PooledSqliteDataSource> sources = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void closeEverything() {
        threads.shutdownNow();
        sources.forEach(PooledSqliteDataSource::close);
        Databases.closePools(dir);
    }

    /** A data source on a new file reporting to {@link #registry}, with pool keys as name, value pairs. */
    private PooledSqliteDataSource pool(String... keysAndValues) {
        String name = "metrics-" + POOLS.incrementAndGet();
        PooledSqliteDataSource ds = new PooledSqliteDataSource(dir.resolve(name + ".db").toString());
        ds.setProperty("poolName", name);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            ds.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        ds.setMeterRegistry(registry);
        sources.add(ds);
        return ds;
    }

    private static String name(PooledSqliteDataSource ds) throws SQLException {
        return ds.getPoolMXBean().getPoolName();
    }

    private Timer timer(PooledSqliteDataSource ds, String meter) throws SQLException {
        return registry.get(meter).tag("pool", name(ds)).timer();
    }

    private double counter(PooledSqliteDataSource ds, String meter) throws SQLException {
        return registry.get(meter).tag("pool", name(ds)).functionCounter().count();
    }

    private double gauge(PooledSqliteDataSource ds, String meter) throws SQLException {
        return registry.get(meter).tag("pool", name(ds)).gauge().value();
    }

    private List<String> metersOf(String pool) {
        return registry.getMeters().stream()
                .filter(m -> pool.equals(m.getId().getTag("pool")))
                .map(m -> m.getId().getName())
                .collect(Collectors.toList());
    }

    @Test
    void everyBorrowIsTimedOnAcquireAndUsageAndCounted() throws Exception {
        PooledSqliteDataSource ds = pool();
        for (int i = 0; i < 7; i++) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.executeQuery("select 1").close();
            }
        }
        assertEquals(7.0, timer(ds, "pooledsqlite.connections.acquire").count());
        assertEquals(7.0, timer(ds, "pooledsqlite.connections.usage").count());
        assertEquals(7.0, counter(ds, "pooledsqlite.connections.borrowed"));
        assertTrue(timer(ds, "pooledsqlite.connections.usage").totalTime(TimeUnit.NANOSECONDS) > 0);

        try (Connection out = ds.getConnection()) {
            assertEquals(8.0, timer(ds, "pooledsqlite.connections.acquire").count());
            assertEquals(7.0, timer(ds, "pooledsqlite.connections.usage").count(),
                    "a connection still out has no usage time yet");
        }
        assertEquals(8.0, timer(ds, "pooledsqlite.connections.usage").count());
    }

    @Test
    void acquireAndUsagePublishPercentilesAndSloBucketsWhenTheRegistryAsksForThem() throws Exception {
        // as Spring Boot's management.metrics.distribution.* properties do: a filter on the registry
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().startsWith("pooledsqlite.connections.")) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentiles(0.5, 0.99)
                        .serviceLevelObjectives(Duration.ofMillis(1).toNanos(), Duration.ofSeconds(10).toNanos())
                        .build().merge(config);
            }
        });
        PooledSqliteDataSource ds = pool();
        for (int i = 0; i < 5; i++) {
            ds.getConnection().close();
        }
        for (String meter : List.of("pooledsqlite.connections.acquire", "pooledsqlite.connections.usage")) {
            HistogramSnapshot snapshot = timer(ds, meter).takeSnapshot();
            assertEquals(5, snapshot.count(), meter);
            assertEquals(2, snapshot.percentileValues().length, meter);
            CountAtBucket[] buckets = snapshot.histogramCounts();
            assertEquals(2, buckets.length, meter);
            assertEquals(5.0, buckets[1].count(), meter + ": every borrow is within 10 s");
        }
    }

    @Test
    void gaugesFollowConnectionsLentOutAndShowTheLimits() throws Exception {
        PooledSqliteDataSource ds = pool("maxPoolSize", "3", "minIdle", "1");
        assertEquals(3.0, gauge(ds, "pooledsqlite.connections.max"));
        assertEquals(1.0, gauge(ds, "pooledsqlite.connections.min"));
        try (Connection a = ds.getConnection(); Connection b = ds.getConnection()) {
            assertEquals(2.0, gauge(ds, "pooledsqlite.connections.total"));
            assertEquals(2.0, gauge(ds, "pooledsqlite.connections.active"));
            assertEquals(0.0, gauge(ds, "pooledsqlite.connections.idle"));
        }
        assertEquals(0.0, gauge(ds, "pooledsqlite.connections.active"));
        assertEquals(2.0, gauge(ds, "pooledsqlite.connections.idle"));
        assertEquals(2.0, counter(ds, "pooledsqlite.connections.created"));
        // the pool's first connection is opened as it starts, before the data source binds the registry
        assertEquals(1, timer(ds, "pooledsqlite.connections.creation").count());
    }

    @Test
    void aBorrowThatTimesOutCountsOneTimeoutAndIsNotTimedAsAnAcquisition() throws Exception {
        PooledSqliteDataSource ds = pool("maxPoolSize", "1", "connectionTimeout", "200");
        try (Connection held = ds.getConnection()) {
            assertThrows(SQLTransientConnectionException.class, ds::getConnection);
        }
        assertEquals(1.0, counter(ds, "pooledsqlite.connections.timeout"));
        assertEquals(1.0, timer(ds, "pooledsqlite.connections.acquire").count());
    }

    @Test
    void aThreadWaitingForAConnectionIsPendingUntilOneIsReturned() throws Exception {
        PooledSqliteDataSource ds = pool("maxPoolSize", "1");
        String pool = name(ds);
        Future<?> waiter;
        try (Connection held = ds.getConnection()) {
            waiter = threads.submit(() -> {
                ds.getConnection().close();
                return null;
            });
            Eventually.await("a thread waits for the pool's only connection",
                    () -> registry.get("pooledsqlite.connections.pending").tag("pool", pool).gauge().value() == 1.0);
        }
        waiter.get(10, TimeUnit.SECONDS);
        assertEquals(0.0, gauge(ds, "pooledsqlite.connections.pending"));
        assertEquals(2.0, timer(ds, "pooledsqlite.connections.acquire").count());
    }

    @Test
    void statementCacheHitsMissesAndEvictionsAreCounted() throws Exception {
        PooledSqliteDataSource ds = pool("statementCacheSize", "1", "maxPoolSize", "1");
        try (Connection c = ds.getConnection()) {
            for (int i = 0; i < 3; i++) {
                try (PreparedStatement ps = c.prepareStatement("select 1")) {
                    ps.executeQuery().close();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select 2")) {
                ps.executeQuery().close();
            }
        }
        String pool = name(ds);
        assertEquals(2.0, registry.get("pooledsqlite.statements.cache.gets").tags("pool", pool, "result", "hit")
                .functionCounter().count());
        assertEquals(2.0, registry.get("pooledsqlite.statements.cache.gets").tags("pool", pool, "result", "miss")
                .functionCounter().count());
        assertEquals(1.0, counter(ds, "pooledsqlite.statements.cache.evictions"));
    }

    @Test
    void aWriterThatWaitsForAnotherWritersTransactionIsTimedOnTheWriteGate() throws Exception {
        PooledSqliteDataSource ds = pool("maxPoolSize", "2");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("create table t(n integer)");
        }
        Timer gateWait = timer(ds, "pooledsqlite.writegate.wait");
        assertEquals(0, gateWait.count());
        try (Connection first = ds.getConnection()) {
            first.setAutoCommit(false);
            first.createStatement().executeUpdate("insert into t values (1)");
            Future<?> second = threads.submit(() -> {
                try (Connection c = ds.getConnection()) {
                    c.setAutoCommit(false);
                    c.createStatement().executeUpdate("insert into t values (2)");
                    c.commit();
                }
                return null;
            });
            PoolMXBean mxBean = ds.getPoolMXBean();
            Eventually.await("the second writer waits for the gate", () -> mxBean.getWriteGateWaits() == 1);
            first.commit();
            second.get(10, TimeUnit.SECONDS);
        }
        assertEquals(1, gateWait.count());
        assertTrue(gateWait.totalTime(TimeUnit.NANOSECONDS) > 0);
    }

    @Test
    void retriesAfterAnotherProcessHeldTheWriteLockAreCounted() throws Exception {
        PooledSqliteDataSource ds = pool("busy_timeout", "20");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("create table t(n integer)");
        }
        // a connection outside the pool stands for another process: the gate knows nothing of it
        Path file = dir.resolve(name(ds) + ".db");
        try (Connection outsider = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new Properties());
             Statement s = outsider.createStatement()) {
            s.execute("begin immediate");
            try (Connection c = ds.getConnection()) {
                assertThrows(SQLException.class, () -> c.createStatement().executeUpdate("insert into t values (1)"));
            }
            s.execute("rollback");
        }
        double retries = counter(ds, "pooledsqlite.busy.retries");
        assertTrue(retries > 0, "busy retries " + retries);
        assertEquals(ds.getPoolMXBean().getBusyRetries(), (long) retries);
    }

    @Test
    void aConnectionHeldPastTheLeakThresholdIsCountedAsALeak() throws Exception {
        PooledSqliteDataSource ds = pool("leakDetectionThreshold", "50");
        String pool = name(ds);
        try (Connection held = ds.getConnection()) {
            Eventually.await("the housekeeper reports the leak", () -> registry.get("pooledsqlite.connections.leaks")
                    .tag("pool", pool).functionCounter().count() == 1.0);
        }
    }

    @Test
    void softEvictionShowsAsClosedAndNewlyCreatedConnections() throws Exception {
        PooledSqliteDataSource ds = pool("minIdle", "1");
        ds.getConnection().close();
        assertEquals(0.0, counter(ds, "pooledsqlite.connections.closed"));
        ds.getPoolMXBean().softEvictConnections();
        assertEquals(1.0, counter(ds, "pooledsqlite.connections.closed"));
        assertEquals(2.0, counter(ds, "pooledsqlite.connections.created"));
    }

    @Test
    void theEngineIsATagOfAnInfoGauge() throws Exception {
        PooledSqliteDataSource ds = pool();
        String engine = ds.getPoolMXBean().getEngine();
        assertEquals(1.0, registry.get("pooledsqlite.engine").tags("pool", name(ds), "engine", engine).gauge()
                .value());
    }

    @Test
    void closingAPoolRemovesItsMetersAndOnlyItsMeters() throws Exception {
        PooledSqliteDataSource closing = pool();
        PooledSqliteDataSource staying = pool();
        String closingName = name(closing);
        String stayingName = name(staying);
        closing.getConnection().close();
        staying.getConnection().close();
        assertEquals(metersOf(stayingName).size(), metersOf(closingName).size());
        assertTrue(metersOf(closingName).contains("pooledsqlite.connections.acquire"));

        closing.close();

        assertEquals(List.of(), metersOf(closingName));
        assertTrue(metersOf(stayingName).contains("pooledsqlite.connections.acquire"));
    }

    @Test
    void metricsTrueReportsToMicrometersGlobalRegistryUntilThePoolCloses() throws Exception {
        SimpleMeterRegistry global = new SimpleMeterRegistry();
        Metrics.addRegistry(global);
        try {
            String name = "metrics-global-" + POOLS.incrementAndGet();
            String url = "jdbc:pooledsqlite:" + dir.resolve(name + ".db") + "?poolName=" + name + "&metrics=true";
            for (int i = 0; i < 3; i++) {
                DriverManager.getConnection(url).close();
            }
            assertEquals(3.0, global.get("pooledsqlite.connections.acquire").tag("pool", name).timer().count());
            PoolMXBean pool = PooledSqliteDriver.pool(url, null);
            // bound as the pool starts: its first connection is timed too
            assertEquals(pool.getConnectionsCreated(),
                    global.get("pooledsqlite.connections.creation").tag("pool", name).timer().count());

            Databases.closePools(dir);

            List<Meter> left = Metrics.globalRegistry.getMeters().stream()
                    .filter(m -> name.equals(m.getId().getTag("pool")))
                    .collect(Collectors.toList());
            assertEquals(List.of(), left);
        } finally {
            Metrics.removeRegistry(global);
        }
    }

    @Test
    void aRegistrySetOnTheDataSourceTakesThePlaceOfTheGlobalOne() throws Exception {
        SimpleMeterRegistry global = new SimpleMeterRegistry();
        Metrics.addRegistry(global);
        try {
            PooledSqliteDataSource ds = pool("metrics", "true");
            ds.getConnection().close();
            assertEquals(1.0, timer(ds, "pooledsqlite.connections.acquire").count());
            String name = name(ds);
            assertEquals(List.of(), global.getMeters().stream()
                    .filter(m -> name.equals(m.getId().getTag("pool")))
                    .collect(Collectors.toList()));
        } finally {
            Metrics.removeRegistry(global);
        }
    }

    @Test
    void aDataSourcePoolClosedUnderItReportsAgainWhenItRestarts() throws Exception {
        PooledSqliteDataSource ds = pool();
        String pool = name(ds);
        ds.getConnection().close();
        Databases.closePools(dir);
        assertEquals(List.of(), metersOf(pool));

        ds.getConnection().close();

        assertEquals(1.0, timer(ds, "pooledsqlite.connections.acquire").count());
    }

    @Test
    void aRegistryThatRefusesAMeterFailsTheStartCleanly() throws Exception {
        String name = "metrics-refused";
        PooledSqliteDataSource ds = new PooledSqliteDataSource(dir.resolve("refused.db").toString());
        sources.add(ds);
        ds.setProperty("poolName", name);
        ds.setMeterRegistry(registry);
        // something else already uses one of the pool's meter names, with another meter type
        registry.counter("pooledsqlite.connections.active", "pool", name);

        SQLException e = assertThrows(SQLException.class, ds::getConnection);

        assertEquals("HY000", e.getSQLState());
        assertTrue(e.getMessage().contains("cannot register its meters"), e.getMessage());
        assertEquals(List.of("pooledsqlite.connections.active"), metersOf(name), "nothing of the pool is left");
        assertFalse(ManagementFactory.getPlatformMBeanServer().isRegistered(
                new ObjectName("io.pooledsqlite:type=Pool,name=" + name)), "the pool was closed");
    }

    @Test
    void aMeterRegistryOfAnotherTypeIsRefusedWithTheExpectedType() {
        PooledSqliteDataSource ds = new PooledSqliteDataSource(dir.resolve("x.db").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ds.setMeterRegistry("a registry"));
        assertTrue(e.getMessage().contains("io.micrometer.core.instrument.MeterRegistry"), e.getMessage());
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
    }
}
