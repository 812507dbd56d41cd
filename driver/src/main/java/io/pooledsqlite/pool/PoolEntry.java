package io.pooledsqlite.pool;

import io.pooledsqlite.cache.StatementCache;
import io.pooledsqlite.engine.ErrorClassifier;
import io.pooledsqlite.metrics.PoolCounters;
import io.pooledsqlite.proxy.Lease;
import io.pooledsqlite.write.StatementKind;
import io.pooledsqlite.write.TransactionState;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One physical connection and what the pool keeps with it: its state in the {@link EntryBag}, its ages
 * and timings, its statement cache and transaction state, and what its borrowers changed on it. It is the
 * {@link Lease} its logical connections hold, and {@link #giveBack(boolean)} is the whole return path.
 */
final class PoolEntry implements Lease {
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

    private final ConnectionPool pool;
    private final boolean translateErrors;
    private final boolean sqliteJdbcSemantics;
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

    private final SessionReset session;
    private final EntryTransactions transactions;
    private final TransactionState transaction;
    private final boolean opensReadOnly;
    /** What a thread keeps of the entry it returned last ({@link EntryBag}): nothing that keeps it alive. */
    final WeakReference<PoolEntry> weakSelf = new WeakReference<>(this);
    /** The borrower reached the physical connection itself: it is closed on return, never lent again. */
    private volatile boolean replaceOnReturn;
    private ArrayList<String> touchedPragmas;
    private boolean dmlEver;
    private boolean checkSchema;
    private boolean checkAll;

    PoolEntry(ConnectionPool pool, Connection physical, StatementCache cache, SessionReset session,
              long createdNanos) {
        this.pool = pool;
        this.translateErrors = pool.config().translateErrors();
        this.sqliteJdbcSemantics = pool.config().sqliteJdbcSemantics();
        this.physical = physical;
        this.session = session;
        this.transactions = new EntryTransactions(pool, physical);
        this.transaction = new TransactionState(transactions);
        boolean readOnly;
        try {
            readOnly = physical.isReadOnly();
        } catch (SQLException | RuntimeException e) {
            readOnly = false;
        }
        this.opensReadOnly = readOnly;
        this.cache = cache;
        this.createdNanos = createdNanos;
        this.lastAccessNanos = createdNanos;
    }

    /** The sqlite-jdbc (or sqlite4j) connection. Never handed to callers. */
    @Override
    public Connection physical() {
        return physical;
    }

    /** The physical connection says it was opened read-only ({@code open_mode=1}; not for a {@code mode=ro} URI). */
    @Override
    public boolean opensReadOnly() {
        return opensReadOnly;
    }

    /** The transaction state machine of this connection; reset when it is returned. */
    @Override
    public TransactionState transaction() {
        return transaction;
    }

    /** This connection's idle prepared statements. */
    @Override
    public StatementCache statements() {
        return cache;
    }

    /**
     * Statements and result sets the current borrower has open, kept here so the list is reused across
     * borrows instead of allocated for each.
     */
    @Override
    public List<AutoCloseable> openResources() {
        return openResources;
    }

    @Override
    public PoolCounters counters() {
        return pool.counters();
    }

    @Override
    public String poolName() {
        return pool.getPoolName();
    }

    @Override
    public boolean translateErrors() {
        return translateErrors;
    }

    @Override
    public boolean sqliteJdbcSemantics() {
        return sqliteJdbcSemantics;
    }

    @Override
    public String engineName() {
        return pool.engine().name();
    }

    @Override
    public boolean reachesOtherFiles() {
        return pool.engine().reachesOtherFiles();
    }

    @Override
    public ErrorClassifier errors() {
        return pool.engine().errors();
    }

    @Override
    public void databaseCorrupt(SQLException e) {
        pool.databaseCorrupt(e);
    }

    // ---------------------------------------------------------------- the return path

    /**
     * Takes the connection back after its logical connection undid what its borrower changed: stops the
     * leak timer, records how long it was held, and lends it again (handed straight to a waiting thread if
     * there is one) or, if it is broken, expired, evicted, the pool closed, or its session cannot be made
     * fresh again, closes it and opens another if the pool is below {@code minIdle}.
     */
    @Override
    public void giveBack(boolean broken) {
        ScheduledFuture<?> leak = leakTask;
        if (leak != null) {
            leak.cancel(false);
            leakTask = null;
        }
        long now = System.nanoTime();
        returned(now - borrowedNanos);
        pool.metrics().connectionReturned(now - borrowedNanos);
        long age = pool.clock().at(now);
        String why = whyNotLentAgain(broken, age);
        if (why != null) {
            pool.replace(this, why);
            return;
        }
        lastAccessNanos = age;
        pool.requite(this);
    }

    /**
     * Why this returned entry must be closed instead of lent again, or {@code null} if it may be lent. The
     * session reset runs last, only for an entry that would otherwise be kept.
     */
    private String whyNotLentAgain(boolean broken, long now) {
        if (broken) {
            return "broken";
        }
        if (pool.isClosed()) {
            return "pool closed";
        }
        if (evictOnReturn || pool.expired(this, now)) {
            return "evicted or expired";
        }
        if (!resetSession()) {
            return "the borrower changed state a fresh connection does not have";
        }
        return null;
    }

    // ---------------------------------------------------------------- state in the bag, ages and timings

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

    /**
     * SQLite's answer to "does this statement write?": its compiled program opens a write transaction,
     * or vacuums, checkpoints or changes the journal. Never used for pragmas, which SQLite applies while
     * compiling. A statement SQLite cannot compile counts as a write.
     */
    @Override
    public boolean writes(String sql) {
        try (Statement s = physical.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            while (rs.next()) {
                String op = rs.getString(2);
                if ((op.equals("Transaction") && rs.getInt(4) != 0) || op.equals("Vacuum")
                        || op.equals("Checkpoint") || op.equals("JournalMode") || op.equals("AutoCommit")
                        || op.equals("Savepoint")) {
                    return true;
                }
            }
            return false;
        } catch (SQLException e) {
            return true;
        }
    }

    /** Makes the connection refuse writes ({@code PRAGMA query_only}), the way read-only is enforced. */
    @Override
    public void setQueryOnly(boolean on) throws SQLException {
        try (Statement s = physical.createStatement()) {
            s.execute(on ? "PRAGMA query_only = 1" : "PRAGMA query_only = 0");
        }
    }

    /**
     * {@code sqlite3_changes()} of the last statement, or -1 when the engine does not say (then callers
     * assume it changed rows).
     */
    @Override
    public long changes() {
        return pool.engine().changes(physical);
    }

    /**
     * Sets {@code last_insert_rowid()} and {@code changes()} back to a fresh connection's 0: an insert of
     * rowid 0 into a TEMP table made for the purpose, an empty delete, and the table dropped again
     * (~50 µs; only for SQL that reads them while they hold an earlier borrower's values).
     */
    @Override
    public void resetChangeCounters() throws SQLException {
        try (Statement s = physical.createStatement()) {
            s.execute("CREATE TEMP TABLE IF NOT EXISTS pooledsqlite_counters(x)");
            try {
                s.execute("INSERT INTO temp.pooledsqlite_counters(rowid) VALUES (0)");
                s.execute("DELETE FROM temp.pooledsqlite_counters WHERE 0");
            } finally {
                s.execute("DROP TABLE temp.pooledsqlite_counters");
            }
        }
    }

    /** A borrower ran DML: {@code changes()} and {@code last_insert_rowid()} are no longer a fresh one's. */
    @Override
    public void dmlRan() {
        dmlEver = true;
    }

    /** True once any borrower ran DML on this connection. */
    @Override
    public boolean ranDml() {
        return dmlEver;
    }

    /**
     * Finalizes the statements the pool keeps prepared on this connection (idle cached ones and its own
     * transaction statements): sqlite-jdbc leaves executed statements un-reset, and SQLite refuses VACUUM
     * or DETACH while any is active.
     */
    @Override
    public void finalizeIdleStatements() {
        cache.clear();
        transactions.finalizeStatements();
    }

    /** Remembers what connection state a statement the borrower ran may have changed. */
    @Override
    public void noteStatement(StatementKind kind) {
        if (!kind.changesSession()) {
            return;
        }
        if (kind.isScript()) {
            checkAll = true;
        } else if (kind.changesUnknownState()) {
            replaceOnReturn = true;
        }
        if (kind.changesSchema()) {
            checkSchema = true;
        }
        String pragma = kind.pragma();
        if (pragma != null) {
            if (touchedPragmas == null) {
                touchedPragmas = new ArrayList<>(4);
            }
            if (!touchedPragmas.contains(pragma)) {
                touchedPragmas.add(pragma);
            }
        }
    }

    /** The borrower reached the physical connection (unwrap): it is closed on return, never lent again. */
    @Override
    public void replaceOnReturn() {
        replaceOnReturn = true;
    }

    /**
     * Puts connection-scoped settings the borrower may have changed back as they were when the connection
     * was opened.
     *
     * @return false if the connection cannot be made fresh again and must be replaced
     */
    boolean resetSession() {
        if (replaceOnReturn) {
            return false;
        }
        if (touchedPragmas == null && !checkSchema && !checkAll) {
            return true;
        }
        boolean ok = session != null && session.restore(physical,
                touchedPragmas == null ? List.of() : touchedPragmas, checkAll, checkSchema);
        if (touchedPragmas != null) {
            touchedPragmas.clear();
        }
        checkSchema = false;
        checkAll = false;
        return ok;
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
