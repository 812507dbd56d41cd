package io.pooledsqlite.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * The event counters of one pool, counted where the events happen (the pool, its bag, the logical
 * connections) and read by the pool's MXBean. Contended increments stay cheap ({@link LongAdder}).
 */
public final class PoolCounters {
    private final LongAdder borrows = new LongAdder();
    private final LongAdder created = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder leaks = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder cacheMisses = new LongAdder();
    private final LongAdder cacheEvictions = new LongAdder();
    private final LongAdder busyRetries = new LongAdder();

    /** A connection was lent. */
    public void borrowed() {
        borrows.increment();
    }

    /** A physical connection was opened. */
    public void connectionCreated() {
        created.increment();
    }

    /** A physical connection was closed. */
    public void connectionClosed() {
        closed.increment();
    }

    /** A borrower gave up after {@code connectionTimeout}. */
    public void acquireTimedOut() {
        timeouts.increment();
    }

    /** A connection was held past {@code leakDetectionThreshold}. */
    public void leakDetected() {
        leaks.increment();
    }

    /** A prepare was served from the statement cache. */
    public void cacheHit() {
        cacheHits.increment();
    }

    /** A prepare missed the statement cache. */
    public void cacheMiss() {
        cacheMisses.increment();
    }

    /** The adder statement caches count their evictions in. */
    public LongAdder evictionAdder() {
        return cacheEvictions;
    }

    /** A statement ran again after {@code SQLITE_BUSY} from another process. */
    public void busyRetried() {
        busyRetries.increment();
    }

    /** Totals since the pool started. */
    public long borrows() {
        return borrows.sum();
    }

    public long created() {
        return created.sum();
    }

    public long closed() {
        return closed.sum();
    }

    public long timeouts() {
        return timeouts.sum();
    }

    public long leaks() {
        return leaks.sum();
    }

    public long cacheHits() {
        return cacheHits.sum();
    }

    public long cacheMisses() {
        return cacheMisses.sum();
    }

    public long cacheEvictions() {
        return cacheEvictions.sum();
    }

    public long busyRetries() {
        return busyRetries.sum();
    }
}
