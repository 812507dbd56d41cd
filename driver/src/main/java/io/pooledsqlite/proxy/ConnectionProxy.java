package io.pooledsqlite.proxy;

import io.pooledsqlite.cache.CachedStatement;
import io.pooledsqlite.cache.StatementKey;
import io.pooledsqlite.engine.ErrorClassifier;
import io.pooledsqlite.write.SqlClassifier;
import io.pooledsqlite.write.StatementKind;
import io.pooledsqlite.write.TransactionState;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The logical connection a caller borrows. It owns the transaction: the physical sqlite-jdbc connection
 * stays in auto-commit mode, and this class runs {@code BEGIN IMMEDIATE} (the engine's write begin, after
 * taking the database's {@link io.pooledsqlite.write.WriteGate} where the engine has one) at the first
 * statement of a transaction, or plain {@code BEGIN} on a read-only connection, and
 * {@code COMMIT}/{@code ROLLBACK} at the end. So {@code setAutoCommit(false)} holds no lock, writers queue
 * in the JVM instead of failing with {@code SQLITE_BUSY}, and readers never wait. What an error means
 * (retry, drop the connection, report corruption, translate) is the engine's ({@link Lease#errors()}).
 *
 * <p>{@link #close()} returns the physical connection to the pool after undoing everything the caller
 * could have changed. A closed logical connection delegates to a sentinel that throws on every call.
 * What is plain delegation comes from the generated {@link DelegatingConnection}.
 */
public final class ConnectionProxy extends DelegatingConnection {
    /** Attempts after the first when another process keeps the database busy. */
    private static final int BUSY_RETRIES = 3;

    private final Lease lease;
    private final Connection physical;
    private final boolean translateErrors;
    private final ErrorClassifier errors;
    /** sqlite-jdbc's behaviour where it differs from JDBC's ({@code sqliteJdbcSemantics}, the agent's pools). */
    final boolean sqliteJdbcSemantics;
    /** What statements and metadata answer for {@code getConnection()}: this, or the agent's facade. */
    private Connection face = this;
    /** Statements and result sets the caller has not closed yet; closed on return. */
    private final List<AutoCloseable> open;
    private Connection delegate;

    private final TransactionState tx;
    private boolean broken;
    /** This borrower ran INSERT/UPDATE/DELETE, so {@code changes()} is its own. */
    private boolean dmlRan;
    /** This borrower inserted a row, so {@code last_insert_rowid()} is its own. */
    private boolean inserted;
    private Integer originalIsolation;
    private Integer originalHoldability;
    private int networkTimeoutMs;
    private int savepointCount;
    private Runnable whenReturned;

    /** Wraps a borrowed connection; only the pool creates these. */
    public ConnectionProxy(Lease lease) {
        this.lease = lease;
        this.physical = lease.physical();
        this.delegate = physical;
        this.tx = lease.transaction();
        this.translateErrors = lease.translateErrors();
        this.errors = lease.errors();
        this.sqliteJdbcSemantics = lease.sqliteJdbcSemantics();
        this.open = lease.openResources();
    }

    @Override
    protected Connection delegate() {
        return delegate;
    }

    @Override
    protected SQLException translate(SQLException e) {
        return fail(e);
    }

    // ---------------------------------------------------------------- the write path

    /**
     * Before a statement runs: notes what connection state it may change and lets the transaction state
     * machine begin a transaction or take the gate, as the statement's kind needs.
     */
    void beforeExecute(StatementKind kind) throws SQLException {
        checkOpen();
        lease.noteStatement(kind);
        if (kind.reachesOtherFile() && !lease.reachesOtherFiles()) {
            throw new SQLFeatureNotSupportedException("The " + lease.engineName() + " engine keeps databases in"
                    + " memory: ATTACH and VACUUM INTO cannot reach files on disk", "0A000");
        }
        if (kind.needsNoActiveStatements()) {
            lease.finalizeIdleStatements();
        }
        if (kind.readsChangeCounters() && lease.ranDml() && !dmlRan && !tx.readOnly()) {
            try {
                lease.resetChangeCounters();
            } catch (SQLException e) {
                throw fail(e);
            }
            dmlRan = true;
            inserted = true;
        }
        try {
            tx.beforeStatement(kind);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /**
     * After a statement ran ({@code ok}) or failed.
     *
     * @return true if the statement's open result set now holds the write gate
     */
    boolean afterExecute(StatementKind kind, boolean ok, boolean resultSetOpen) throws SQLException {
        try {
            return tx.afterStatement(kind, ok, resultSetOpen);
        } catch (SQLException e) {
            broken = true;
            throw fail(e);
        }
    }

    /** After a DML statement succeeded: {@code changes()}, and maybe {@code last_insert_rowid()}, are ours now. */
    void dmlRan(StatementKind kind) {
        dmlRan = true;
        if (kind.inserts() && !inserted) {
            inserted = lease.changes() != 0;
        }
    }

    /**
     * True if {@code last_insert_rowid()} still holds a previous borrower's value: a fresh connection
     * would answer 0 (sqlite-jdbc's generated keys read it even after an {@code INSERT OR IGNORE} that
     * inserted nothing).
     */
    boolean rowidIsStale() {
        return lease.ranDml() && !inserted;
    }

    /** True if {@code changes()} still holds a previous borrower's count (a fresh connection: 0). */
    boolean changesAreStale() {
        return lease.ranDml() && !dmlRan;
    }

    /** The generated keys a fresh connection reports when it inserted nothing: one row, 0. */
    ResultSet freshGeneratedKeys() throws SQLException {
        Statement s = physical.createStatement();
        s.closeOnCompletion();
        return s.executeQuery("SELECT 0 AS \"last_insert_rowid()\"");
    }

    /** A result set that held the write gate is done with. */
    void resultSetDone() throws SQLException {
        try {
            tx.resultSetDone();
        } catch (SQLException e) {
            broken = true;
            throw fail(e);
        }
    }

    /**
     * Decides whether a failed statement runs again: only for {@code SQLITE_BUSY} from another process,
     * only for a single statement outside a transaction (where SQLite ran nothing), at most
     * {@link #BUSY_RETRIES} times, after a short growing pause. Never with sqlite-jdbc semantics or the
     * borrower's own busy handler: a program written against sqlite-jdbc gets SQLite's answer after its
     * busy timeout, once, as it did.
     */
    boolean retryAfter(SQLException e, int attempt, StatementKind kind) {
        if (sqliteJdbcSemantics || tx.gateBypassed() || attempt >= BUSY_RETRIES || !tx.mayRetry(kind)
                || !errors.isBusy(e)) {
            return false;
        }
        lease.counters().busyRetried();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5L << attempt));
        return true;
    }

    /**
     * Translates an error to a SQLState-carrying one and remembers if the connection is now unusable. A
     * write refused as read-only on a connection the caller did not make read-only means the file's
     * permissions changed: a fresh connection will see them as they are now.
     */
    SQLException fail(SQLException e) {
        if (errors.isFatal(e) || (!tx.readOnly() && errors.isReadOnly(e))) {
            broken = true;
        }
        if (errors.isCorruption(e)) {
            lease.databaseCorrupt(e);
        }
        return translateErrors ? errors.translate(e) : e;
    }

    /** Asks SQLite whether {@code sql} writes, for statements whose text does not tell. */
    StatementKind classify(String sql) throws SQLException {
        try {
            return SqlClassifier.classify(sql, lease);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void commit() throws SQLException {
        checkOpen();
        if (tx.autoCommit()) {
            throw new SQLException("Cannot commit: the connection is in auto-commit mode", "25000");
        }
        try {
            tx.commit();
        } catch (SQLException e) {
            if (errors.isOutcomeUnknown(e)) {
                // a replicated engine lost its leader after COMMIT was sent: nothing to roll back, nothing known
                broken = true;
                throw e;
            }
            SQLException t = fail(e);
            if (tx.isOpen()) {
                throw t;
            }
            throw new SQLException("Commit failed and SQLite rolled the transaction back: " + t.getMessage(),
                    t.getSQLState(), t.getErrorCode(), t);
        }
    }

    @Override
    public void rollback() throws SQLException {
        checkOpen();
        if (tx.autoCommit()) {
            throw new SQLException("Cannot roll back: the connection is in auto-commit mode", "25000");
        }
        try {
            tx.rollback();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        checkOpen();
        try {
            tx.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        return tx.autoCommit();
    }

    /**
     * Read-only is enforced with {@code PRAGMA query_only} (sqlite-jdbc cannot change its own flag after
     * opening). Read-only transactions begin with plain {@code BEGIN} and never take the write gate.
     */
    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        if (readOnly == tx.readOnly()) {
            return;
        }
        tx.setReadOnly(readOnly);
        try {
            lease.setQueryOnly(readOnly);
        } catch (SQLException e) {
            tx.setReadOnly(!readOnly);
            throw fail(e);
        }
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return tx.readOnly() || lease.opensReadOnly();
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        return savepoint(null);
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        if (name == null || name.isEmpty()) {
            throw new SQLException("A savepoint name must not be empty", "3B000");
        }
        return savepoint(name);
    }

    private Savepoint savepoint(String name) throws SQLException {
        checkOpen();
        if (tx.autoCommit()) {
            // sqlite-jdbc's answer (the JDBC spec would refuse): the savepoint ends auto-commit mode
            setAutoCommit(false);
        }
        beforeExecute(StatementKind.WRITE);
        LogicalSavepoint sp = new LogicalSavepoint(++savepointCount, name);
        runControl("SAVEPOINT " + sp.sqlName());
        return sp;
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        checkOpen();
        runControl("ROLLBACK TO SAVEPOINT " + LogicalSavepoint.of(savepoint).sqlName());
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        checkOpen();
        runControl("RELEASE SAVEPOINT " + LogicalSavepoint.of(savepoint).sqlName());
    }

    private void runControl(String sql) throws SQLException {
        try (Statement s = physical.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    // ---------------------------------------------------------------- statements

    @Override
    public Statement createStatement() throws SQLException {
        try {
            return track(new StatementProxy(this, delegate.createStatement()));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        try {
            return track(new StatementProxy(this, delegate.createStatement(resultSetType, resultSetConcurrency)));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        try {
            return track(new StatementProxy(this,
                    delegate.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability)));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        Object key = StatementKey.of(sql);
        CachedStatement c = fromCache(key);
        try {
            if (c == null) {
                c = new CachedStatement(key, delegate.prepareStatement(sql), classify(sql));
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return prepared(c);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        Object key = StatementKey.of(sql, resultSetType, resultSetConcurrency, -1);
        CachedStatement c = fromCache(key);
        try {
            if (c == null) {
                c = new CachedStatement(key, delegate.prepareStatement(sql, resultSetType, resultSetConcurrency),
                        classify(sql));
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return prepared(c);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
                                              int resultSetHoldability) throws SQLException {
        Object key = StatementKey.of(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
        CachedStatement c = fromCache(key);
        try {
            if (c == null) {
                c = new CachedStatement(key, delegate.prepareStatement(sql, resultSetType, resultSetConcurrency,
                        resultSetHoldability), classify(sql));
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return prepared(c);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        Object key = StatementKey.of(sql, autoGeneratedKeys, null, null);
        CachedStatement c = fromCache(key);
        try {
            if (c == null) {
                c = new CachedStatement(key, delegate.prepareStatement(sql, autoGeneratedKeys),
                        classify(sql));
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return prepared(c);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        Object key = StatementKey.of(sql, -1, columnIndexes, null);
        CachedStatement c = fromCache(key);
        try {
            if (c == null) {
                c = new CachedStatement(key, delegate.prepareStatement(sql, columnIndexes),
                        classify(sql));
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return prepared(c);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        Object key = StatementKey.of(sql, -1, null, columnNames);
        CachedStatement c = fromCache(key);
        try {
            if (c == null) {
                c = new CachedStatement(key, delegate.prepareStatement(sql, columnNames),
                        classify(sql));
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return prepared(c);
    }

    /** A physical statement outside the cache, for a wrapper's own use (metadata of a reused statement). */
    PreparedStatement preparePhysical(String sql) throws SQLException {
        return physical.prepareStatement(sql);
    }

    /** SQLite applies some pragmas while it prepares them: what they change is noted now. */
    private PreparedStatement prepared(CachedStatement c) {
        lease.noteStatement(c.kind());
        return track(new PreparedStatementProxy(this, c, lease.statements()));
    }

    private CachedStatement fromCache(Object key) throws SQLException {
        checkOpen();
        CachedStatement c = lease.statements().take(key);
        if (c != null) {
            lease.counters().cacheHit();
        } else {
            lease.counters().cacheMiss();
        }
        return c;
    }

    /** SQLite has no stored procedures; refusing here also keeps an unwrapped statement from escaping. */
    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        checkOpen();
        throw new SQLFeatureNotSupportedException("SQLite does not support stored procedures", "0A000");
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        return prepareCall(sql);
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
                                         int resultSetHoldability) throws SQLException {
        return prepareCall(sql);
    }

    private <T extends AutoCloseable> T track(T resource) {
        open.add(resource);
        return resource;
    }

    /** A wrapped statement or result set handed out a physical object: the connection is replaced on return. */
    public void physicalObjectEscaped() {
        lease.replaceOnReturn();
    }

    /**
     * The physical connection for the agent's {@code SQLiteConnection} facade, which must be built on it;
     * unlike {@link #unwrap}, this alone does not retire the connection on return (the facade reports what
     * the program does with the database handle through {@link #physicalObjectEscaped}).
     */
    public Connection physicalForFacade() throws SQLException {
        checkOpen();
        return physical;
    }

    /** Called by a statement or metadata result set that the caller closed. */
    void untrack(AutoCloseable resource) {
        for (int i = open.size() - 1; i >= 0; i--) {
            if (open.get(i) == resource) {
                open.remove(i);
                return;
            }
        }
    }

    /**
     * From now until this connection is returned, its writes bypass the in-JVM write gate and the busy
     * retries, so SQLite's own locking decides and a busy handler the borrower installed is called as
     * it would be without the pool. A transaction that already holds the gate keeps it until it ends.
     */
    public void useSqliteLocking() {
        tx.bypassGate();
    }

    /**
     * Makes statements and database metadata answer {@code face} for {@code getConnection()}: the agent's
     * {@code SQLiteConnection} facade over this connection, which is what the program holds.
     */
    public void presentAs(Connection face) {
        this.face = face;
    }

    Connection face() {
        return face;
    }

    /** Wraps a result set made by database metadata; closed when the connection is returned. */
    ResultSet trackMetaData(ResultSet rs) {
        return rs == null ? null : track(new ResultSetProxy(this, null, rs));
    }

    // ---------------------------------------------------------------- state the pool resets

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        try {
            if (originalIsolation == null) {
                originalIsolation = physical.getTransactionIsolation();
            }
            delegate.setTransactionIsolation(level);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        checkOpen();
        try {
            if (originalHoldability == null) {
                originalHoldability = physical.getHoldability();
            }
            delegate.setHoldability(holdability);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /** SQLite runs in-process: there is no network to time out. The value is kept and reported back. */
    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        checkOpen();
        if (milliseconds < 0) {
            throw new SQLException("Network timeout must not be negative: " + milliseconds, "HY024");
        }
        networkTimeoutMs = milliseconds;
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        checkOpen();
        return networkTimeoutMs;
    }

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        try {
            return new DatabaseMetaDataProxy(this, delegate.getMetaData());
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (timeout < 0) {
            throw new SQLException("isValid timeout must not be negative: " + timeout, "HY024");
        }
        if (delegate != physical) {
            return false;
        }
        try {
            return physical.isValid(timeout);
        } catch (SQLException e) {
            broken = true;
            return false;
        }
    }

    @Override
    public boolean isClosed() {
        return delegate != physical;
    }

    /**
     * Returns the physical connection to the pool: closes what the caller left open, rolls back an
     * unfinished transaction, releases the write gate and restores read-only, isolation and holdability.
     * If any of that fails the physical connection is closed instead of reused. Closing twice is harmless.
     */
    @Override
    public void close() throws SQLException {
        if (delegate != physical) {
            return;
        }
        delegate = Closed.CONNECTION;
        try {
            for (int i = open.size() - 1; i >= 0; i--) {
                try {
                    open.get(i).close();
                } catch (Exception e) {
                    broken = true;
                }
            }
            open.clear();
            if (dmlRan) {
                lease.dmlRan();
            }
            boolean readOnly = tx.readOnly();
            if (!tx.reset()) {
                broken = true;
            }
            if (readOnly) {
                lease.setQueryOnly(false);
            }
            if (originalIsolation != null) {
                physical.setTransactionIsolation(originalIsolation);
            }
            if (originalHoldability != null) {
                physical.setHoldability(originalHoldability);
            }
            physical.clearWarnings();
            if (physical.isClosed()) {
                broken = true;
            }
        } catch (SQLException | RuntimeException e) {
            broken = true;
        } finally {
            lease.giveBack(broken);
            if (whenReturned != null) {
                whenReturned.run();
            }
        }
    }

    /**
     * Runs {@code action} once, after this connection has gone back to the pool (used by admission
     * control that must free a slot when the caller is done).
     */
    public void whenReturned(Runnable action) {
        this.whenReturned = action;
    }

    /** Closes this connection and takes its physical connection out of the pool for good. */
    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) {
            throw new SQLException("abort needs an executor", "HY009");
        }
        if (delegate != physical) {
            return;
        }
        broken = true;
        executor.execute(() -> {
            try {
                close();
            } catch (SQLException ignored) {
                // the physical connection leaves the pool either way
            }
        });
    }

    void checkOpen() throws SQLException {
        if (delegate != physical) {
            throw Closed.connectionClosed();
        }
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        checkOpen();
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        // the borrower may now change anything on the physical connection: it is never lent again
        lease.replaceOnReturn();
        if (iface.isInstance(physical)) {
            return iface.cast(physical);
        }
        try {
            return physical.unwrap(iface);
        } catch (SQLException | RuntimeException e) {
            throw new SQLException("Not a wrapper for " + iface.getName(), "HY000", e);
        }
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        checkOpen();
        return iface.isInstance(this) || iface.isInstance(physical) || physical.isWrapperFor(iface);
    }

    @Override
    public String toString() {
        return "ConnectionProxy[" + lease.poolName() + (isClosed() ? ", closed]" : "]");
    }
}
