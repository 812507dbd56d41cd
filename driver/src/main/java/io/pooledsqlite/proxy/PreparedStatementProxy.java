package io.pooledsqlite.proxy;

import io.pooledsqlite.cache.CachedStatement;
import io.pooledsqlite.cache.StatementCache;
import io.pooledsqlite.write.StatementKind;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * A caller's prepared statement, backed by a physical statement lent from the connection's
 * {@link StatementCache}. {@link #close()} gives the physical statement back to the cache with its
 * result set closed, parameters and batch cleared and limits reset; the statement's write-path class was
 * computed once, when it was first prepared.
 */
final class PreparedStatementProxy extends StatementProxy implements PreparedStatement {
    private final CachedStatement cached;
    private final StatementCache cache;
    private final StatementKind kind;
    private PreparedStatement prepared;
    private PreparedStatement metadataTwin;
    private boolean ranHere;

    PreparedStatementProxy(ConnectionProxy connection, CachedStatement cached, StatementCache cache) {
        super(connection, cached.statement());
        this.cached = cached;
        this.cache = cache;
        this.kind = cached.kind();
        this.prepared = cached.statement();
        this.batchKind = kind;
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
            physical.clearParameters();
            physical.clearBatch();
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
        if (reusable && !physical.isClosed()) {
            cache.give(cached);
        } else {
            try {
                physical.close();
            } catch (SQLException e) {
                throw fail(e);
            }
        }
    }

    @Override
    public void addBatch() throws SQLException {
        try {
            prepared.addBatch();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    // ---------------------------------------------------------------- executions and plain delegation

    @Override
    public void clearParameters() throws SQLException {
        try {
            prepared.clearParameters();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

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

    @Override
    public void setArray(int parameterIndex, Array x) throws SQLException {
        try {
            prepared.setArray(parameterIndex, x);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
        try {
            prepared.setAsciiStream(parameterIndex, x, length);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
        try {
            prepared.setAsciiStream(parameterIndex, x, length);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
        try {
            prepared.setAsciiStream(parameterIndex, x);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
        try {
            prepared.setBigDecimal(parameterIndex, x);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
        try {
            prepared.setBinaryStream(parameterIndex, x, length);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        try {
            prepared.setBinaryStream(parameterIndex, x, length);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        try {
            prepared.setBinaryStream(parameterIndex, x);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
        try {
            prepared.setBlob(parameterIndex, inputStream, length);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
        try {
            prepared.setBlob(parameterIndex, inputStream);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setBlob(int parameterIndex, Blob x) throws SQLException {
        try {
            prepared.setBlob(parameterIndex, x);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setBoolean(int parameterIndex, boolean x) throws SQLException {
        try {
            prepared.setBoolean(parameterIndex, x);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setByte(int parameterIndex, byte x) throws SQLException {
        try {
            prepared.setByte(parameterIndex, x);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setBytes(int parameterIndex, byte[] x) throws SQLException {
        try {
            prepared.setBytes(parameterIndex, x);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
        try {
            prepared.setCharacterStream(parameterIndex, reader, length);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
        try {
            prepared.setCharacterStream(parameterIndex, reader, length);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
        try {
            prepared.setCharacterStream(parameterIndex, reader);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
        try {
            prepared.setClob(parameterIndex, reader, length);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setClob(int parameterIndex, Reader reader) throws SQLException {
        try {
            prepared.setClob(parameterIndex, reader);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setClob(int parameterIndex, Clob x) throws SQLException {
        try {
            prepared.setClob(parameterIndex, x);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
        try {
            prepared.setDate(parameterIndex, x, cal);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setDate(int parameterIndex, Date x) throws SQLException {
        try {
            prepared.setDate(parameterIndex, x);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setDouble(int parameterIndex, double x) throws SQLException {
        try {
            prepared.setDouble(parameterIndex, x);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setFloat(int parameterIndex, float x) throws SQLException {
        try {
            prepared.setFloat(parameterIndex, x);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setInt(int parameterIndex, int x) throws SQLException {
        try {
            prepared.setInt(parameterIndex, x);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setLong(int parameterIndex, long x) throws SQLException {
        try {
            prepared.setLong(parameterIndex, x);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
        try {
            prepared.setNCharacterStream(parameterIndex, value, length);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
        try {
            prepared.setNCharacterStream(parameterIndex, value);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
        try {
            prepared.setNClob(parameterIndex, reader, length);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader) throws SQLException {
        try {
            prepared.setNClob(parameterIndex, reader);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setNClob(int parameterIndex, NClob value) throws SQLException {
        try {
            prepared.setNClob(parameterIndex, value);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
        try {
            prepared.setNString(parameterIndex, value);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        try {
            prepared.setNull(parameterIndex, sqlType, typeName);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setNull(int parameterIndex, int sqlType) throws SQLException {
        try {
            prepared.setNull(parameterIndex, sqlType);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        try {
            prepared.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        try {
            prepared.setObject(parameterIndex, x, targetSqlType);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        try {
            prepared.setObject(parameterIndex, x, targetSqlType, scaleOrLength);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
        try {
            prepared.setObject(parameterIndex, x, targetSqlType);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        try {
            prepared.setObject(parameterIndex, x);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setRef(int parameterIndex, Ref x) throws SQLException {
        try {
            prepared.setRef(parameterIndex, x);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException {
        try {
            prepared.setRowId(parameterIndex, x);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
        try {
            prepared.setSQLXML(parameterIndex, xmlObject);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setShort(int parameterIndex, short x) throws SQLException {
        try {
            prepared.setShort(parameterIndex, x);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setString(int parameterIndex, String x) throws SQLException {
        try {
            prepared.setString(parameterIndex, x);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
        try {
            prepared.setTime(parameterIndex, x, cal);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setTime(int parameterIndex, Time x) throws SQLException {
        try {
            prepared.setTime(parameterIndex, x);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
        try {
            prepared.setTimestamp(parameterIndex, x, cal);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
        try {
            prepared.setTimestamp(parameterIndex, x);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setURL(int parameterIndex, URL x) throws SQLException {
        try {
            prepared.setURL(parameterIndex, x);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    @Override
    public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
        try {
            prepared.setUnicodeStream(parameterIndex, x, length);
        } catch (SQLException e) {
            throw fail(e);
        }
    }
}
