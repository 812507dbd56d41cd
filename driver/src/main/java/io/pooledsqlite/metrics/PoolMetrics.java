package io.pooledsqlite.metrics;

/**
 * Timings a pool reports as they happen, for a metrics system such as Micrometer: each borrow's acquire
 * time and each connection's usage time (so that a registry can keep percentiles and histograms of
 * them), opening a connection and waiting for the write gate. Counters are read from {@link PoolMXBean}
 * when metrics are published. {@link #NONE}, used when metrics are off, does nothing: the borrow path
 * then pays one call to an empty method, which the JIT removes.
 */
public interface PoolMetrics {
    /** Reports nothing. */
    PoolMetrics NONE = new PoolMetrics() {
    };

    /** A successful {@code getConnection} took this long. Called on the borrow path: keep it cheap. */
    default void connectionAcquired(long nanos) {
    }

    /** A connection came back after being held this long. Called on the return path: keep it cheap. */
    default void connectionReturned(long nanos) {
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
