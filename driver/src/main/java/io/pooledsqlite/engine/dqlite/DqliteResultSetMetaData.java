package io.pooledsqlite.engine.dqlite;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.util.List;

/**
 * Column names and types of a dqlite result. dqlite sends no declared types, so a column's type is the
 * storage class of its value in the current row (or of the first row), as SQLite's {@code typeof}.
 */
final class DqliteResultSetMetaData extends RefusingResultSetMetaData {
    private final List<String> names;
    private final int[] wireTypes;

    DqliteResultSetMetaData(List<String> names, int[] wireTypes) {
        this.names = names;
        this.wireTypes = wireTypes;
    }

    private int check(int column) throws SQLException {
        if (column < 1 || column > names.size()) {
            throw new SQLException("Column index " + column + " is out of range (1.." + names.size() + ")", "07009");
        }
        return column - 1;
    }

    @Override
    public int getColumnCount() {
        return names.size();
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        return names.get(check(column));
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        return names.get(check(column));
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        switch (wireTypes[check(column)]) {
            case Wire.TYPE_INTEGER:
                return Types.INTEGER;
            case Wire.TYPE_FLOAT:
                return Types.REAL;
            case Wire.TYPE_TEXT:
                return Types.VARCHAR;
            case Wire.TYPE_BLOB:
                return Types.BLOB;
            default:
                return Types.NULL;
        }
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        switch (wireTypes[check(column)]) {
            case Wire.TYPE_INTEGER:
                return "INTEGER";
            case Wire.TYPE_FLOAT:
                return "REAL";
            case Wire.TYPE_TEXT:
                return "TEXT";
            case Wire.TYPE_BLOB:
                return "BLOB";
            default:
                return "NULL";
        }
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        switch (wireTypes[check(column)]) {
            case Wire.TYPE_INTEGER:
                return Long.class.getName();
            case Wire.TYPE_FLOAT:
                return Double.class.getName();
            case Wire.TYPE_TEXT:
                return String.class.getName();
            case Wire.TYPE_BLOB:
                return byte[].class.getName();
            default:
                return Object.class.getName();
        }
    }

    @Override
    public int isNullable(int column) throws SQLException {
        check(column);
        return columnNullableUnknown;
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        check(column);
        return false;
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        check(column);
        return true;
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        check(column);
        return true;
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        check(column);
        return false;
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        int t = wireTypes[check(column)];
        return t == Wire.TYPE_INTEGER || t == Wire.TYPE_FLOAT;
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        check(column);
        return Integer.MAX_VALUE;
    }

    @Override
    public String getSchemaName(int column) throws SQLException {
        check(column);
        return "";
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        check(column);
        return 0;
    }

    @Override
    public int getScale(int column) throws SQLException {
        check(column);
        return 0;
    }

    @Override
    public String getTableName(int column) throws SQLException {
        check(column);
        return "";
    }

    @Override
    public String getCatalogName(int column) throws SQLException {
        check(column);
        return "";
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        check(column);
        return true;
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        check(column);
        return false;
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        check(column);
        return false;
    }

    @Override
    protected SQLFeatureNotSupportedException unsupported(String method) {
        return DqliteErrors.unsupported("ResultSetMetaData." + method);
    }
}
