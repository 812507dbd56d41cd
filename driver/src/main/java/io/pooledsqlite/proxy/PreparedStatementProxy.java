package io.pooledsqlite.proxy;

import io.pooledsqlite.cache.CachedStatement;
import io.pooledsqlite.cache.StatementCache;
import io.pooledsqlite.write.StatementKind;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * A caller's prepared statement, backed by a physical statement lent from the connection's
 * {@link StatementCache}. {@link #close()} gives the physical statement back to the cache with its
 * result set closed, parameters and batch cleared and limits reset; the statement's write-path class was
 * computed once, when it was first prepared.
 */
final class PreparedStatementProxy extends DelegatingPreparedStatement {
    private final CachedStatement cached;
    private final StatementCache cache;
    private final StatementKind kind;
    private PreparedStatement prepared;
    private PreparedStatement metadataTwin;
    private boolean ranHere;
    /**
     * An execution failed: sqlite-jdbc and sqlite4j finalize the statement on most errors (all but busy,
     * locked, constraint and misuse) while {@code isClosed()} stays false, so it is not cached again.
     */
    private boolean failedHere;

    PreparedStatementProxy(ConnectionProxy connection, CachedStatement cached, StatementCache cache) {
        super(connection, cached.statement());
        this.cached = cached;
        this.cache = cache;
        this.kind = cached.kind();
        this.prepared = cached.statement();
        this.batchKind = kind;
    }

    /** The same physical statement as the plain statement's delegate, typed as prepared. */
    @Override
    protected PreparedStatement delegate() {
        return prepared;
    }

    @Override
    StatementKind initialBatchKind() {
        return kind;
    }

    /**
     * A freshly prepared twin of a reused statement that ran before, for metadata asked before this
     * borrower runs it: what a fresh sqlite-jdbc statement reports. Closed with this statement.
     */
    private PreparedStatement freshForMetadata() throws SQLException {
        if (metadataTwin == null) {
            metadataTwin = connection.preparePhysical(cached.sql());
        }
        return metadataTwin;
    }

    @Override
    public void close() throws SQLException {
        if (isClosed()) {
            return;
        }
        if (metadataTwin != null) {
            try {
                metadataTwin.close();
            } catch (SQLException ignored) {
                // only metadata was read from it
            }
            metadataTwin = null;
        }
        PreparedStatement physical = prepared;
        boolean reusable = true;
        try {
            closeResults();
            cache.clearParameters(physical);
            physical.clearWarnings();
            if (attributesChanged) {
                physical.setMaxRows(0);
                physical.setQueryTimeout(0);
                physical.setFetchSize(0);
                physical.setFetchDirection(ResultSet.FETCH_FORWARD);
                physical.setMaxFieldSize(0);
                physical.setEscapeProcessing(true);
                physical.setPoolable(true);
            }
        } catch (SQLException e) {
            reusable = false;
        } finally {
            delegate = Closed.STATEMENT;
            prepared = Closed.STATEMENT;
            connection.untrack(this);
        }
        if (reusable && !failedHere && !physical.isClosed()) {
            cache.give(cached);
        } else {
            try {
                physical.close();
            } catch (SQLException e) {
                throw fail(e);
            }
        }
    }

    // ---------------------------------------------------------------- executions

    private static final int PREPARED_EXECUTE = 100;
    private static final int PREPARED_QUERY = 101;
    private static final int PREPARED_UPDATE = 102;
    private static final int PREPARED_LARGE_UPDATE = 103;

    @Override
    long invoke(int op, String sql, int keys, Object columns) throws SQLException {
        if (op >= PREPARED_EXECUTE || op == BATCH || op == LARGE_BATCH) {
            ranHere = true;
            cached.ran();
        }
        try {
            switch (op) {
                case PREPARED_EXECUTE:
                    return executed(prepared.execute()) ? 1 : 0;
                case PREPARED_QUERY:
                    return resultSetProduced(prepared.executeQuery());
                case PREPARED_UPDATE:
                    return prepared.executeUpdate();
                case PREPARED_LARGE_UPDATE:
                    return prepared.executeLargeUpdate();
                default:
                    return super.invoke(op, sql, keys, columns);
            }
        } catch (SQLException e) {
            failedHere = true;
            throw e;
        }
    }

    @Override
    boolean isUpdate(int op) {
        return op == PREPARED_UPDATE || op == PREPARED_LARGE_UPDATE || super.isUpdate(op);
    }

    @Override
    public boolean execute() throws SQLException {
        return run(kind, PREPARED_EXECUTE, null, 0, null) != 0;
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        run(kind, PREPARED_QUERY, null, 0, null);
        return (ResultSet) takeProduced();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) run(kind, PREPARED_UPDATE, null, 0, null);
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return run(kind, PREPARED_LARGE_UPDATE, null, 0, null);
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        try {
            if (!ranHere && cached.hasRun()) {
                return freshForMetadata().getMetaData();
            }
            return prepared.getMetaData();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        try {
            if (!ranHere && cached.hasRun()) {
                return freshForMetadata().getParameterMetaData();
            }
            return prepared.getParameterMetaData();
        } catch (SQLException e) {
            throw fail(e);
        }
    }
}
