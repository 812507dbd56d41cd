package io.pooledsqlite.metrics;

/**
 * Timings a pool reports as they happen, for a metrics system such as Micrometer. Counters (borrows,
 * cache hits, retries…) are not reported here: a metrics binding reads them from {@link PoolMXBean},
 * which costs the hot path nothing. {@link #NONE} is used when metrics are off.
 */
public interface PoolMetrics {
    /** Reports nothing. */
    PoolMetrics NONE = new PoolMetrics() {
    };

    /** A {@code getConnection} succeeded after waiting this long. */
    default void connectionAcquired(long nanos) {
    }

    /** A connection went back to the pool after being borrowed this long. */
    default void connectionUsed(long nanos) {
    }

    /** A physical connection took this long to open. */
    default void connectionCreated(long nanos) {
    }

    /** A writer waited this long for the write gate (only reported when it had to wait). */
    default void writeGateWaited(long nanos) {
    }

    /** The pool closed: remove what was registered for it. */
    default void close() {
    }
}
