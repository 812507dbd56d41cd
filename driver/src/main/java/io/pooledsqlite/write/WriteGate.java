package io.pooledsqlite.write;

import io.pooledsqlite.error.SqliteErrors;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Serializes writers to one database file inside this JVM, so that they queue here instead of failing
 * with {@code SQLITE_BUSY} inside SQLite. Shared by every pool on the same file. Fair within a bound:
 * a running thread may take the gate again ahead of sleeping waiters (which doubles throughput with many
 * writers on few cores), but a writer that has waited 10 ms is served in turn (see {@link GateLock}).
 *
 * <p>The gate is held by a logical connection, not a thread: a transaction may begin on one thread and
 * commit on another. The owner thread is recorded only to refuse, at once and like SQLite would, a thread
 * that already holds the gate through one connection and writes through a second (waiting would hang it
 * on itself).
 */
public final class WriteGate {
    private static final ConcurrentHashMap<String, WriteGate> GATES = new ConcurrentHashMap<>();

    /** How long a waiter lets others jump ahead before it insists on its turn (see {@link GateLock}). */
    private static final long PATIENCE_NANOS = GateLock.nanos(10);

    private final String database;
    private final GateLock lock = new GateLock();
    private final LongAdder waits = new LongAdder();
    private final LongAdder waitNanos = new LongAdder();
    private int users;
    private volatile Object owner;
    private volatile Thread ownerThread;

    private WriteGate(String database) {
        this.database = database;
    }

    /** The gate of a database (a canonical file path or a private in-memory name), shared by its pools. */
    public static WriteGate acquireFor(String database) {
        return GATES.compute(database, (k, g) -> {
            WriteGate gate = g == null ? new WriteGate(k) : g;
            gate.users++;
            return gate;
        });
    }

    /** Called by a pool that closes; the last user removes the gate. */
    public void releaseUse() {
        GATES.computeIfPresent(database, (k, g) -> --g.users == 0 ? null : g);
    }

    /**
     * Takes the gate for {@code holder}, waiting at most {@code timeoutMs} in arrival order.
     *
     * @return how long the caller waited, in nanoseconds (0 when the gate was free)
     * @throws SQLException shaped like SQLITE_BUSY if the wait times out, the thread is interrupted, or
     *     the calling thread already holds the gate through another connection
     */
    public long enter(Object holder, long timeoutMs) throws SQLException {
        Thread me = Thread.currentThread();
        if (ownerThread == me && owner != holder && owner != null) {
            throw SqliteErrors.busy("this thread already holds the write lock of " + database
                    + " through another connection");
        }
        long waited = 0;
        try {
            if (!lock.tryLock()) {
                long start = System.nanoTime();
                waits.increment();
                boolean acquired = lock.tryLock(GateLock.nanos(timeoutMs), PATIENCE_NANOS);
                waited = System.nanoTime() - start;
                waitNanos.add(waited);
                if (!acquired) {
                    throw SqliteErrors.busy("waited " + timeoutMs + " ms (busy_timeout) for the write lock of "
                            + database);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SqliteErrors.busy("interrupted while waiting for the write lock of " + database);
        }
        owner = holder;
        ownerThread = me;
        return waited;
    }

    /** Records that the holder now runs on the calling thread (a connection handed between threads). */
    public void touch(Object holder) {
        if (owner == holder) {
            ownerThread = Thread.currentThread();
        }
    }

    /** Releases the gate held by {@code holder}. */
    public void exit(Object holder) {
        if (owner != holder) {
            throw new IllegalStateException("write gate released by a connection that does not hold it");
        }
        owner = null;
        ownerThread = null;
        lock.unlock();
    }

    /** How many times a writer had to wait. */
    public long waits() {
        return waits.sum();
    }

    /** Total time writers spent waiting, in nanoseconds. */
    public long waitNanos() {
        return waitNanos.sum();
    }


    @Override
    public String toString() {
        return "WriteGate[" + database + "]";
    }
}
