package io.pooledsqlite.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * One pool's meters in a Micrometer registry, all tagged {@code pool=<poolName>}:
 * <ul>
 *   <li>gauges {@code pooledsqlite.connections.total|active|idle|pending|max|min};</li>
 *   <li>timers {@code pooledsqlite.connections.acquire} (each successful {@code getConnection}),
 *       {@code pooledsqlite.connections.usage} (borrow to return), {@code pooledsqlite.connections.creation}
 *       and {@code pooledsqlite.writegate.wait}, recorded as the pool reports them. They are Micrometer
 *       {@link Timer}s, as HikariCP's are: the registry's {@code MeterFilter}s (Spring Boot's
 *       {@code management.metrics.distribution.*}) can turn on percentiles, percentile histograms and SLO
 *       buckets. Recording costs the borrow path a Micrometer update (its rolling maximum reads the
 *       clock) only when meters are bound;</li>
 *   <li>function counters read from the pool's {@link PoolMXBean} when the registry publishes, so they cost
 *       the borrow path nothing: {@code pooledsqlite.connections.borrowed|created|closed|timeout|leaks},
 *       {@code pooledsqlite.statements.cache.gets} (tag {@code result=hit|miss}),
 *       {@code pooledsqlite.statements.cache.evictions}, {@code pooledsqlite.busy.retries};</li>
 *   <li>{@code pooledsqlite.engine}, always 1, whose tag {@code engine} names the SQLite engine.</li>
 * </ul>
 * {@link #close()} removes them all. Only {@link MicrometerSupport} creates this class, after checking
 * that Micrometer is on the class path.
 */
final class MicrometerPoolMetrics implements PoolMetrics {
    private static final System.Logger LOG = System.getLogger(MicrometerPoolMetrics.class.getName());

    private final MeterRegistry registry;
    private final String poolName;
    private final List<Meter> meters = new ArrayList<>();
    private final Timer acquire;
    private final Timer usage;
    private final Timer creation;
    private final Timer gateWait;

    private MicrometerPoolMetrics(MeterRegistry registry, PoolMXBean pool) {
        this.registry = registry;
        this.poolName = pool.getPoolName();
        // a registry may refuse a meter (one of another type under the same name): leave nothing behind
        try {
            Tags tags = Tags.of("pool", poolName);

            gauge("pooledsqlite.connections.total", "Physical connections open (active plus idle)", tags, pool,
                    PoolMXBean::getTotalConnections);
            gauge("pooledsqlite.connections.active", "Connections lent out", tags, pool,
                    PoolMXBean::getActiveConnections);
            gauge("pooledsqlite.connections.idle", "Connections open and waiting to be borrowed", tags, pool,
                    PoolMXBean::getIdleConnections);
            gauge("pooledsqlite.connections.pending", "Threads waiting for a connection", tags, pool,
                    PoolMXBean::getThreadsAwaitingConnection);
            gauge("pooledsqlite.connections.max", "maxPoolSize in effect", tags, pool, PoolMXBean::getMaxPoolSize);
            gauge("pooledsqlite.connections.min", "minIdle in effect", tags, pool, PoolMXBean::getMinIdle);

            acquire = timer("pooledsqlite.connections.acquire", "Time getConnection took when it succeeded", tags);
            usage = timer("pooledsqlite.connections.usage", "Time from borrowing a connection to its return", tags);
            creation = timer("pooledsqlite.connections.creation", "Time to open a physical connection", tags);
            gateWait = timer("pooledsqlite.writegate.wait",
                    "Time a writer waited for the in-JVM write gate (only waits that happened)", tags);

            counter("pooledsqlite.connections.borrowed", "Successful getConnection calls", tags, pool,
                    PoolMXBean::getBorrows);
            counter("pooledsqlite.connections.created", "Physical connections opened", tags, pool,
                    PoolMXBean::getConnectionsCreated);
            counter("pooledsqlite.connections.closed", "Physical connections closed (retired, evicted or broken)",
                    tags, pool, PoolMXBean::getConnectionsClosed);
            counter("pooledsqlite.connections.timeout", "getConnection calls that timed out after connectionTimeout",
                    tags, pool, PoolMXBean::getAcquireTimeouts);
            counter("pooledsqlite.connections.leaks", "Connections held longer than leakDetectionThreshold", tags,
                    pool, PoolMXBean::getLeaksDetected);
            counter("pooledsqlite.statements.cache.gets", "prepareStatement calls served from the statement cache",
                    tags.and("result", "hit"), pool, PoolMXBean::getStatementCacheHits);
            counter("pooledsqlite.statements.cache.gets", "prepareStatement calls that prepared a new statement",
                    tags.and("result", "miss"), pool, PoolMXBean::getStatementCacheMisses);
            counter("pooledsqlite.statements.cache.evictions", "Prepared statements closed because the cache was full",
                    tags, pool, PoolMXBean::getStatementCacheEvictions);
            counter("pooledsqlite.busy.retries", "Statements retried after SQLITE_BUSY from another process", tags,
                    pool, PoolMXBean::getBusyRetries);

            meters.add(Gauge.builder("pooledsqlite.engine", () -> 1)
                    .description("The SQLite engine the pool runs on (tag engine)")
                    .tags(tags.and("engine", pool.getEngine()))
                    .strongReference(true)
                    .register(registry));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Registers a pool's meters in {@code registry}, a {@link MeterRegistry} checked by the caller. */
    static PoolMetrics bind(Object registry, PoolMXBean pool) {
        MicrometerPoolMetrics m = new MicrometerPoolMetrics((MeterRegistry) registry, pool);
        LOG.log(System.Logger.Level.INFO, "Pool {0} reports metrics to {1}", pool.getPoolName(),
                registry.getClass().getName());
        return m;
    }

    /** Registers a pool's meters in Micrometer's global registry. */
    static PoolMetrics bindGlobal(PoolMXBean pool) {
        return bind(Metrics.globalRegistry, pool);
    }

    private void gauge(String name, String description, Tags tags, PoolMXBean pool, ToDoubleFunction<PoolMXBean> f) {
        meters.add(Gauge.builder(name, pool, f).description(description).tags(tags).baseUnit("connections")
                .register(registry));
    }

    private Timer timer(String name, String description, Tags tags) {
        Timer t = Timer.builder(name).description(description).tags(tags).register(registry);
        meters.add(t);
        return t;
    }

    private void counter(String name, String description, Tags tags, PoolMXBean pool, ToDoubleFunction<PoolMXBean> f) {
        meters.add(FunctionCounter.builder(name, pool, f).description(description).tags(tags).register(registry));
    }

    @Override
    public void connectionAcquired(long nanos) {
        acquire.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void connectionReturned(long nanos) {
        usage.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void connectionCreated(long nanos) {
        creation.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void writeGateWaited(long nanos) {
        gateWait.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        for (Meter m : meters) {
            registry.remove(m);
        }
        LOG.log(System.Logger.Level.DEBUG, "Pool {0} removed its meters", poolName);
    }
}
