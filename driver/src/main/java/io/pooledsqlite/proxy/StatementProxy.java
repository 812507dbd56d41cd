package io.pooledsqlite.proxy;

import io.pooledsqlite.write.SqlClassifier;
import io.pooledsqlite.write.StatementKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * A caller's statement. Every execution passes through the logical connection's write path
 * ({@link ConnectionProxy#beforeExecute}), which classifies the SQL and begins transactions or takes the
 * write gate. Result sets are wrapped the moment they exist, so the caller can always close them, and so
 * can the pool on return: sqlite-jdbc keeps a statement (and its read snapshot) active until its result
 * set closes.
 */
class StatementProxy implements Statement {
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
        try {
            ResultSet keys = delegate.getGeneratedKeys();
            if (generatedKeys != null) {
                generatedKeys.close();
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
        if (SqlClassifier.classify(sql) != StatementKind.READ) {
            batchKind = StatementKind.WRITE;
        }
    }

    @Override
    public void clearBatch() throws SQLException {
        try {
            delegate.clearBatch();
        } catch (SQLException e) {
            throw fail(e);
        }
        batchKind = initialBatchKind();
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
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        if (iface.isInstance(delegate)) {
            return iface.cast(delegate);
        }
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        checkOpen();
        return iface.isInstance(this) || iface.isInstance(delegate) || delegate.isWrapperFor(iface);
    }

    // ---------------------------------------------------------------- executions and plain delegation

    @Override
    public void cancel() throws SQLException {
        try {
            delegate.cancel();
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
    public String enquoteIdentifier(String identifier, boolean alwaysQuote) throws SQLException {
        try {
            return delegate.enquoteIdentifier(identifier, alwaysQuote);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String enquoteLiteral(String val) throws SQLException {
        try {
            return delegate.enquoteLiteral(val);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public String enquoteNCharLiteral(String val) throws SQLException {
        try {
            return delegate.enquoteNCharLiteral(val);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        StatementKind kind = SqlClassifier.classify(sql);
        for (int attempt = 0; ; attempt++) {
            boolean ok = false;
            beforeExecute(kind);
            try {
                boolean result = executed(delegate.execute(sql, columnIndexes));
                ok = true;
                return result;
            } catch (SQLException e) {
                if (!connection.retryAfter(e, attempt)) {
                    throw connection.fail(e);
                }
            } finally {
                connection.afterExecute(kind, ok);
            }
        }
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        StatementKind kind = SqlClassifier.classify(sql);
        for (int attempt = 0; ; attempt++) {
            boolean ok = false;
            beforeExecute(kind);
            try {
                boolean result = executed(delegate.execute(sql, columnNames));
                ok = true;
                return result;
            } catch (SQLException e) {
                if (!connection.retryAfter(e, attempt)) {
                    throw connection.fail(e);
                }
            } finally {
                connection.afterExecute(kind, ok);
            }
        }
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        StatementKind kind = SqlClassifier.classify(sql);
        for (int attempt = 0; ; attempt++) {
            boolean ok = false;
            beforeExecute(kind);
            try {
                boolean result = executed(delegate.execute(sql, autoGeneratedKeys));
                ok = true;
                return result;
            } catch (SQLException e) {
                if (!connection.retryAfter(e, attempt)) {
                    throw connection.fail(e);
                }
            } finally {
                connection.afterExecute(kind, ok);
            }
        }
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        StatementKind kind = SqlClassifier.classify(sql);
        for (int attempt = 0; ; attempt++) {
            boolean ok = false;
            beforeExecute(kind);
            try {
                boolean result = executed(delegate.execute(sql));
                ok = true;
                return result;
            } catch (SQLException e) {
                if (!connection.retryAfter(e, attempt)) {
                    throw connection.fail(e);
                }
            } finally {
                connection.afterExecute(kind, ok);
            }
        }
    }

    @Override
    public int[] executeBatch() throws SQLException {
        StatementKind kind = batchKind;
        boolean ok = false;
        beforeExecute(kind);
        try {
            int[] result = delegate.executeBatch();
            ok = true;
            return result;
        } catch (SQLException e) {
            throw connection.fail(e);
        } finally {
            batchKind = initialBatchKind();
            connection.afterExecute(kind, ok);
        }
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        StatementKind kind = batchKind;
        boolean ok = false;
        beforeExecute(kind);
        try {
            long[] result = delegate.executeLargeBatch();
            ok = true;
            return result;
        } catch (SQLException e) {
            throw connection.fail(e);
        } finally {
            batchKind = initialBatchKind();
            connection.afterExecute(kind, ok);
        }
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        StatementKind kind = SqlClassifier.classify(sql);
        for (int attempt = 0; ; attempt++) {
            boolean ok = false;
            beforeExecute(kind);
            try {
                long result = delegate.executeLargeUpdate(sql, columnIndexes);
                ok = true;
                return result;
            } catch (SQLException e) {
                if (!connection.retryAfter(e, attempt)) {
                    throw connection.fail(e);
                }
            } finally {
                connection.afterExecute(kind, ok);
            }
        }
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        StatementKind kind = SqlClassifier.classify(sql);
        for (int attempt = 0; ; attempt++) {
            boolean ok = false;
            beforeExecute(kind);
            try {
                long result = delegate.executeLargeUpdate(sql, columnNames);
                ok = true;
                return result;
            } catch (SQLException e) {
                if (!connection.retryAfter(e, attempt)) {
                    throw connection.fail(e);
                }
            } finally {
                connection.afterExecute(kind, ok);
            }
        }
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        StatementKind kind = SqlClassifier.classify(sql);
        for (int attempt = 0; ; attempt++) {
            boolean ok = false;
            beforeExecute(kind);
            try {
                long result = delegate.executeLargeUpdate(sql, autoGeneratedKeys);
                ok = true;
                return result;
            } catch (SQLException e) {
                if (!connection.retryAfter(e, attempt)) {
                    throw connection.fail(e);
                }
            } finally {
                connection.afterExecute(kind, ok);
            }
        }
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        StatementKind kind = SqlClassifier.classify(sql);
        for (int attempt = 0; ; attempt++) {
            boolean ok = false;
            beforeExecute(kind);
            try {
                long result = delegate.executeLargeUpdate(sql);
                ok = true;
                return result;
            } catch (SQLException e) {
                if (!connection.retryAfter(e, attempt)) {
                    throw connection.fail(e);
                }
            } finally {
                connection.afterExecute(kind, ok);
            }
        }
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        StatementKind kind = SqlClassifier.classify(sql);
        for (int attempt = 0; ; attempt++) {
            boolean ok = false;
            beforeExecute(kind);
            try {
                ResultSet result = resultSet(delegate.executeQuery(sql));
                ok = true;
                return result;
            } catch (SQLException e) {
                if (!connection.retryAfter(e, attempt)) {
                    throw connection.fail(e);
                }
            } finally {
                connection.afterExecute(kind, ok);
            }
        }
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        StatementKind kind = SqlClassifier.classify(sql);
        for (int attempt = 0; ; attempt++) {
            boolean ok = false;
            beforeExecute(kind);
            try {
                int result = delegate.executeUpdate(sql, columnIndexes);
                ok = true;
                return result;
            } catch (SQLException e) {
                if (!connection.retryAfter(e, attempt)) {
                    throw connection.fail(e);
                }
            } finally {
                connection.afterExecute(kind, ok);
            }
        }
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        StatementKind kind = SqlClassifier.classify(sql);
        for (int attempt = 0; ; attempt++) {
            boolean ok = false;
            beforeExecute(kind);
            try {
                int result = delegate.executeUpdate(sql, columnNames);
                ok = true;
                return result;
            } catch (SQLException e) {
                if (!connection.retryAfter(e, attempt)) {
                    throw connection.fail(e);
                }
            } finally {
                connection.afterExecute(kind, ok);
            }
        }
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        StatementKind kind = SqlClassifier.classify(sql);
        for (int attempt = 0; ; attempt++) {
            boolean ok = false;
            beforeExecute(kind);
            try {
                int result = delegate.executeUpdate(sql, autoGeneratedKeys);
                ok = true;
                return result;
            } catch (SQLException e) {
                if (!connection.retryAfter(e, attempt)) {
                    throw connection.fail(e);
                }
            } finally {
                connection.afterExecute(kind, ok);
            }
        }
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        StatementKind kind = SqlClassifier.classify(sql);
        for (int attempt = 0; ; attempt++) {
            boolean ok = false;
            beforeExecute(kind);
            try {
                int result = delegate.executeUpdate(sql);
                ok = true;
                return result;
            } catch (SQLException e) {
                if (!connection.retryAfter(e, attempt)) {
                    throw connection.fail(e);
                }
            } finally {
                connection.afterExecute(kind, ok);
            }
        }
    }

    @Override
    public int getFetchDirection() throws SQLException {
        try {
            return delegate.getFetchDirection();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getFetchSize() throws SQLException {
        try {
            return delegate.getFetchSize();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        try {
            return delegate.getLargeMaxRows();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        try {
            return delegate.getLargeUpdateCount();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        try {
            return delegate.getMaxFieldSize();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getMaxRows() throws SQLException {
        try {
            return delegate.getMaxRows();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        try {
            return delegate.getQueryTimeout();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        try {
            return delegate.getResultSetConcurrency();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        try {
            return delegate.getResultSetHoldability();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getResultSetType() throws SQLException {
        try {
            return delegate.getResultSetType();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public int getUpdateCount() throws SQLException {
        try {
            return delegate.getUpdateCount();
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
    public boolean isPoolable() throws SQLException {
        try {
            return delegate.isPoolable();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public boolean isSimpleIdentifier(String identifier) throws SQLException {
        try {
            return delegate.isSimpleIdentifier(identifier);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        try {
            attributesChanged = true;
            delegate.setCursorName(name);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        try {
            attributesChanged = true;
            delegate.setEscapeProcessing(enable);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        try {
            attributesChanged = true;
            delegate.setFetchDirection(direction);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        try {
            attributesChanged = true;
            delegate.setFetchSize(rows);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        try {
            attributesChanged = true;
            delegate.setLargeMaxRows(max);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        try {
            attributesChanged = true;
            delegate.setMaxFieldSize(max);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        try {
            attributesChanged = true;
            delegate.setMaxRows(max);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        try {
            attributesChanged = true;
            delegate.setPoolable(poolable);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        try {
            attributesChanged = true;
            delegate.setQueryTimeout(seconds);
        } catch (SQLException e) {
            throw fail(e);
        }
    }
}
