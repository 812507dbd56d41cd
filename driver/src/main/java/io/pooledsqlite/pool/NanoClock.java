package io.pooledsqlite.pool;

/**
 * Where a pool reads the time for the ages it acts on: how long a connection has lived
 * ({@code maxLifetime}), sat idle ({@code idleTimeout}) or since it was last validated. Waiting for a
 * connection ({@code connectionTimeout}) and the figures reported as metrics stay on the system's clock.
 */
@FunctionalInterface
interface NanoClock {
    /** The system's monotonic clock. */
    NanoClock SYSTEM = System::nanoTime;

    /** The current value of this clock in nanoseconds, for differences only (as {@link System#nanoTime()}). */
    long nanoTime();
}
