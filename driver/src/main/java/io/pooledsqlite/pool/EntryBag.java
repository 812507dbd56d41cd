package io.pooledsqlite.pool;

import java.lang.ref.WeakReference;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The entries of one pool and who holds them: borrowing one, taking one back (requiting), adding and
 * removing, and draining at close. It knows nothing of sizes, lifetimes or validation: that is pool
 * policy, in {@link ConnectionPool}. After {@link #drain()} it refuses new entries.
 *
 * <p>Borrowing tries, in order: the entry this thread returned last (no contention in the common case),
 * any idle entry (a lock-free scan of an array snapshot), a new entry from the pool if it has room, and
 * finally waits for a returning entry handed over directly. Entry states change only by compare-and-set,
 * so an entry is never lent twice.
 */
final class EntryBag {
    /** Waiters look again this often, for room made by evictions rather than by returns. */
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** The pool a borrower turns to: for a new entry when none is idle, and for the error when time is up. */
    interface Source {
        /** A new entry already marked in use, or null if the pool is full. */
        PoolEntry createIfRoom() throws SQLException;

        /** The error of a borrower whose deadline passed; made while it still counts as waiting. */
        SQLException timedOut();
    }

    private volatile PoolEntry[] entries = new PoolEntry[0];
    /**
     * The entry each thread returned last, taken back first. Weakly: a thread's map keeps a value until the
     * thread ends, and a strong one would keep a closed pool's connections (a wasm one holds ~32 MB) alive.
     */
    private final ThreadLocal<WeakReference<PoolEntry>> lastReturned = new ThreadLocal<>();
    private final SynchronousQueue<PoolEntry> handoff = new SynchronousQueue<>(true);
    private final AtomicInteger waiters = new AtomicInteger();
    private volatile boolean closed;

    /**
     * An entry for this thread, marked in use: an idle one, a new one from {@code source}, or one handed
     * over by a returning thread before {@code deadline} ({@link System#nanoTime()}).
     *
     * @return null if the bag was drained meanwhile
     * @throws SQLException {@link Source#timedOut()} once the deadline passed, or what creating an entry threw
     */
    PoolEntry borrow(long deadline, Source source) throws SQLException, InterruptedException {
        PoolEntry e = takeIdle();
        if (e == null) {
            e = source.createIfRoom();
        }
        if (e != null) {
            return e;
        }
        waiters.incrementAndGet();
        try {
            while (true) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw source.timedOut();
                }
                e = handoff.poll(Math.min(remaining, WAIT_SLICE_NANOS), TimeUnit.NANOSECONDS);
                if (e != null && e.compareAndSet(PoolEntry.IDLE, PoolEntry.IN_USE)) {
                    return e;
                }
                if (closed) {
                    return null;
                }
                e = takeIdle();
                if (e == null) {
                    e = source.createIfRoom();
                }
                if (e != null) {
                    return e;
                }
            }
        } finally {
            waiters.decrementAndGet();
        }
    }

    private PoolEntry takeIdle() {
        WeakReference<PoolEntry> last = lastReturned.get();
        PoolEntry mine = last == null ? null : last.get();
        if (mine != null && mine.compareAndSet(PoolEntry.IDLE, PoolEntry.IN_USE)) {
            return mine;
        }
        for (PoolEntry e : entries) {
            if (e.compareAndSet(PoolEntry.IDLE, PoolEntry.IN_USE)) {
                return e;
            }
        }
        return null;
    }

    /**
     * Takes a returned entry back: idle again, remembered as this thread's, and handed straight to a
     * waiting thread if there is one.
     *
     * @return false if the bag was drained meanwhile and the entry is now marked removed: the caller closes it
     */
    boolean requite(PoolEntry e) {
        if (!makeIdle(e)) {
            return false;
        }
        lastReturned.set(e.weakSelf);
        for (int i = 0; waiters.get() > 0; i++) {
            if (e.state() != PoolEntry.IDLE || handoff.offer(e)) {
                return true;
            }
            if ((i & 0xff) == 0xff) {
                LockSupport.parkNanos(10_000);
            } else {
                Thread.yield();
            }
        }
        return true;
    }

    /**
     * Makes an entry idle (lendable) without offering it to waiters. If the bag was drained meanwhile, the
     * drain may have passed the entry by while it was busy: the volatile write of the state and the read
     * of {@code closed} pair with the drain's write of {@code closed} and read of the state.
     *
     * @return false if the bag was drained and this caller took the entry out again: it must close it
     */
    boolean makeIdle(PoolEntry e) {
        e.setState(PoolEntry.IDLE);
        return !(closed && e.compareAndSet(PoolEntry.IDLE, PoolEntry.REMOVED));
    }

    /**
     * Takes an idle entry for inspection (housekeeping, cache clearing): it is not lendable until
     * {@link #makeIdle} or removed.
     */
    boolean reserve(PoolEntry e) {
        return e.compareAndSet(PoolEntry.IDLE, PoolEntry.RESERVED);
    }

    /** Adds a new entry (in use by whoever created it), unless the bag was drained. */
    synchronized boolean add(PoolEntry e) {
        if (closed) {
            return false;
        }
        PoolEntry[] grown = Arrays.copyOf(entries, entries.length + 1);
        grown[grown.length - 1] = e;
        entries = grown;
        return true;
    }

    /**
     * Takes an entry out for good.
     *
     * @return false if it was not in the bag (removed already)
     */
    boolean remove(PoolEntry e) {
        e.setState(PoolEntry.REMOVED);
        synchronized (this) {
            PoolEntry[] current = entries;
            int at = Arrays.asList(current).indexOf(e);
            if (at < 0) {
                return false;
            }
            PoolEntry[] shrunk = new PoolEntry[current.length - 1];
            System.arraycopy(current, 0, shrunk, 0, at);
            System.arraycopy(current, at + 1, shrunk, at, current.length - at - 1);
            entries = shrunk;
            return true;
        }
    }

    /**
     * Refuses entries from now on and marks borrowed ones to be evicted on return.
     *
     * @return the idle entries, now marked removed, for the caller to close
     */
    List<PoolEntry> drain() {
        closed = true;
        List<PoolEntry> idle = new ArrayList<>();
        for (PoolEntry e : entries) {
            if (e.compareAndSet(PoolEntry.IDLE, PoolEntry.REMOVED)) {
                idle.add(e);
            } else {
                e.evictOnReturn = true;
            }
        }
        return idle;
    }

    /** True once {@link #drain()} has begun. */
    boolean isDrained() {
        return closed;
    }

    /** The entries now, in no particular state; the array is never modified. */
    PoolEntry[] entries() {
        return entries;
    }

    int size() {
        return entries.length;
    }

    int count(int state) {
        int n = 0;
        for (PoolEntry e : entries) {
            if (e.state() == state) {
                n++;
            }
        }
        return n;
    }

    int waiting() {
        return waiters.get();
    }
}
