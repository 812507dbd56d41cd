package io.pooledsqlite.engine.dqlite;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;

/**
 * A statement prepared on the leader (PREPARE), run with EXEC or QUERY and finalized on close. Values
 * are bound as sqlite-jdbc binds them: integers, floats, text, blobs and null; booleans as 0/1; dates and
 * times as milliseconds since the epoch (sqlite-jdbc's default {@code date_class=INTEGER}); big decimals
 * as text.
 */
public final class DqlitePreparedStatement extends RefusingPreparedStatement {
    private final String sql;
    private final int statementId;
    private final Object[] values;
    private final boolean yieldsRows;
    private List<Object[]> batch;

    DqlitePreparedStatement(DqliteConnection connection, String sql, PreparedInfo info) throws SQLException {
        super(connection);
        if (info.parameterCount > Request.MAX_PARAMETERS) {
            connection.run(sql, false, s -> {
                s.finalizeStatement(info.id);
                return null;
            });
            throw new SQLException("dqlite binds at most " + Request.MAX_PARAMETERS + " parameters per statement;"
                    + " this one has " + info.parameterCount, "07009");
        }
        this.sql = sql;
        this.statementId = info.id;
        this.values = new Object[info.parameterCount];
        this.yieldsRows = RowsClassifier.yieldsRows(sql);
    }

    private List<Object> bound() {
        return Arrays.asList(values.clone());
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        startExecution();
        List<Object> p = bound();
        return startQuery(sql, s -> s.query(statementId, p));
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) executeLargeUpdate();
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        startExecution();
        List<Object> p = bound();
        return finishUpdate(sql, s -> s.exec(statementId, p));
    }

    @Override
    public boolean execute() throws SQLException {
        if (yieldsRows) {
            executeQuery();
            return true;
        }
        executeLargeUpdate();
        return false;
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        if (batch == null) {
            batch = new ArrayList<>();
        }
        batch.add(values.clone());
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch = null;
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<Object[]> todo = batch == null ? new ArrayList<>() : batch;
        batch = null;
        long[] counts = new long[todo.size()];
        for (int i = 0; i < counts.length; i++) {
            System.arraycopy(todo.get(i), 0, values, 0, values.length);
            try {
                counts[i] = executeLargeUpdate();
            } catch (SQLException e) {
                throw BatchFailure.of(e, Arrays.copyOf(counts, i));
            }
        }
        return counts;
    }

    @Override
    void release() throws SQLException {
        if (!connection.isClosed()) {
            connection.run(sql, false, s -> {
                s.finalizeStatement(statementId);
                return null;
            });
        }
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        Arrays.fill(values, null);
    }

    private void bind(int index, Object value) throws SQLException {
        checkOpen();
        if (index < 1 || index > values.length) {
            throw new SQLException("Parameter index " + index + " is out of range (1.." + values.length + ")",
                    "07009");
        }
        values[index - 1] = value;
    }

    @Override
    public void setNull(int parameterIndex, int sqlType) throws SQLException {
        bind(parameterIndex, null);
    }

    @Override
    public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        bind(parameterIndex, null);
    }

    @Override
    public void setBoolean(int parameterIndex, boolean x) throws SQLException {
        bind(parameterIndex, x ? 1L : 0L);
    }

    @Override
    public void setByte(int parameterIndex, byte x) throws SQLException {
        bind(parameterIndex, (long) x);
    }

    @Override
    public void setShort(int parameterIndex, short x) throws SQLException {
        bind(parameterIndex, (long) x);
    }

    @Override
    public void setInt(int parameterIndex, int x) throws SQLException {
        bind(parameterIndex, (long) x);
    }

    @Override
    public void setLong(int parameterIndex, long x) throws SQLException {
        bind(parameterIndex, x);
    }

    @Override
    public void setFloat(int parameterIndex, float x) throws SQLException {
        bind(parameterIndex, (double) x);
    }

    @Override
    public void setDouble(int parameterIndex, double x) throws SQLException {
        bind(parameterIndex, x);
    }

    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
        bind(parameterIndex, x == null ? null : x.toString());
    }

    @Override
    public void setString(int parameterIndex, String x) throws SQLException {
        bind(parameterIndex, x);
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
        bind(parameterIndex, value);
    }

    @Override
    public void setBytes(int parameterIndex, byte[] x) throws SQLException {
        bind(parameterIndex, x == null ? null : x.clone());
    }

    @Override
    public void setDate(int parameterIndex, Date x) throws SQLException {
        bind(parameterIndex, x == null ? null : x.getTime());
    }

    @Override
    public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
        setDate(parameterIndex, x);
    }

    @Override
    public void setTime(int parameterIndex, Time x) throws SQLException {
        bind(parameterIndex, x == null ? null : x.getTime());
    }

    @Override
    public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
        setTime(parameterIndex, x);
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
        bind(parameterIndex, x == null ? null : x.getTime());
    }

    @Override
    public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
        setTimestamp(parameterIndex, x);
    }

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        if (x == null) {
            bind(parameterIndex, null);
        } else if (x instanceof Byte) {
            // sqlite-jdbc binds a Byte given to setObject as its text
            bind(parameterIndex, x.toString());
        } else if (x instanceof Long || x instanceof Integer || x instanceof Short) {
            bind(parameterIndex, ((Number) x).longValue());
        } else if (x instanceof Double || x instanceof Float) {
            bind(parameterIndex, ((Number) x).doubleValue());
        } else if (x instanceof Boolean) {
            setBoolean(parameterIndex, (Boolean) x);
        } else if (x instanceof String) {
            bind(parameterIndex, x);
        } else if (x instanceof byte[]) {
            setBytes(parameterIndex, (byte[]) x);
        } else if (x instanceof BigDecimal) {
            setBigDecimal(parameterIndex, (BigDecimal) x);
        } else if (x instanceof java.util.Date) {
            bind(parameterIndex, ((java.util.Date) x).getTime());
        } else if (x instanceof Character) {
            bind(parameterIndex, x.toString());
        } else {
            throw new SQLException("Cannot bind a " + x.getClass().getName() + " to a dqlite statement", "22023");
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        if (x == null || targetSqlType == Types.NULL) {
            bind(parameterIndex, null);
        } else {
            setObject(parameterIndex, x);
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        setObject(parameterIndex, x, targetSqlType);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
        setBinaryStream(parameterIndex, x, (long) length);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        setBinaryStream(parameterIndex, x);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        try {
            bind(parameterIndex, x == null ? null : x.readAllBytes());
        } catch (IOException e) {
            throw new SQLException("Cannot read the stream for parameter " + parameterIndex, "22000", e);
        }
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
        setCharacterStream(parameterIndex, reader);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
        setCharacterStream(parameterIndex, reader);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
        if (reader == null) {
            bind(parameterIndex, null);
            return;
        }
        StringBuilder b = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            for (int n; (n = reader.read(buffer)) >= 0; ) {
                b.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new SQLException("Cannot read the reader for parameter " + parameterIndex, "22000", e);
        }
        bind(parameterIndex, b.toString());
    }

    /** Column descriptions are known only once rows arrive: dqlite's PREPARE does not report them. */
    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return null;
    }
}
