package io.pooledsqlite.metrics;

/**
 * Timings a pool reports as they happen, for a metrics system such as Micrometer: only those off the
 * borrow path (opening a connection, waiting for the write gate). Counters and the acquire and usage
 * time totals are read from {@link PoolMXBean} when metrics are published, which costs the borrow path
 * nothing. {@link #NONE} is used when metrics are off.
 */
public interface PoolMetrics {
    /** Reports nothing. */
    PoolMetrics NONE = new PoolMetrics() {
    };

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
