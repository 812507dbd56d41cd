package io.pooledsqlite.proxy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A caller's result set. {@link #getStatement()} answers the wrapping statement (or {@code null} for
 * result sets from database metadata, as JDBC specifies), never the physical one.
 */
final class ResultSetProxy extends DelegatingResultSet {
    private final ConnectionProxy connection;
    private final StatementProxy statement;
    /** The physical result set this wrapper was made for. */
    private final ResultSet physical;
    private ResultSet delegate;
    /** With sqlite-jdbc semantics: the wrapped statement of a metadata result set, made when asked for. */
    private StatementProxy metaDataStatement;
    /**
     * With sqlite-jdbc semantics: the caller closed this statement's result set, and until the statement
     * closes it answers as sqlite-jdbc's closed result set does (the physical one, closed).
     */
    private boolean closedByCaller;
    private boolean holdsGate;

    ResultSetProxy(ConnectionProxy connection, StatementProxy statement, ResultSet delegate) {
        this.connection = connection;
        this.statement = statement;
        this.physical = delegate;
        this.delegate = delegate;
    }

    /** Whether this wrapper was made for that physical result set. */
    boolean wraps(ResultSet rs) {
        return physical == rs;
    }

    /** Reads the physical result set again, after its statement ran again (sqlite-jdbc semantics only). */
    void reopen() {
        delegate = physical;
        closedByCaller = false;
    }

    /**
     * Cuts this wrapper off without closing the physical result set: sqlite-jdbc reuses one result-set
     * object per statement, so after the statement runs again the old wrapper must not read the new rows.
     */
    void invalidate() {
        delegate = Closed.RESULT_SET;
        closedByCaller = false;
        releaseGate();
    }

    /** This result set belongs to a write that keeps SQLite's write lock until it is done (RETURNING). */
    void holdsGate() {
        holdsGate = true;
    }

    private void releaseGate() {
        if (holdsGate) {
            holdsGate = false;
            try {
                connection.resultSetDone();
            } catch (SQLException e) {
                // the connection is marked broken; the error belongs to the write, which already returned
            }
        }
    }

    private SQLException fail(SQLException e) {
        return connection.fail(e);
    }

    @Override
    protected ResultSet delegate() {
        return delegate;
    }

    @Override
    protected SQLException translate(SQLException e) {
        return fail(e);
    }

    @Override
    public void close() throws SQLException {
        if (delegate == Closed.RESULT_SET || closedByCaller) {
            return;
        }
        ResultSet physical = delegate;
        if (connection.sqliteJdbcSemantics && statement != null) {
            // its statement cuts it off when it closes (closeResults), before the physical one is reused
            closedByCaller = true;
        } else {
            delegate = Closed.RESULT_SET;
        }
        try {
            physical.close();
            if (holdsGate) {
                holdsGate = false;
                connection.resultSetDone();
            }
        } catch (SQLException e) {
            throw fail(e);
        } finally {
            releaseGate();
            if (statement != null) {
                statement.resultSetClosed(this);
            } else {
                connection.untrack(this);
            }
        }
    }

    @Override
    public boolean isClosed() throws SQLException {
        return delegate == Closed.RESULT_SET || closedByCaller || delegate.isClosed();
    }

    @Override
    public Statement getStatement() throws SQLException {
        if (delegate == Closed.RESULT_SET) {
            throw new SQLException("ResultSet is closed", "HY010");
        }
        if (statement == null && connection.sqliteJdbcSemantics) {
            // sqlite-jdbc answers the statement it ran the metadata query on; old code calls
            // getStatement().getConnection() on it
            if (metaDataStatement == null) {
                metaDataStatement = new StatementProxy(connection, delegate.getStatement());
            }
            return metaDataStatement;
        }
        return statement;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Unwrapping.unwrap(this, delegate, iface, connection);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return Unwrapping.isWrapperFor(this, delegate, iface);
    }

    @Override
    public boolean next() throws SQLException {
        if (delegate == Closed.RESULT_SET && connection.sqliteJdbcSemantics) {
            return false; // sqlite-jdbc's closed result set has no more rows; it does not throw
        }
        try {
            return delegate.next();
        } catch (SQLException e) {
            throw fail(e);
        }
    }
}
