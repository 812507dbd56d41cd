package io.pooledsqlite.metrics;

/**
 * The management view of one pool, registered as {@code io.pooledsqlite:type=Pool,name=<poolName>}.
 * Counters ({@code Connections Created}, cache hits, …) count from the pool's start.
 */
public interface PoolMXBean {
    /** The pool's name, unique among live pools in this JVM. */
    String getPoolName();

    /** The SQLite engine the pool runs on: {@code native}, {@code native-relocated} or {@code wasm}. */
    String getEngine();

    /** Physical connections open now (in use plus idle). */
    int getTotalConnections();

    /** Physical connections lent out now. */
    int getActiveConnections();

    /** Physical connections open and waiting to be borrowed. */
    int getIdleConnections();

    /** Threads waiting for a connection now. */
    int getThreadsAwaitingConnection();

    /** Physical connections opened since the pool started. */
    long getConnectionsCreated();

    /** Physical connections closed since the pool started (retired, evicted or broken). */
    long getConnectionsClosed();

    /** Successful {@code getConnection} calls. */
    long getBorrows();

    /** Connections given back with {@code close()}. */
    long getReturns();

    /** Total time successful {@code getConnection} calls took, in nanoseconds. */
    long getAcquireNanosTotal();

    /** Total time connections were held between borrow and return, in nanoseconds. */
    long getUsageNanosTotal();

    /** {@code getConnection} calls that gave up after {@code connectionTimeout}. */
    long getAcquireTimeouts();

    /** Connections held longer than {@code leakDetectionThreshold}. */
    long getLeaksDetected();

    /** {@code prepareStatement} calls served from a connection's statement cache. */
    long getStatementCacheHits();

    /** {@code prepareStatement} calls that had to prepare a new statement. */
    long getStatementCacheMisses();

    /** Prepared statements closed because their cache was full. */
    long getStatementCacheEvictions();

    /** Times a writer waited for the write gate of this pool's database. */
    long getWriteGateWaits();

    /** Total time writers waited for the write gate of this pool's database, in milliseconds. */
    long getWriteGateWaitMillis();

    /** Statements retried after {@code SQLITE_BUSY} from another process. */
    long getBusyRetries();

    /** The {@code maxPoolSize} in effect (an engine may lower the configured one). */
    int getMaxPoolSize();

    /** The {@code minIdle} in effect. */
    int getMinIdle();

    /** Closes idle connections now and in-use ones when they come back; new ones replace them. */
    void softEvictConnections();

    /** Closes every cached prepared statement of idle connections. */
    void clearStatementCaches();

    /** A one-line summary of the pool's state for logs and consoles. */
    String snapshot();
}
