package io.pooledsqlite.proxy;

import io.pooledsqlite.write.SqlClassifier;
import io.pooledsqlite.write.StatementKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A caller's statement. Every execution passes through the logical connection's write path
 * ({@link ConnectionProxy#beforeExecute}), which classifies the SQL and begins transactions or takes the
 * write gate. Result sets are wrapped the moment they exist, so the caller can always close them, and so
 * can the pool on return: sqlite-jdbc keeps a statement (and its read snapshot) active until its result
 * set closes.
 */
class StatementProxy extends DelegatingStatement {
    final ConnectionProxy connection;
    Statement delegate;
    /** Whether the pending batch may write; a batch never retries, as part of it may have run. */
    StatementKind batchKind;
    /** The caller changed limits (max rows, timeouts, fetch size…) that a reused statement must not keep. */
    boolean attributesChanged;
    private ResultSetProxy current;
    /** With sqlite-jdbc semantics: the last wrapper made, reused while sqlite-jdbc reuses its result set. */
    private ResultSetProxy last;
    /** With sqlite-jdbc semantics: the current result set was handed out (sqlite-jdbc hands it out once). */
    private boolean resultSetHandedOut;
    private ResultSetProxy generatedKeys;
    private boolean closeOnCompletion;

    StatementProxy(ConnectionProxy connection, Statement delegate) {
        this.connection = connection;
        this.delegate = delegate;
        this.batchKind = StatementKind.READ;
    }

    /** The kind of an empty batch: a read until a write is added. */
    StatementKind initialBatchKind() {
        return StatementKind.READ;
    }

    /** Before each execution: results of the previous one are gone, then the connection's write path. */
    final void beforeExecute(StatementKind kind) throws SQLException {
        checkOpen();
        if (current != null) {
            current.invalidate();
            current = null;
        }
        if (generatedKeys != null) {
            generatedKeys.close();
            generatedKeys = null;
        }
        connection.beforeExecute(kind);
    }

    final ResultSet resultSet(ResultSet rs) {
        if (rs != null && connection.sqliteJdbcSemantics) {
            // sqlite-jdbc has one result-set object per statement, refilled by each execution: a program
            // still holding the previous one reads on in the new rows, as it did without the pool
            if (last == null || !last.wraps(rs)) {
                last = new ResultSetProxy(connection, this, rs);
            }
            last.reopen();
            current = last;
            resultSetHandedOut = true;
            return current;
        }
        current = rs == null ? null : new ResultSetProxy(connection, this, rs);
        return current;
    }

    /** After {@code execute}: a result set, if there is one, is wrapped at once. */
    final boolean executed(boolean hasResultSet) throws SQLException {
        if (hasResultSet) {
            resultSet(delegate.getResultSet());
            resultSetHandedOut = false;
        }
        return hasResultSet;
    }

    /** Called by a result set of this statement that the caller closed. */
    final void resultSetClosed(ResultSetProxy rs) throws SQLException {
        if (rs == current) {
            current = null;
            if (closeOnCompletion) {
                close();
            }
        }
    }

    final SQLException fail(SQLException e) {
        return connection.fail(e);
    }

    @Override
    protected Statement delegate() {
        return delegate;
    }

    @Override
    protected final SQLException translate(SQLException e) {
        return fail(e);
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        if (current == null || current.isClosed()) {
            return null;
        }
        if (connection.sqliteJdbcSemantics) {
            if (resultSetHandedOut) {
                throw new SQLException("ResultSet already requested"); // sqlite-jdbc's words
            }
            resultSetHandedOut = true;
        }
        return current;
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        try {
            ResultSet keys = connection.rowidIsStale() ? connection.freshGeneratedKeys() : delegate.getGeneratedKeys();
            if (generatedKeys != null) {
                if (generatedKeys.wraps(keys)) {
                    // sqlite-jdbc answers the same result set again: cut the old wrapper off, keep the keys
                    generatedKeys.invalidate();
                } else {
                    generatedKeys.close();
                }
            }
            generatedKeys = keys == null ? null : new ResultSetProxy(connection, this, keys);
            return generatedKeys;
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(Statement.CLOSE_CURRENT_RESULT);
    }

    /**
     * SQLite statements produce one result: moving past it closes it, and sqlite-jdbc then reports no
     * update count either (-1), which is how result-reading loops such as Flyway's and Spring's end.
     */
    @Override
    public boolean getMoreResults(int current) throws SQLException {
        checkOpen();
        if (this.current != null) {
            this.current.close();
            this.current = null;
        }
        try {
            return delegate.getMoreResults(current);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        try {
            delegate.addBatch(sql);
        } catch (SQLException e) {
            throw fail(e);
        }
        // a batch of several statements: never retried, and everything is checked afterwards
        batchKind = StatementKind.SCRIPT;
        if (batchKinds == null) {
            batchKinds = new java.util.ArrayList<>();
        }
        // by text alone: the batch holds the gate and is checked as a whole
        batchKinds.add(SqlClassifier.classify(sql));
    }

    @Override
    public void clearBatch() throws SQLException {
        try {
            delegate.clearBatch();
        } catch (SQLException e) {
            throw fail(e);
        }
        batchKind = initialBatchKind();
        if (batchKinds != null) {
            batchKinds.clear();
        }
    }

    /** Kept by the wrapper: letting sqlite-jdbc close a statement itself would break statement reuse. */
    @Override
    public void closeOnCompletion() throws SQLException {
        checkOpen();
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        checkOpen();
        return closeOnCompletion;
    }

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection.face();
    }

    @Override
    public boolean isClosed() {
        return delegate == Closed.STATEMENT;
    }

    final void checkOpen() throws SQLException {
        if (delegate == Closed.STATEMENT) {
            throw new SQLException("Statement is closed", "HY010");
        }
    }

    /**
     * Closes the result sets this statement handed out; the physical ones close with them. Called only
     * when the statement closes: no wrapper may reach the physical statement after that.
     */
    final void closeResults() throws SQLException {
        if (current != null) {
            ResultSetProxy rs = current;
            current = null;
            rs.close();
        }
        if (last != null) {
            last.invalidate();
            last = null;
        }
        if (generatedKeys != null) {
            ResultSetProxy keys = generatedKeys;
            generatedKeys = null;
            keys.close();
        }
    }

    @Override
    public void close() throws SQLException {
        if (delegate == Closed.STATEMENT) {
            return;
        }
        Statement physical = delegate;
        try {
            closeResults();
        } finally {
            delegate = Closed.STATEMENT;
            connection.untrack(this);
        }
        try {
            physical.close();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        checkOpen();
        return Unwrapping.unwrap(this, delegate, iface, connection);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        checkOpen();
        return Unwrapping.isWrapperFor(this, delegate, iface);
    }

    // ---------------------------------------------------------------- the one execute template

    static final int EXECUTE = 0;
    static final int EXECUTE_KEYS = 1;
    static final int EXECUTE_INDEXES = 2;
    static final int EXECUTE_NAMES = 3;
    static final int QUERY = 4;
    static final int UPDATE = 5;
    static final int UPDATE_KEYS = 6;
    static final int UPDATE_INDEXES = 7;
    static final int UPDATE_NAMES = 8;
    static final int LARGE_UPDATE = 9;
    static final int LARGE_UPDATE_KEYS = 10;
    static final int LARGE_UPDATE_INDEXES = 11;
    static final int LARGE_UPDATE_NAMES = 12;
    static final int BATCH = 13;
    static final int LARGE_BATCH = 14;

    /** The kinds of the SQL strings added to the batch, for their update counts. */
    private java.util.List<StatementKind> batchKinds;

    /** The kind of the last statement that ran, for its update count. */
    private StatementKind lastKind = StatementKind.READ;

    /** The result of the last {@link #run}: a result set or batch counts, when the operation has one. */
    private Object produced;

    /**
     * Every execution of this statement and of prepared statements passes here: the connection's write
     * path before and after, a retry only where {@link ConnectionProxy#retryAfter} allows one, errors
     * translated. Operations are numbered rather than passed as lambdas so the hot path allocates nothing.
     *
     * @return the operation's boolean (1/0) or update count; a result set or batch counts in {@link #produced}
     */
    final long run(StatementKind kind, int op, String sql, int keys, Object columns) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            beforeExecute(kind);
            boolean ok = false;
            try {
                long result = invoke(op, sql, keys, columns);
                ok = true;
                lastKind = kind;
                if (kind.isDml()) {
                    connection.dmlRan(kind);
                } else if (kind.isDdl() && result > 0 && isUpdate(op) && connection.changesAreStale()) {
                    // sqlite-jdbc reports changes() of the last DML: a fresh connection has had none
                    result = 0;
                }
                return result;
            } catch (SQLException e) {
                if (op == BATCH || op == LARGE_BATCH || !connection.retryAfter(e, attempt, kind)) {
                    throw connection.fail(e);
                }
            } finally {
                if (op == BATCH || op == LARGE_BATCH) {
                    batchKind = initialBatchKind();
                }
                if (connection.afterExecute(kind, ok, current != null) && current != null) {
                    current.holdsGate();
                }
            }
        }
    }

    /** Operations whose result is an update count. */
    boolean isUpdate(int op) {
        return op >= UPDATE && op <= LARGE_UPDATE_NAMES;
    }

    /** Runs one operation on the physical statement; prepared statements add their own. */
    long invoke(int op, String sql, int keys, Object columns) throws SQLException {
        switch (op) {
            case EXECUTE:
                return executed(delegate.execute(sql)) ? 1 : 0;
            case EXECUTE_KEYS:
                return executed(delegate.execute(sql, keys)) ? 1 : 0;
            case EXECUTE_INDEXES:
                return executed(delegate.execute(sql, (int[]) columns)) ? 1 : 0;
            case EXECUTE_NAMES:
                return executed(delegate.execute(sql, (String[]) columns)) ? 1 : 0;
            case QUERY:
                return resultSetProduced(delegate.executeQuery(sql));
            case UPDATE:
                return delegate.executeUpdate(sql);
            case UPDATE_KEYS:
                return delegate.executeUpdate(sql, keys);
            case UPDATE_INDEXES:
                return delegate.executeUpdate(sql, (int[]) columns);
            case UPDATE_NAMES:
                return delegate.executeUpdate(sql, (String[]) columns);
            case LARGE_UPDATE:
                return delegate.executeLargeUpdate(sql);
            case LARGE_UPDATE_KEYS:
                return delegate.executeLargeUpdate(sql, keys);
            case LARGE_UPDATE_INDEXES:
                return delegate.executeLargeUpdate(sql, (int[]) columns);
            case LARGE_UPDATE_NAMES:
                return delegate.executeLargeUpdate(sql, (String[]) columns);
            case BATCH:
                produced = delegate.executeBatch();
                return 0;
            case LARGE_BATCH:
                produced = delegate.executeLargeBatch();
                return 0;
            default:
                throw new IllegalArgumentException("operation " + op);
        }
    }

    /** Wraps a query's result set and keeps it for {@link #takeProduced}. */
    final long resultSetProduced(ResultSet rs) {
        produced = resultSet(rs);
        return 0;
    }

    /** The result set or batch counts the last {@link #run} produced, handed over once. */
    final Object takeProduced() {
        Object p = produced;
        produced = null;
        return p;
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        return run(connection.classify(sql), EXECUTE, sql, 0, null) != 0;
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return run(connection.classify(sql), EXECUTE_KEYS, sql, autoGeneratedKeys, null) != 0;
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        return run(connection.classify(sql), EXECUTE_INDEXES, sql, 0, columnIndexes) != 0;
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        return run(connection.classify(sql), EXECUTE_NAMES, sql, 0, columnNames) != 0;
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        run(connection.classify(sql), QUERY, sql, 0, null);
        return (ResultSet) takeProduced();
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return (int) run(connection.classify(sql), UPDATE, sql, 0, null);
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return (int) run(connection.classify(sql), UPDATE_KEYS, sql, autoGeneratedKeys, null);
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return (int) run(connection.classify(sql), UPDATE_INDEXES, sql, 0, columnIndexes);
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return (int) run(connection.classify(sql), UPDATE_NAMES, sql, 0, columnNames);
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        return run(connection.classify(sql), LARGE_UPDATE, sql, 0, null);
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return run(connection.classify(sql), LARGE_UPDATE_KEYS, sql, autoGeneratedKeys, null);
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return run(connection.classify(sql), LARGE_UPDATE_INDEXES, sql, 0, columnIndexes);
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        return run(connection.classify(sql), LARGE_UPDATE_NAMES, sql, 0, columnNames);
    }

    /** A batch is never retried: part of it may have run. */
    @Override
    public int[] executeBatch() throws SQLException {
        boolean stale = connection.changesAreStale();
        run(batchKind, BATCH, null, 0, null);
        int[] counts = (int[]) takeProduced();
        int upTo = freshCountsUpTo(stale, counts.length);
        for (int i = 0; i < upTo; i++) {
            counts[i] = 0;
        }
        clearBatchKinds();
        return counts;
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        boolean stale = connection.changesAreStale();
        run(batchKind, LARGE_BATCH, null, 0, null);
        long[] counts = (long[]) takeProduced();
        int upTo = freshCountsUpTo(stale, counts.length);
        for (int i = 0; i < upTo; i++) {
            counts[i] = 0;
        }
        clearBatchKinds();
        return counts;
    }

    /**
     * sqlite-jdbc reports {@code changes()} as the count of a schema statement in a batch: up to the
     * batch's first DML, that is an earlier borrower's figure, where a fresh connection reports 0.
     *
     * @return how many leading counts belong to schema statements before any DML
     */
    private int freshCountsUpTo(boolean stale, int n) {
        if (!stale || batchKinds == null) {
            return 0;
        }
        int i = 0;
        while (i < n && i < batchKinds.size() && !batchKinds.get(i).isDml()) {
            i++;
        }
        return i;
    }

    private void clearBatchKinds() {
        if (batchKinds != null) {
            batchKinds.clear();
        }
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        long n = super.getLargeUpdateCount();
        return n > 0 && lastKind.isDdl() && connection.changesAreStale() ? 0 : n;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        int n = super.getUpdateCount();
        return n > 0 && lastKind.isDdl() && connection.changesAreStale() ? 0 : n;
    }

    /** Every {@code set*} of the statement passes here first: a statement given back to the cache resets them. */
    @Override
    protected final void beforeSet() {
        attributesChanged = true;
    }
}
