package io.pooledsqlite.write;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * The write gate's mutex: fair within a bound, and releasable by any thread (a write transaction can
 * begin on one thread and commit on another, which rules out {@code ReentrantLock}).
 *
 * <p>Strict first-come-first-served costs a context switch per transaction: the gate sits idle while
 * the next waiter wakes up, and on a small machine that wake-up takes longer than a short transaction.
 * So a thread that finds the gate free may take it even if others queue ("barging"), which lets a
 * running thread do several transactions in a row. Fairness is bounded: a waiter that has waited
 * longer than its patience turns barging off until it is served, and waiters are then served in order.
 * Exclusive mode wakes exactly one waiter per release.
 */
final class GateLock extends AbstractQueuedSynchronizer {
    private static final long serialVersionUID = 1L;

    /** Waiters past their patience; while any exist, nobody may jump the queue. */
    private final AtomicInteger starving = new AtomicInteger();

    @Override
    protected boolean tryAcquire(int ignored) {
        if (starving.get() > 0 && hasQueuedPredecessors()) {
            return false;
        }
        return compareAndSetState(0, 1);
    }

    @Override
    protected boolean tryRelease(int ignored) {
        setState(0);
        return true;
    }

    /** Takes the lock if it is free (and no starving waiter is owed it). */
    boolean tryLock() {
        return tryAcquire(1);
    }

    /**
     * Waits for at most {@code timeoutNanos}; after {@code patienceNanos} the wait becomes strictly
     * first-come-first-served.
     */
    boolean tryLock(long timeoutNanos, long patienceNanos) throws InterruptedException {
        if (tryAcquireNanos(1, Math.min(timeoutNanos, patienceNanos))) {
            return true;
        }
        if (timeoutNanos <= patienceNanos) {
            return false;
        }
        starving.incrementAndGet();
        try {
            return tryAcquireNanos(1, timeoutNanos - patienceNanos);
        } finally {
            starving.decrementAndGet();
        }
    }

    void unlock() {
        release(1);
    }


    static long nanos(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
