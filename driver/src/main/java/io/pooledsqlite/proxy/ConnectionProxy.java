package io.pooledsqlite.proxy;

import io.pooledsqlite.error.SqliteErrors;
import io.pooledsqlite.pool.CachedStatement;
import io.pooledsqlite.pool.ConnectionPool;
import io.pooledsqlite.pool.PoolEntry;
import io.pooledsqlite.pool.StatementKey;
import io.pooledsqlite.write.SqlClassifier;
import io.pooledsqlite.write.StatementKind;
import io.pooledsqlite.write.WriteGate;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The logical connection a caller borrows. It owns the transaction: the physical sqlite-jdbc connection
 * stays in auto-commit mode, and this class runs {@code BEGIN IMMEDIATE} (after taking the database's
 * {@link WriteGate}) at the first statement of a transaction, or plain {@code BEGIN} on a read-only
 * connection, and {@code COMMIT}/{@code ROLLBACK} at the end. So {@code setAutoCommit(false)} holds no
 * lock, writers queue in the JVM instead of failing with {@code SQLITE_BUSY}, and readers never wait.
 *
 * <p>{@link #close()} returns the physical connection to the pool after undoing everything the caller
 * could have changed. A closed logical connection delegates to a sentinel that throws on every call.
 */
public final class ConnectionProxy implements Connection {
    /** SQLState of a COMMIT whose outcome is unknown (a replicated engine lost its leader meanwhile). */
    private static final String OUTCOME_UNKNOWN = "40003";
    /** Attempts after the first when another process keeps the database busy. */
    private static final int BUSY_RETRIES = 3;

    private final ConnectionPool pool;
    private final PoolEntry entry;
    private final Connection physical;
    private final WriteGate gate;
    private final long busyTimeoutMs;
    private final boolean translateErrors;
    /** Statements and result sets the caller has not closed yet; closed on return. */
    private final List<AutoCloseable> open;
    private Connection delegate;

    private boolean autoCommit = true;
    private boolean readOnly;
    /** SQLite is inside a transaction begun by this connection or by the caller's own BEGIN. */
    private boolean txOpen;
    /** The write gate is held until the transaction ends. */
    private boolean txHoldsGate;
    /** The write gate is held for the one auto-commit statement running now. */
    private boolean statementHoldsGate;
    /** The caller's own {@code BEGIN} is running in auto-commit mode; undone if it fails. */
    private boolean sqlBeginRunning;
    private boolean broken;
    private Integer originalIsolation;
    private Integer originalHoldability;
    private int networkTimeoutMs;
    private int savepointCount;
    private Runnable whenReturned;

    /** Wraps a borrowed pool entry; only the pool creates these. */
    public ConnectionProxy(ConnectionPool pool, PoolEntry entry) {
        this.pool = pool;
        this.entry = entry;
        this.physical = entry.physical();
        this.delegate = physical;
        this.gate = pool.gate();
        this.busyTimeoutMs = pool.busyTimeoutMs();
        this.translateErrors = pool.translateErrors();
        this.open = entry.openResources();
    }

    // ---------------------------------------------------------------- the write path

    /** Before a statement runs: begins the transaction or takes the gate, as the statement's kind needs. */
    void beforeExecute(StatementKind kind) throws SQLException {
        checkOpen();
        if (txOpen) {
            if (txHoldsGate) {
                gate.touch(this);
            }
            return;
        }
        if (!autoCommit) {
            begin();
            return;
        }
        switch (kind) {
            case WRITE:
                if (!readOnly) {
                    enterGate();
                    statementHoldsGate = true;
                }
                return;
            case BEGIN:
                if (!readOnly) {
                    enterGate();
                    txHoldsGate = true;
                }
                txOpen = true;
                sqlBeginRunning = true;
                return;
            default:
                return;
        }
    }

    /**
     * After a statement ran (or failed): releases a statement's gate, follows the caller's BEGIN/COMMIT.
     * An auto-commit write committed by itself, so the engine makes it durable like any commit.
     */
    void afterExecute(StatementKind kind, boolean ok) throws SQLException {
        if (statementHoldsGate) {
            statementHoldsGate = false;
            gate.exit(this);
            if (ok) {
                afterCommit();
            }
        }
        if (sqlBeginRunning) {
            sqlBeginRunning = false;
            if (!ok) {
                endTransaction();
            }
        } else if (ok && txOpen && (kind == StatementKind.COMMIT || kind == StatementKind.ROLLBACK)) {
            endTransaction();
            if (kind == StatementKind.COMMIT) {
                afterCommit();
            }
        }
    }

    /**
     * Decides whether a failed statement runs again: only for {@code SQLITE_BUSY} from another process,
     * only outside a transaction (where nothing was done yet), at most {@link #BUSY_RETRIES} times, after
     * a short growing pause.
     */
    boolean retryAfter(SQLException e, int attempt) {
        if (txOpen || attempt >= BUSY_RETRIES || !SqliteErrors.isBusy(e)) {
            return false;
        }
        pool.recordBusyRetry();
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5L << attempt));
        return true;
    }

    /**
     * Translates an error to a SQLState-carrying one and remembers if the connection is now unusable. A
     * write refused as read-only on a connection the caller did not make read-only means the file's
     * permissions changed: a fresh connection will see them as they are now.
     */
    SQLException fail(SQLException e) {
        if (SqliteErrors.isFatal(e)
                || (!readOnly && SqliteErrors.resultCode(e) == SqliteErrors.READONLY)) {
            broken = true;
        }
        if (SqliteErrors.isCorruption(e)) {
            pool.databaseCorrupt(e);
        }
        return translateErrors ? SqliteErrors.translate(e) : e;
    }

    private void enterGate() throws SQLException {
        long waited;
        try {
            waited = gate.enter(this, busyTimeoutMs);
        } catch (SQLException busy) {
            throw translateErrors ? busy : SqliteErrors.untranslatedBusy(busy);
        }
        if (waited > 0) {
            pool.recordGateWait(waited);
        }
    }

    private void begin() throws SQLException {
        boolean immediate = !readOnly;
        if (immediate) {
            enterGate();
        }
        try {
            for (int attempt = 0; ; attempt++) {
                try {
                    entry.begin(immediate);
                    break;
                } catch (SQLException e) {
                    if (!retryAfter(e, attempt)) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            if (immediate) {
                gate.exit(this);
            }
            throw fail(e);
        }
        txOpen = true;
        txHoldsGate = immediate;
    }

    private void endTransaction() {
        txOpen = false;
        if (txHoldsGate) {
            txHoldsGate = false;
            gate.exit(this);
        }
    }

    private void afterCommit() throws SQLException {
        try {
            pool.engine().afterCommit(physical);
        } catch (SQLException e) {
            broken = true;
            throw fail(e);
        }
    }

    @Override
    public void commit() throws SQLException {
        checkOpen();
        if (autoCommit) {
            throw new SQLException("Cannot commit: the connection is in auto-commit mode", "25000");
        }
        if (!txOpen) {
            return;
        }
        try {
            entry.commit();
        } catch (SQLException e) {
            if (OUTCOME_UNKNOWN.equals(e.getSQLState())) {
                // a replicated engine lost its leader after COMMIT was sent: nothing to roll back, nothing known
                endTransaction();
                broken = true;
                throw e;
            }
            // the transaction did not commit: roll it back so the connection is clean, and say so
            try {
                entry.rollback();
            } catch (SQLException ignored) {
                // SQLite may have rolled back already
            }
            endTransaction();
            SQLException t = fail(e);
            SQLException rolledBack = new SQLException("Commit failed and the transaction was rolled back: "
                    + t.getMessage(), t.getSQLState(), t.getErrorCode(), t);
            throw rolledBack;
        }
        endTransaction();
        afterCommit();
    }

    @Override
    public void rollback() throws SQLException {
        checkOpen();
        if (autoCommit) {
            throw new SQLException("Cannot roll back: the connection is in auto-commit mode", "25000");
        }
        if (!txOpen) {
            return;
        }
        try {
            entry.rollback();
        } catch (SQLException e) {
            throw fail(e);
        } finally {
            endTransaction();
        }
    }

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        checkOpen();
        if (autoCommit == this.autoCommit) {
            return;
        }
        if (autoCommit && txOpen) {
            commit();
        }
        this.autoCommit = autoCommit;
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        return autoCommit;
    }

    /**
     * Read-only is enforced with {@code PRAGMA query_only} (sqlite-jdbc cannot change its own flag after
     * opening). Read-only transactions begin with plain {@code BEGIN} and never take the write gate.
     */
    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        if (readOnly == this.readOnly) {
            return;
        }
        if (txOpen) {
            throw new SQLException("Cannot change read-only mode inside a transaction", "25001");
        }
        try {
            entry.setQueryOnly(readOnly);
        } catch (SQLException e) {
            throw fail(e);
        }
        this.readOnly = readOnly;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return readOnly;
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
        if (autoCommit) {
            throw new SQLException("Savepoints need a transaction: call setAutoCommit(false) first", "25000");
        }
        if (!txOpen) {
            begin();
        }
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
                c = new CachedStatement(key, delegate.prepareStatement(sql), SqlClassifier.classify(sql));
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return track(new PreparedStatementProxy(this, c, entry.cache()));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        Object key = StatementKey.of(sql, resultSetType, resultSetConcurrency, -1);
        CachedStatement c = fromCache(key);
        try {
            if (c == null) {
                c = new CachedStatement(key, delegate.prepareStatement(sql, resultSetType, resultSetConcurrency),
                        SqlClassifier.classify(sql));
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return track(new PreparedStatementProxy(this, c, entry.cache()));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
                                              int resultSetHoldability) throws SQLException {
        Object key = StatementKey.of(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
        CachedStatement c = fromCache(key);
        try {
            if (c == null) {
                c = new CachedStatement(key, delegate.prepareStatement(sql, resultSetType, resultSetConcurrency,
                        resultSetHoldability), SqlClassifier.classify(sql));
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return track(new PreparedStatementProxy(this, c, entry.cache()));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        Object key = StatementKey.of(sql, autoGeneratedKeys, null, null);
        CachedStatement c = fromCache(key);
        try {
            if (c == null) {
                c = new CachedStatement(key, delegate.prepareStatement(sql, autoGeneratedKeys),
                        SqlClassifier.classify(sql));
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return track(new PreparedStatementProxy(this, c, entry.cache()));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        Object key = StatementKey.of(sql, -1, columnIndexes, null);
        CachedStatement c = fromCache(key);
        try {
            if (c == null) {
                c = new CachedStatement(key, delegate.prepareStatement(sql, columnIndexes),
                        SqlClassifier.classify(sql));
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return track(new PreparedStatementProxy(this, c, entry.cache()));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        Object key = StatementKey.of(sql, -1, null, columnNames);
        CachedStatement c = fromCache(key);
        try {
            if (c == null) {
                c = new CachedStatement(key, delegate.prepareStatement(sql, columnNames),
                        SqlClassifier.classify(sql));
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        return track(new PreparedStatementProxy(this, c, entry.cache()));
    }

    private CachedStatement fromCache(Object key) throws SQLException {
        checkOpen();
        CachedStatement c = entry.cache().take(key);
        if (c != null) {
            pool.recordCacheHit();
        } else {
            pool.recordCacheMiss();
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

    /** Called by a statement or metadata result set that the caller closed. */
    void untrack(AutoCloseable resource) {
        for (int i = open.size() - 1; i >= 0; i--) {
            if (open.get(i) == resource) {
                open.remove(i);
                return;
            }
        }
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
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                broken = true;
            }
        }
        open.clear();
        if (statementHoldsGate) {
            statementHoldsGate = false;
            gate.exit(this);
        }
        if (txOpen) {
            try {
                entry.rollback();
            } catch (SQLException e) {
                broken = true;
            }
            endTransaction();
        }
        try {
            if (readOnly) {
                entry.setQueryOnly(false);
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
        } catch (SQLException e) {
            broken = true;
        }
        pool.release(entry, broken);
        if (whenReturned != null) {
            whenReturned.run();
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
        return "ConnectionProxy[" + pool.getPoolName() + (isClosed() ? ", closed]" : "]");
    }

    // ---------------------------------------------------------------- plain delegation, errors translated

    @Override
    public void beginRequest() throws SQLException {
        try {
            delegate.beginRequest();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void clearWarnings() throws SQLException {
        try {
            delegate.clearWarnings();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        try {
            return delegate.createArrayOf(typeName, elements);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public Blob createBlob() throws SQLException {
        try {
            return delegate.createBlob();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public Clob createClob() throws SQLException {
        try {
            return delegate.createClob();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public NClob createNClob() throws SQLException {
        try {
            return delegate.createNClob();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        try {
            return delegate.createSQLXML();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        try {
            return delegate.createStruct(typeName, attributes);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void endRequest() throws SQLException {
        try {
            delegate.endRequest();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String getCatalog() throws SQLException {
        try {
            return delegate.getCatalog();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        try {
            return delegate.getClientInfo();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        try {
            return delegate.getClientInfo(name);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getHoldability() throws SQLException {
        try {
            return delegate.getHoldability();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String getSchema() throws SQLException {
        try {
            return delegate.getSchema();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        try {
            return delegate.getTransactionIsolation();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        try {
            return delegate.getTypeMap();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        try {
            return delegate.getWarnings();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        try {
            return delegate.nativeSQL(sql);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        try {
            delegate.setCatalog(catalog);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        delegate.setClientInfo(name, value);
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        delegate.setClientInfo(properties);
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        try {
            delegate.setSchema(schema);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setShardingKey(ShardingKey shardingKey, ShardingKey superShardingKey) throws SQLException {
        try {
            delegate.setShardingKey(shardingKey, superShardingKey);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setShardingKey(ShardingKey shardingKey) throws SQLException {
        try {
            delegate.setShardingKey(shardingKey);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean setShardingKeyIfValid(ShardingKey shardingKey, int timeout) throws SQLException {
        try {
            return delegate.setShardingKeyIfValid(shardingKey, timeout);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean setShardingKeyIfValid(ShardingKey shardingKey, ShardingKey superShardingKey, int timeout) throws SQLException {
        try {
            return delegate.setShardingKeyIfValid(shardingKey, superShardingKey, timeout);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        try {
            delegate.setTypeMap(map);
        } catch (SQLException e) {
            throw fail(e);
        }
    }
}
