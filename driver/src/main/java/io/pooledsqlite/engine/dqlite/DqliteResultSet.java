package io.pooledsqlite.engine.dqlite;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
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
public final class DqliteResultSet implements ResultSet {
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

    // the by-label getters
    @Override
    public String getString(String columnLabel) throws SQLException {
        return getString(findColumn(columnLabel));
    }

    @Override
    public boolean getBoolean(String columnLabel) throws SQLException {
        return getBoolean(findColumn(columnLabel));
    }

    @Override
    public byte getByte(String columnLabel) throws SQLException {
        return getByte(findColumn(columnLabel));
    }

    @Override
    public short getShort(String columnLabel) throws SQLException {
        return getShort(findColumn(columnLabel));
    }

    @Override
    public int getInt(String columnLabel) throws SQLException {
        return getInt(findColumn(columnLabel));
    }

    @Override
    public long getLong(String columnLabel) throws SQLException {
        return getLong(findColumn(columnLabel));
    }

    @Override
    public float getFloat(String columnLabel) throws SQLException {
        return getFloat(findColumn(columnLabel));
    }

    @Override
    public double getDouble(String columnLabel) throws SQLException {
        return getDouble(findColumn(columnLabel));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
        return getBigDecimal(findColumn(columnLabel), scale);
    }

    @Override
    public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
        return getBigDecimal(findColumn(columnLabel));
    }

    @Override
    public byte[] getBytes(String columnLabel) throws SQLException {
        return getBytes(findColumn(columnLabel));
    }

    @Override
    public Date getDate(String columnLabel) throws SQLException {
        return getDate(findColumn(columnLabel));
    }

    @Override
    public Date getDate(String columnLabel, Calendar cal) throws SQLException {
        return getDate(findColumn(columnLabel));
    }

    @Override
    public Time getTime(String columnLabel) throws SQLException {
        return getTime(findColumn(columnLabel));
    }

    @Override
    public Time getTime(String columnLabel, Calendar cal) throws SQLException {
        return getTime(findColumn(columnLabel));
    }

    @Override
    public Timestamp getTimestamp(String columnLabel) throws SQLException {
        return getTimestamp(findColumn(columnLabel));
    }

    @Override
    public Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException {
        return getTimestamp(findColumn(columnLabel));
    }

    @Override
    public Object getObject(String columnLabel) throws SQLException {
        return getObject(findColumn(columnLabel));
    }

    @Override
    public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
        return getObject(findColumn(columnLabel));
    }

    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
        return getObject(findColumn(columnLabel), type);
    }

    @Override
    public InputStream getBinaryStream(String columnLabel) throws SQLException {
        return getBinaryStream(findColumn(columnLabel));
    }

    @Override
    public Reader getCharacterStream(String columnLabel) throws SQLException {
        return getCharacterStream(findColumn(columnLabel));
    }

    @Override
    public String getNString(String columnLabel) throws SQLException {
        return getNString(findColumn(columnLabel));
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
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper for " + iface.getName(), "HY000");
    }

    @Override
    public boolean absolute(int a) throws SQLException {
        throw unsupported("absolute");
    }

    @Override
    public void afterLast() throws SQLException {
        throw unsupported("afterLast");
    }

    @Override
    public void beforeFirst() throws SQLException {
        throw unsupported("beforeFirst");
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        throw unsupported("cancelRowUpdates");
    }

    @Override
    public void deleteRow() throws SQLException {
        throw unsupported("deleteRow");
    }

    @Override
    public boolean first() throws SQLException {
        throw unsupported("first");
    }

    @Override
    public Array getArray(String a) throws SQLException {
        throw unsupported("getArray");
    }

    @Override
    public Array getArray(int a) throws SQLException {
        throw unsupported("getArray");
    }

    @Override
    public InputStream getAsciiStream(String a) throws SQLException {
        throw unsupported("getAsciiStream");
    }

    @Override
    public InputStream getAsciiStream(int a) throws SQLException {
        throw unsupported("getAsciiStream");
    }

    @Override
    public Blob getBlob(String a) throws SQLException {
        throw unsupported("getBlob");
    }

    @Override
    public Blob getBlob(int a) throws SQLException {
        throw unsupported("getBlob");
    }

    @Override
    public Clob getClob(String a) throws SQLException {
        throw unsupported("getClob");
    }

    @Override
    public Clob getClob(int a) throws SQLException {
        throw unsupported("getClob");
    }

    @Override
    public String getCursorName() throws SQLException {
        throw unsupported("getCursorName");
    }

    @Override
    public Reader getNCharacterStream(String a) throws SQLException {
        throw unsupported("getNCharacterStream");
    }

    @Override
    public Reader getNCharacterStream(int a) throws SQLException {
        throw unsupported("getNCharacterStream");
    }

    @Override
    public NClob getNClob(String a) throws SQLException {
        throw unsupported("getNClob");
    }

    @Override
    public NClob getNClob(int a) throws SQLException {
        throw unsupported("getNClob");
    }

    @Override
    public Ref getRef(String a) throws SQLException {
        throw unsupported("getRef");
    }

    @Override
    public Ref getRef(int a) throws SQLException {
        throw unsupported("getRef");
    }

    @Override
    public RowId getRowId(String a) throws SQLException {
        throw unsupported("getRowId");
    }

    @Override
    public RowId getRowId(int a) throws SQLException {
        throw unsupported("getRowId");
    }

    @Override
    public SQLXML getSQLXML(String a) throws SQLException {
        throw unsupported("getSQLXML");
    }

    @Override
    public SQLXML getSQLXML(int a) throws SQLException {
        throw unsupported("getSQLXML");
    }

    @Override
    public URL getURL(String a) throws SQLException {
        throw unsupported("getURL");
    }

    @Override
    public URL getURL(int a) throws SQLException {
        throw unsupported("getURL");
    }

    @Override
    public InputStream getUnicodeStream(String a) throws SQLException {
        throw unsupported("getUnicodeStream");
    }

    @Override
    public InputStream getUnicodeStream(int a) throws SQLException {
        throw unsupported("getUnicodeStream");
    }

    @Override
    public void insertRow() throws SQLException {
        throw unsupported("insertRow");
    }

    @Override
    public boolean isLast() throws SQLException {
        throw unsupported("isLast");
    }

    @Override
    public boolean last() throws SQLException {
        throw unsupported("last");
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        throw unsupported("moveToCurrentRow");
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        throw unsupported("moveToInsertRow");
    }

    @Override
    public boolean previous() throws SQLException {
        throw unsupported("previous");
    }

    @Override
    public void refreshRow() throws SQLException {
        throw unsupported("refreshRow");
    }

    @Override
    public boolean relative(int a) throws SQLException {
        throw unsupported("relative");
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        throw unsupported("rowDeleted");
    }

    @Override
    public boolean rowInserted() throws SQLException {
        throw unsupported("rowInserted");
    }

    @Override
    public boolean rowUpdated() throws SQLException {
        throw unsupported("rowUpdated");
    }

    @Override
    public void updateArray(String a, Array b) throws SQLException {
        throw unsupported("updateArray");
    }

    @Override
    public void updateArray(int a, Array b) throws SQLException {
        throw unsupported("updateArray");
    }

    @Override
    public void updateAsciiStream(String a, InputStream b, int c) throws SQLException {
        throw unsupported("updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(String a, InputStream b, long c) throws SQLException {
        throw unsupported("updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(String a, InputStream b) throws SQLException {
        throw unsupported("updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(int a, InputStream b, int c) throws SQLException {
        throw unsupported("updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(int a, InputStream b, long c) throws SQLException {
        throw unsupported("updateAsciiStream");
    }

    @Override
    public void updateAsciiStream(int a, InputStream b) throws SQLException {
        throw unsupported("updateAsciiStream");
    }

    @Override
    public void updateBigDecimal(String a, BigDecimal b) throws SQLException {
        throw unsupported("updateBigDecimal");
    }

    @Override
    public void updateBigDecimal(int a, BigDecimal b) throws SQLException {
        throw unsupported("updateBigDecimal");
    }

    @Override
    public void updateBinaryStream(String a, InputStream b, int c) throws SQLException {
        throw unsupported("updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(String a, InputStream b, long c) throws SQLException {
        throw unsupported("updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(String a, InputStream b) throws SQLException {
        throw unsupported("updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(int a, InputStream b, int c) throws SQLException {
        throw unsupported("updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(int a, InputStream b, long c) throws SQLException {
        throw unsupported("updateBinaryStream");
    }

    @Override
    public void updateBinaryStream(int a, InputStream b) throws SQLException {
        throw unsupported("updateBinaryStream");
    }

    @Override
    public void updateBlob(String a, InputStream b, long c) throws SQLException {
        throw unsupported("updateBlob");
    }

    @Override
    public void updateBlob(String a, InputStream b) throws SQLException {
        throw unsupported("updateBlob");
    }

    @Override
    public void updateBlob(String a, Blob b) throws SQLException {
        throw unsupported("updateBlob");
    }

    @Override
    public void updateBlob(int a, InputStream b, long c) throws SQLException {
        throw unsupported("updateBlob");
    }

    @Override
    public void updateBlob(int a, InputStream b) throws SQLException {
        throw unsupported("updateBlob");
    }

    @Override
    public void updateBlob(int a, Blob b) throws SQLException {
        throw unsupported("updateBlob");
    }

    @Override
    public void updateBoolean(String a, boolean b) throws SQLException {
        throw unsupported("updateBoolean");
    }

    @Override
    public void updateBoolean(int a, boolean b) throws SQLException {
        throw unsupported("updateBoolean");
    }

    @Override
    public void updateByte(String a, byte b) throws SQLException {
        throw unsupported("updateByte");
    }

    @Override
    public void updateByte(int a, byte b) throws SQLException {
        throw unsupported("updateByte");
    }

    @Override
    public void updateBytes(String a, byte[] b) throws SQLException {
        throw unsupported("updateBytes");
    }

    @Override
    public void updateBytes(int a, byte[] b) throws SQLException {
        throw unsupported("updateBytes");
    }

    @Override
    public void updateCharacterStream(String a, Reader b, int c) throws SQLException {
        throw unsupported("updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(String a, Reader b, long c) throws SQLException {
        throw unsupported("updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(String a, Reader b) throws SQLException {
        throw unsupported("updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(int a, Reader b, int c) throws SQLException {
        throw unsupported("updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(int a, Reader b, long c) throws SQLException {
        throw unsupported("updateCharacterStream");
    }

    @Override
    public void updateCharacterStream(int a, Reader b) throws SQLException {
        throw unsupported("updateCharacterStream");
    }

    @Override
    public void updateClob(String a, Reader b, long c) throws SQLException {
        throw unsupported("updateClob");
    }

    @Override
    public void updateClob(String a, Reader b) throws SQLException {
        throw unsupported("updateClob");
    }

    @Override
    public void updateClob(String a, Clob b) throws SQLException {
        throw unsupported("updateClob");
    }

    @Override
    public void updateClob(int a, Reader b, long c) throws SQLException {
        throw unsupported("updateClob");
    }

    @Override
    public void updateClob(int a, Reader b) throws SQLException {
        throw unsupported("updateClob");
    }

    @Override
    public void updateClob(int a, Clob b) throws SQLException {
        throw unsupported("updateClob");
    }

    @Override
    public void updateDate(String a, Date b) throws SQLException {
        throw unsupported("updateDate");
    }

    @Override
    public void updateDate(int a, Date b) throws SQLException {
        throw unsupported("updateDate");
    }

    @Override
    public void updateDouble(String a, double b) throws SQLException {
        throw unsupported("updateDouble");
    }

    @Override
    public void updateDouble(int a, double b) throws SQLException {
        throw unsupported("updateDouble");
    }

    @Override
    public void updateFloat(String a, float b) throws SQLException {
        throw unsupported("updateFloat");
    }

    @Override
    public void updateFloat(int a, float b) throws SQLException {
        throw unsupported("updateFloat");
    }

    @Override
    public void updateInt(String a, int b) throws SQLException {
        throw unsupported("updateInt");
    }

    @Override
    public void updateInt(int a, int b) throws SQLException {
        throw unsupported("updateInt");
    }

    @Override
    public void updateLong(String a, long b) throws SQLException {
        throw unsupported("updateLong");
    }

    @Override
    public void updateLong(int a, long b) throws SQLException {
        throw unsupported("updateLong");
    }

    @Override
    public void updateNCharacterStream(String a, Reader b, long c) throws SQLException {
        throw unsupported("updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(String a, Reader b) throws SQLException {
        throw unsupported("updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(int a, Reader b, long c) throws SQLException {
        throw unsupported("updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(int a, Reader b) throws SQLException {
        throw unsupported("updateNCharacterStream");
    }

    @Override
    public void updateNClob(String a, Reader b, long c) throws SQLException {
        throw unsupported("updateNClob");
    }

    @Override
    public void updateNClob(String a, Reader b) throws SQLException {
        throw unsupported("updateNClob");
    }

    @Override
    public void updateNClob(String a, NClob b) throws SQLException {
        throw unsupported("updateNClob");
    }

    @Override
    public void updateNClob(int a, Reader b, long c) throws SQLException {
        throw unsupported("updateNClob");
    }

    @Override
    public void updateNClob(int a, Reader b) throws SQLException {
        throw unsupported("updateNClob");
    }

    @Override
    public void updateNClob(int a, NClob b) throws SQLException {
        throw unsupported("updateNClob");
    }

    @Override
    public void updateNString(String a, String b) throws SQLException {
        throw unsupported("updateNString");
    }

    @Override
    public void updateNString(int a, String b) throws SQLException {
        throw unsupported("updateNString");
    }

    @Override
    public void updateNull(String a) throws SQLException {
        throw unsupported("updateNull");
    }

    @Override
    public void updateNull(int a) throws SQLException {
        throw unsupported("updateNull");
    }

    @Override
    public void updateObject(String a, Object b, int c) throws SQLException {
        throw unsupported("updateObject");
    }

    @Override
    public void updateObject(String a, Object b) throws SQLException {
        throw unsupported("updateObject");
    }

    @Override
    public void updateObject(int a, Object b, int c) throws SQLException {
        throw unsupported("updateObject");
    }

    @Override
    public void updateObject(int a, Object b) throws SQLException {
        throw unsupported("updateObject");
    }

    @Override
    public void updateRef(String a, Ref b) throws SQLException {
        throw unsupported("updateRef");
    }

    @Override
    public void updateRef(int a, Ref b) throws SQLException {
        throw unsupported("updateRef");
    }

    @Override
    public void updateRowId(String a, RowId b) throws SQLException {
        throw unsupported("updateRowId");
    }

    @Override
    public void updateRowId(int a, RowId b) throws SQLException {
        throw unsupported("updateRowId");
    }

    @Override
    public void updateRow() throws SQLException {
        throw unsupported("updateRow");
    }

    @Override
    public void updateSQLXML(String a, SQLXML b) throws SQLException {
        throw unsupported("updateSQLXML");
    }

    @Override
    public void updateSQLXML(int a, SQLXML b) throws SQLException {
        throw unsupported("updateSQLXML");
    }

    @Override
    public void updateShort(String a, short b) throws SQLException {
        throw unsupported("updateShort");
    }

    @Override
    public void updateShort(int a, short b) throws SQLException {
        throw unsupported("updateShort");
    }

    @Override
    public void updateString(String a, String b) throws SQLException {
        throw unsupported("updateString");
    }

    @Override
    public void updateString(int a, String b) throws SQLException {
        throw unsupported("updateString");
    }

    @Override
    public void updateTime(String a, Time b) throws SQLException {
        throw unsupported("updateTime");
    }

    @Override
    public void updateTime(int a, Time b) throws SQLException {
        throw unsupported("updateTime");
    }

    @Override
    public void updateTimestamp(String a, Timestamp b) throws SQLException {
        throw unsupported("updateTimestamp");
    }

    @Override
    public void updateTimestamp(int a, Timestamp b) throws SQLException {
        throw unsupported("updateTimestamp");
    }
    private static SQLFeatureNotSupportedException unsupported(String method) {
        return DqliteErrors.unsupported(method + " (dqlite result sets are forward-only and read-only)");
    }
}
