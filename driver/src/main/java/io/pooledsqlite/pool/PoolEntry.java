package io.pooledsqlite.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One physical connection and what the pool keeps with it: its lending state, its statement cache, and
 * the prepared transaction-control statements the logical connections run. Internal to the driver.
 */
public final class PoolEntry {
    static final int IDLE = 0;
    static final int IN_USE = 1;
    /** Taken by housekeeping to inspect or close it; not lendable. */
    static final int RESERVED = 2;
    static final int REMOVED = 3;

    private static final AtomicIntegerFieldUpdater<PoolEntry> STATE =
            AtomicIntegerFieldUpdater.newUpdater(PoolEntry.class, "state");
    private static final VarHandle ACQUIRE_NANOS;
    private static final VarHandle USAGE_NANOS;
    private static final VarHandle RETURNS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            ACQUIRE_NANOS = lookup.findVarHandle(PoolEntry.class, "acquireNanos", long.class);
            USAGE_NANOS = lookup.findVarHandle(PoolEntry.class, "usageNanos", long.class);
            RETURNS = lookup.findVarHandle(PoolEntry.class, "returns", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Connection physical;
    private final StatementCache cache;
    private final long createdNanos;
    private final ArrayList<AutoCloseable> openResources = new ArrayList<>();
    private volatile int state = IN_USE;
    volatile long lastAccessNanos;
    long borrowedNanos;
    /**
     * Time borrowers of this connection waited for it, and held it, in total. Only the borrower writes
     * them (the entry is its alone), with opaque writes that are plain stores on common hardware, so
     * timing costs the borrow path no atomic operation; readers add them up when metrics are published.
     */
    @SuppressWarnings("unused")
    private long acquireNanos;
    @SuppressWarnings("unused")
    private long usageNanos;
    @SuppressWarnings("unused")
    private long returns;
    volatile boolean evictOnReturn;
    ScheduledFuture<?> leakTask;

    private PreparedStatement beginImmediate;
    private PreparedStatement beginDeferred;
    private PreparedStatement commit;
    private PreparedStatement rollback;
    private Boolean queryOnly = Boolean.FALSE;

    PoolEntry(Connection physical, StatementCache cache) {
        this.physical = physical;
        this.cache = cache;
        this.createdNanos = System.nanoTime();
        this.lastAccessNanos = createdNanos;
    }

    /** The sqlite-jdbc (or sqlite4j) connection. Never handed to callers. */
    public Connection physical() {
        return physical;
    }

    /** This connection's idle prepared statements. */
    public StatementCache cache() {
        return cache;
    }

    /**
     * Statements and result sets the current borrower has open, kept here so the list is reused across
     * borrows instead of allocated for each.
     */
    public List<AutoCloseable> openResources() {
        return openResources;
    }

    boolean compareAndSet(int expect, int update) {
        return STATE.compareAndSet(this, expect, update);
    }

    int state() {
        return state;
    }

    void setState(int s) {
        state = s;
    }

    void addAcquireNanos(long nanos) {
        ACQUIRE_NANOS.setOpaque(this, (long) ACQUIRE_NANOS.getOpaque(this) + nanos);
    }

    /** Records one return of this connection after it was held {@code nanos}. */
    void returned(long nanos) {
        USAGE_NANOS.setOpaque(this, (long) USAGE_NANOS.getOpaque(this) + nanos);
        RETURNS.setOpaque(this, (long) RETURNS.getOpaque(this) + 1);
    }

    long returns() {
        return (long) RETURNS.getOpaque(this);
    }

    long acquireNanos() {
        return (long) ACQUIRE_NANOS.getOpaque(this);
    }

    long usageNanos() {
        return (long) USAGE_NANOS.getOpaque(this);
    }

    long ageNanos(long now) {
        return now - createdNanos;
    }

    /** Starts a transaction: {@code BEGIN IMMEDIATE} takes SQLite's write lock now, {@code BEGIN} lazily. */
    public void begin(boolean immediate) throws SQLException {
        if (immediate) {
            if (beginImmediate == null) {
                beginImmediate = physical.prepareStatement("BEGIN IMMEDIATE");
            }
            beginImmediate.execute();
        } else {
            if (beginDeferred == null) {
                beginDeferred = physical.prepareStatement("BEGIN");
            }
            beginDeferred.execute();
        }
    }

    /** Runs {@code COMMIT}. */
    public void commit() throws SQLException {
        if (commit == null) {
            commit = physical.prepareStatement("COMMIT");
        }
        commit.execute();
    }

    /**
     * Runs {@code ROLLBACK}. SQLite rolls some failed transactions back by itself (SQLITE_FULL, IOERR,
     * NOMEM…); finding no transaction then is the outcome asked for, not an error.
     */
    public void rollback() throws SQLException {
        if (rollback == null) {
            rollback = physical.prepareStatement("ROLLBACK");
        }
        try {
            rollback.execute();
        } catch (SQLException e) {
            String message = e.getMessage();
            if (message == null || !message.contains("no transaction is active")) {
                throw e;
            }
        }
    }

    /** Makes the connection refuse writes ({@code PRAGMA query_only}), the way read-only is enforced. */
    public void setQueryOnly(boolean on) throws SQLException {
        if (queryOnly != on) {
            try (Statement s = physical.createStatement()) {
                s.execute(on ? "PRAGMA query_only = 1" : "PRAGMA query_only = 0");
            }
            queryOnly = on;
        }
    }

    /** Closes the statement cache and the physical connection, ignoring errors: it is leaving the pool. */
    void closePhysical() {
        cache.clear();
        try {
            physical.close();
        } catch (SQLException ignored) {
            // the connection is leaving the pool either way
        }
    }
}
