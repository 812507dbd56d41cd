package io.pooledsqlite;

import io.pooledsqlite.config.ConfigParser;
import io.pooledsqlite.metrics.PoolMXBean;
import io.pooledsqlite.pool.ConnectionPool;
import io.pooledsqlite.pool.PoolRegistry;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A pooled SQLite {@link DataSource} for frameworks: give it a database (a file path, a
 * {@code jdbc:sqlite:} URL or a {@code jdbc:pooledsqlite:} URL) and settings by the same names as URL
 * keys. The pool starts on the first {@link #getConnection()}; settings are fixed from then on.
 * {@link #close()} closes the pool.
 */
public class PooledSqliteDataSource implements DataSource, AutoCloseable {
    private String url;
    private final Properties settings = new Properties();
    private volatile ConnectionPool pool;
    private volatile boolean closed;
    private PrintWriter logWriter;
    private int loginTimeout;

    /** A data source without a database yet; call {@link #setUrl(String)}. */
    public PooledSqliteDataSource() {
    }

    /** A data source for a file path, {@code jdbc:sqlite:} URL or {@code jdbc:pooledsqlite:} URL. */
    public PooledSqliteDataSource(String url) {
        setUrl(url);
    }

    /** Sets the database: a file path, a {@code jdbc:sqlite:} URL or a {@code jdbc:pooledsqlite:} URL. */
    public synchronized void setUrl(String url) {
        checkNotStarted();
        if (url == null) {
            throw new IllegalArgumentException("url must not be null");
        }
        if (ConfigParser.accepts(url)) {
            this.url = url;
        } else if (url.regionMatches(true, 0, "jdbc:sqlite:", 0, 12)) {
            this.url = ConfigParser.PREFIX + url.substring(12);
        } else {
            this.url = ConfigParser.PREFIX + url;
        }
    }

    /** The database as a {@code jdbc:pooledsqlite:} URL. */
    public synchronized String getUrl() {
        return url;
    }

    /** Sets a pool or SQLite setting by its URL key (e.g. {@code maxPoolSize}, {@code journal_mode}). */
    public synchronized void setProperty(String key, String value) {
        checkNotStarted();
        settings.setProperty(key, value);
    }

    /** Borrows a connection, starting the pool on the first call. */
    @Override
    public Connection getConnection() throws SQLException {
        return pool().getConnection();
    }

    /** SQLite has no users: the credentials are ignored. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    /** The pool's management view (starting the pool if needed). */
    public PoolMXBean getPoolMXBean() throws SQLException {
        return pool();
    }

    private ConnectionPool pool() throws SQLException {
        ConnectionPool p = pool;
        if (p != null && !p.isClosed()) {
            return p;
        }
        synchronized (this) {
            if (closed) {
                throw new SQLException("This data source is closed", "08003");
            }
            if (url == null) {
                throw new SQLException("No database set: call setUrl first", "08001");
            }
            if (pool == null || pool.isClosed()) {
                pool = PoolRegistry.startPrivate(ConfigParser.parse(url, settings));
            }
            return pool;
        }
    }

    /** Closes the pool: idle connections now, borrowed ones when they are returned. */
    @Override
    public synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.close();
        }
    }

    /** True after {@link #close()}. */
    public boolean isClosed() {
        return closed;
    }

    private void checkNotStarted() {
        if (pool != null) {
            throw new IllegalStateException("The pool has started; its settings can no longer change");
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("pooledsqlite logs through System.Logger", "0A000");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper for " + iface.getName(), "HY000");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }

    @Override
    public String toString() {
        return "PooledSqliteDataSource[" + url + "]";
    }
}
