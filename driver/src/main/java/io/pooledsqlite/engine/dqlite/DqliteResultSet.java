package io.pooledsqlite.engine.dqlite;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The rows of a query, forward-only and read-only. Values convert between types the way SQLite's
 * {@code sqlite3_column_*} functions (and so sqlite-jdbc) convert them: text to numbers by its leading
 * digits, numbers to text, text to bytes as UTF-8, null to 0, false or null. {@code getObject} gives
 * {@code Integer} or {@code Long} (by size), {@code Double}, {@code String}, {@code byte[]} or null, as
 * sqlite-jdbc does; dqlite's extra types arrive as their SQLite storage: booleans as integers, ISO-8601
 * times as text.
 */
public final class DqliteResultSet extends RefusingResultSet {
    /** sqlite-jdbc's default {@code date_string_format}. */
    private static final String DATE_FORMAT = "yyyy-MM-dd HH:mm:ss.SSS";
    private final DqliteStatement statement;
    private final RowCursor cursor;
    private final Iterator<Object[]> fixed;
    private final List<String> columns;
    private final String sql;
    private final int maxRows;
    private Object[] row;
    private int rowNumber;
    private boolean closed;
    private boolean afterLast;
    private boolean wasNull;

    DqliteResultSet(DqliteStatement statement, RowCursor cursor, String sql, int maxRows) {
        this.statement = statement;
        this.cursor = cursor;
        this.fixed = null;
        this.columns = cursor.columns();
        this.sql = sql;
        this.maxRows = maxRows;
    }

    private DqliteResultSet(DqliteStatement statement, List<String> columns, List<Object[]> rows) {
        this.statement = statement;
        this.cursor = null;
        this.fixed = rows.iterator();
        this.columns = columns;
        this.sql = null;
        this.maxRows = 0;
    }

    /** A result computed by the client (generated keys, metadata), not streamed from the leader. */
    static DqliteResultSet of(DqliteStatement statement, List<String> columns, List<Object[]> rows) {
        return new DqliteResultSet(statement, columns, rows);
    }

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (afterLast) {
            return false;
        }
        if (maxRows > 0 && rowNumber >= maxRows) {
            finish();
            return false;
        }
        boolean more;
        if (cursor != null) {
            more = statement.connection.run(sql, false, s -> cursor.next());
            if (more) {
                Object[] values = new Object[columns.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = cursor.value(i);
                }
                row = values;
            }
        } else {
            more = fixed.hasNext();
            if (more) {
                row = fixed.next();
            }
        }
        if (!more) {
            finish();
            return false;
        }
        rowNumber++;
        return true;
    }

    private void finish() {
        afterLast = true;
        row = null;
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("The result set is closed", "HY010");
        }
    }

    /** The raw value of a column of the current row; records {@link #wasNull()}. */
    private Object value(int columnIndex) throws SQLException {
        checkOpen();
        if (row == null) {
            throw new SQLException(afterLast ? "The result set has no more rows" : "next() was not called yet",
                    "24000");
        }
        if (columnIndex < 1 || columnIndex > columns.size()) {
            throw new SQLException("Column index " + columnIndex + " is out of range (1.." + columns.size() + ")",
                    "07009");
        }
        Object v = row[columnIndex - 1];
        wasNull = v == null;
        return v;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    @Override
    public int findColumn(String columnLabel) throws SQLException {
        checkOpen();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(columnLabel)) {
                return i + 1;
            }
        }
        throw new SQLException("No such column: '" + columnLabel + "'", "42S22");
    }

    @Override
    public String getString(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof byte[]) {
            return new String((byte[]) v, StandardCharsets.UTF_8);
        }
        if (v instanceof Double) {
            return Double.toString((Double) v);
        }
        return v.toString();
    }

    @Override
    public long getLong(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        if (v == null) {
            return 0;
        }
        if (v instanceof Long) {
            return (Long) v;
        }
        if (v instanceof Double) {
            return (long) (double) (Double) v;
        }
        return (long) leadingNumber(text(v));
    }

    @Override
    public int getInt(int columnIndex) throws SQLException {
        return (int) getLong(columnIndex);
    }

    @Override
    public short getShort(int columnIndex) throws SQLException {
        return (short) getLong(columnIndex);
    }

    @Override
    public byte getByte(int columnIndex) throws SQLException {
        return (byte) getLong(columnIndex);
    }

    @Override
    public boolean getBoolean(int columnIndex) throws SQLException {
        return getLong(columnIndex) != 0;
    }

    @Override
    public double getDouble(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        if (v == null) {
            return 0;
        }
        if (v instanceof Long) {
            return (Long) v;
        }
        if (v instanceof Double) {
            return (Double) v;
        }
        return leadingNumber(text(v));
    }

    @Override
    public float getFloat(int columnIndex) throws SQLException {
        return (float) getDouble(columnIndex);
    }

    @Override
    public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        if (v == null) {
            return null;
        }
        if (v instanceof Long) {
            return BigDecimal.valueOf((Long) v);
        }
        if (v instanceof Double) {
            return BigDecimal.valueOf((Double) v);
        }
        try {
            return new BigDecimal(text(v).trim());
        } catch (NumberFormatException e) {
            throw new SQLDataException("Bad value for type BigDecimal: " + text(v), "22018");
        }
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(columnIndex);
        return d == null ? null : d.setScale(scale, java.math.RoundingMode.HALF_EVEN);
    }

    @Override
    public byte[] getBytes(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        if (v == null) {
            return null;
        }
        if (v instanceof byte[]) {
            return ((byte[]) v).clone();
        }
        return getString(columnIndex).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Object getObject(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        if (v instanceof Long) {
            long l = (Long) v;
            return l == (int) l ? Integer.valueOf((int) l) : v;
        }
        if (v instanceof byte[]) {
            return ((byte[]) v).clone();
        }
        return v;
    }

    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        if (type == null) {
            throw new SQLException("getObject needs a type", "HY009");
        }
        Object v = value(columnIndex);
        if (v == null) {
            return null;
        }
        if (type == String.class) {
            return type.cast(getString(columnIndex));
        }
        if (type == Long.class) {
            return type.cast(getLong(columnIndex));
        }
        if (type == Integer.class) {
            return type.cast(getInt(columnIndex));
        }
        if (type == Short.class) {
            return type.cast(getShort(columnIndex));
        }
        if (type == Byte.class) {
            return type.cast(getByte(columnIndex));
        }
        if (type == Double.class) {
            return type.cast(getDouble(columnIndex));
        }
        if (type == Float.class) {
            return type.cast(getFloat(columnIndex));
        }
        if (type == Boolean.class) {
            return type.cast(getBoolean(columnIndex));
        }
        if (type == BigDecimal.class) {
            return type.cast(getBigDecimal(columnIndex));
        }
        if (type == byte[].class) {
            return type.cast(getBytes(columnIndex));
        }
        if (type == Timestamp.class) {
            return type.cast(getTimestamp(columnIndex));
        }
        if (type == Date.class) {
            return type.cast(getDate(columnIndex));
        }
        if (type == Time.class) {
            return type.cast(getTime(columnIndex));
        }
        if (type == Object.class) {
            return type.cast(getObject(columnIndex));
        }
        throw new SQLFeatureNotSupportedException("getObject to " + type.getName() + " is not supported", "0A000");
    }

    @Override
    public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
        return getObject(columnIndex);
    }

    /**
     * Milliseconds since the epoch for an integer, a Julian day for a float, or text in sqlite-jdbc's
     * default format {@code yyyy-MM-dd HH:mm:ss.SSS} (local time), exactly as sqlite-jdbc reads them; other
     * text fails as it fails there.
     */
    @Override
    public Timestamp getTimestamp(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        if (v == null) {
            return null;
        }
        if (v instanceof Long) {
            return new Timestamp((Long) v);
        }
        if (v instanceof Double) {
            return new Timestamp(julianDayToMillis((Double) v));
        }
        String s = text(v);
        java.text.SimpleDateFormat format = new java.text.SimpleDateFormat(DATE_FORMAT, java.util.Locale.ROOT);
        format.setLenient(false);
        java.text.ParsePosition at = new java.text.ParsePosition(0);
        java.util.Date parsed = format.parse(s, at);
        if (parsed == null || at.getIndex() != s.length()) {
            throw new SQLException("Error parsing date: '" + s + "' is not of the form " + DATE_FORMAT, "HY000");
        }
        return new Timestamp(parsed.getTime());
    }

    @Override
    public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
        return getTimestamp(columnIndex);
    }

    @Override
    public Date getDate(int columnIndex) throws SQLException {
        Timestamp t = getTimestamp(columnIndex);
        return t == null ? null : new Date(t.getTime());
    }

    @Override
    public Date getDate(int columnIndex, Calendar cal) throws SQLException {
        return getDate(columnIndex);
    }

    @Override
    public Time getTime(int columnIndex) throws SQLException {
        Timestamp t = getTimestamp(columnIndex);
        return t == null ? null : new Time(t.getTime());
    }

    @Override
    public Time getTime(int columnIndex, Calendar cal) throws SQLException {
        return getTime(columnIndex);
    }

    @Override
    public InputStream getBinaryStream(int columnIndex) throws SQLException {
        byte[] b = getBytes(columnIndex);
        return b == null ? null : new ByteArrayInputStream(b);
    }

    @Override
    public Reader getCharacterStream(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public String getNString(int columnIndex) throws SQLException {
        return getString(columnIndex);
    }

    private static long julianDayToMillis(double julianDay) {
        return (long) ((julianDay - 2440587.5) * 86_400_000d);
    }

    private static String text(Object v) {
        return v instanceof byte[] ? new String((byte[]) v, StandardCharsets.UTF_8) : v.toString();
    }

    /** SQLite's text-to-number rule: the longest leading prefix that is a number, else 0. */
    private static double leadingNumber(String s) {
        String t = s.trim();
        int end = 0;
        int n = t.length();
        if (end < n && (t.charAt(end) == '+' || t.charAt(end) == '-')) {
            end++;
        }
        while (end < n && (Character.isDigit(t.charAt(end)) || t.charAt(end) == '.' || t.charAt(end) == 'e'
                || t.charAt(end) == 'E' || ((t.charAt(end) == '-' || t.charAt(end) == '+')
                && (t.charAt(end - 1) == 'e' || t.charAt(end - 1) == 'E')))) {
            end++;
        }
        while (end > 0) {
            try {
                return Double.parseDouble(t.substring(0, end));
            } catch (NumberFormatException e) {
                end--;
            }
        }
        return 0;
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        int[] types = new int[columns.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = row == null ? Wire.TYPE_NULL : typeOf(row[i]);
        }
        return new DqliteResultSetMetaData(columns, types);
    }

    private static int typeOf(Object v) {
        if (v == null) {
            return Wire.TYPE_NULL;
        }
        if (v instanceof Long) {
            return Wire.TYPE_INTEGER;
        }
        if (v instanceof Double) {
            return Wire.TYPE_FLOAT;
        }
        return v instanceof String ? Wire.TYPE_TEXT : Wire.TYPE_BLOB;
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        row = null;
        try {
            if (cursor != null && !statement.connection.isClosed()) {
                statement.connection.run(sql, false, s -> {
                    cursor.close();
                    return null;
                });
            }
        } finally {
            statement.resultClosed(this);
        }
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return row == null ? 0 : rowNumber;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return rowNumber == 0 && !afterLast;
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return afterLast && rowNumber > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return row != null && rowNumber == 1;
    }

    @Override
    public int getType() throws SQLException {
        checkOpen();
        return TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() throws SQLException {
        checkOpen();
        return CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return FETCH_FORWARD;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != FETCH_FORWARD) {
            throw new SQLFeatureNotSupportedException("dqlite result sets are forward-only", "0A000");
        }
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return 0;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    protected SQLFeatureNotSupportedException unsupported(String method) {
        return DqliteErrors.unsupported(method + " (dqlite result sets are forward-only and read-only)");
    }
}
