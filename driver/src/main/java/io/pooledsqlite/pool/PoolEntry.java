package io.pooledsqlite.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import io.pooledsqlite.write.SqlClassifier;
import io.pooledsqlite.write.StatementKind;
import io.pooledsqlite.write.TransactionState;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.CoreStatement;
import org.sqlite.core.DB;

/**
 * One physical connection and what the pool keeps with it: its lending state, its statement cache, and
 * the prepared transaction-control statements the logical connections run. Internal to the driver.
 */
public final class PoolEntry implements SqlClassifier.WriteProbe {
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

    private static final int BEGIN = 0;
    private static final int BEGIN_IMMEDIATE = 1;
    private static final int COMMIT = 2;
    private static final int ROLLBACK = 3;
    private static final String[] CONTROL_SQL = {"BEGIN", "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"};
    private final PreparedStatement[] control = new PreparedStatement[CONTROL_SQL.length];
    /** sqlite-jdbc's database handle, which runs the transaction statements directly; null on other engines. */
    private final DB database;
    private final SessionReset session;
    private final TransactionState transaction;
    private final boolean opensReadOnly;
    /** The borrower reached the physical connection itself: it is closed on return, never lent again. */
    private volatile boolean replaceOnReturn;
    private ArrayList<String> touchedPragmas;
    private boolean dmlEver;
    private boolean checkSchema;
    private boolean checkAll;

    PoolEntry(ConnectionPool pool, Connection physical, StatementCache cache, SessionReset session) {
        this.physical = physical;
        this.session = session;
        this.transaction = new TransactionState(new EntryTransactions(pool, this));
        boolean readOnly;
        try {
            readOnly = physical.isReadOnly();
        } catch (SQLException | RuntimeException e) {
            readOnly = false;
        }
        this.opensReadOnly = readOnly;
        this.database = physical instanceof SQLiteConnection ? ((SQLiteConnection) physical).getDatabase() : null;
        this.cache = cache;
        this.createdNanos = System.nanoTime();
        this.lastAccessNanos = createdNanos;
    }

    /** The sqlite-jdbc (or sqlite4j) connection. Never handed to callers. */
    public Connection physical() {
        return physical;
    }

    /** The physical connection was opened read-only ({@code open_mode}, {@code mode=ro}): it says so itself. */
    public boolean opensReadOnly() {
        return opensReadOnly;
    }

    /** The transaction state machine of this connection; reset when it is returned. */
    public TransactionState transaction() {
        return transaction;
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
    void begin(boolean immediate) throws SQLException {
        run(immediate ? BEGIN_IMMEDIATE : BEGIN);
    }

    /** Runs {@code COMMIT}. */
    void commit() throws SQLException {
        run(COMMIT);
    }

    /**
     * Runs {@code ROLLBACK}. SQLite rolls some failed transactions back by itself (SQLITE_FULL, IOERR,
     * NOMEM…); finding no transaction then is the outcome asked for, not an error.
     */
    void rollback() throws SQLException {
        try {
            run(ROLLBACK);
        } catch (SQLException e) {
            String message = e.getMessage();
            if (message == null || !message.contains("no transaction is active")) {
                throw e;
            }
        }
    }

    /**
     * SQLite's answer to "is this connection inside a transaction?" (sqlite-jdbc does not expose
     * {@code sqlite3_get_autocommit}): a {@code BEGIN} is refused inside one. When it is accepted, the empty
     * transaction is committed again; {@code COMMIT}, unlike {@code ROLLBACK}, leaves the caller's open
     * result sets alone. Costs about 3 µs, so it runs only after statements that may change the answer.
     */
    boolean inTransaction() throws SQLException {
        try {
            run(BEGIN);
        } catch (SQLException e) {
            String message = e.getMessage();
            if (message != null && message.contains("within a transaction")) {
                return true;
            }
            throw e;
        }
        run(COMMIT);
        return false;
    }

    /**
     * Runs one of the transaction statements, prepared once. sqlite-jdbc finalizes a prepared statement
     * whose execution failed, so a failed one is prepared anew next time. On sqlite-jdbc it runs through
     * the database handle, as {@code PreparedStatement.execute()} itself does, without the generated-keys
     * regex and update-count bookkeeping that call adds (~1 µs per transaction, issue 18).
     */
    private void run(int which) throws SQLException {
        PreparedStatement s = control[which];
        if (s == null) {
            s = physical.prepareStatement(CONTROL_SQL[which]);
            control[which] = s;
        }
        try {
            if (database != null && s instanceof CoreStatement) {
                database.execute((CoreStatement) s, null);
            } else {
                s.execute();
            }
        } catch (SQLException e) {
            control[which] = null;
            try {
                s.close();
            } catch (SQLException ignored) {
                // already finalized
            }
            throw e;
        }
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
    public void setQueryOnly(boolean on) throws SQLException {
        try (Statement s = physical.createStatement()) {
            s.execute(on ? "PRAGMA query_only = 1" : "PRAGMA query_only = 0");
        }
    }

    /**
     * {@code sqlite3_changes()} of the last statement, or -1 when the engine does not say (then callers
     * assume it changed rows).
     */
    public long changes() {
        if (physical instanceof org.sqlite.SQLiteConnection) {
            try {
                return ((org.sqlite.SQLiteConnection) physical).getDatabase().changes();
            } catch (SQLException | RuntimeException e) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * Sets {@code last_insert_rowid()} and {@code changes()} back to a fresh connection's 0: an insert of
     * rowid 0 into a TEMP table made for the purpose, an empty delete, and the table dropped again
     * (~50 µs; only for SQL that reads them while they hold an earlier borrower's values).
     */
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
    public void dmlRan() {
        dmlEver = true;
    }

    /** True once any borrower ran DML on this connection. */
    public boolean ranDml() {
        return dmlEver;
    }

    /**
     * Finalizes the statements the pool keeps prepared on this connection (idle cached ones and its own
     * transaction statements): sqlite-jdbc leaves executed statements un-reset, and SQLite refuses VACUUM
     * or DETACH while any is active.
     */
    public void finalizeIdleStatements() {
        cache.clear();
        for (int i = 0; i < control.length; i++) {
            if (control[i] != null) {
                try {
                    control[i].close();
                } catch (SQLException ignored) {
                    // prepared anew when next needed
                }
                control[i] = null;
            }
        }
    }

    /** Remembers what connection state a statement the borrower ran may have changed. */
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
