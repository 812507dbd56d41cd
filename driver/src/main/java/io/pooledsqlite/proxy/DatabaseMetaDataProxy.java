package io.pooledsqlite.proxy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Database metadata that answers as SQLite (product name, URL {@code jdbc:sqlite:…}), so frameworks
 * recognise the database, while {@link #getConnection()} and every result set stay wrapped. Once its
 * connection is closed every call fails as the connection's would (the driver version still answers,
 * as it cannot fail).
 */
final class DatabaseMetaDataProxy extends DelegatingDatabaseMetaData {
    private final ConnectionProxy connection;
    private final DatabaseMetaData delegate;

    DatabaseMetaDataProxy(ConnectionProxy connection, DatabaseMetaData delegate) {
        this.connection = connection;
        this.delegate = delegate;
    }

    @Override
    protected DatabaseMetaData delegate() {
        return connection.isClosed() ? Closed.DATABASE_META_DATA : delegate;
    }

    @Override
    protected SQLException translate(SQLException e) {
        return connection.fail(e);
    }

    /** Result sets of metadata queries are wrapped and closed when the connection is returned. */
    @Override
    protected ResultSet wrap(ResultSet rs) {
        return connection.trackMetaData(rs);
    }

    @Override
    public Connection getConnection() throws SQLException {
        connection.checkOpen();
        return connection.face();
    }

    @Override
    public int getDriverMajorVersion() {
        return delegate.getDriverMajorVersion();
    }

    @Override
    public int getDriverMinorVersion() {
        return delegate.getDriverMinorVersion();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Unwrapping.unwrap(this, delegate, iface, connection);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return Unwrapping.isWrapperFor(this, delegate, iface);
    }
}
