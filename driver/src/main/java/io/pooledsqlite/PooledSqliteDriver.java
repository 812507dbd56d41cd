package io.pooledsqlite;

import io.pooledsqlite.config.ConfigParser;
import io.pooledsqlite.config.PoolConfig;
import io.pooledsqlite.config.PoolKey;
import io.pooledsqlite.metrics.PoolMXBean;
import io.pooledsqlite.pool.PoolRegistry;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The {@code jdbc:pooledsqlite:} driver: {@code jdbc:pooledsqlite:<what sqlite-jdbc accepts after
 * jdbc:sqlite:>[?key=value&…]}. Every distinct URL-and-settings combination gets one pool; connections
 * come from it and go back to it on {@code close()}. Registered with {@link DriverManager} through
 * {@code META-INF/services/java.sql.Driver} and when this class loads.
 */
public final class PooledSqliteDriver implements Driver {
    /** The URL prefix this driver accepts. */
    public static final String URL_PREFIX = ConfigParser.PREFIX;

    static {
        try {
            DriverManager.registerDriver(new PooledSqliteDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Borrows a connection from the pool for this URL and properties (properties override URL values),
     * starting the pool on first use. Returns {@code null} for URLs of other drivers, as JDBC requires.
     */
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        return PoolRegistry.shared(url, info).getConnection();
    }

    @Override
    public boolean acceptsURL(String url) {
        return ConfigParser.accepts(url);
    }

    /** Lists the pool's own settings with their defaults. SQLite settings are sqlite-jdbc's. */
    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        List<DriverPropertyInfo> result = new ArrayList<>();
        for (PoolKey k : PoolKey.values()) {
            DriverPropertyInfo p = new DriverPropertyInfo(k.key(), info == null ? null : info.getProperty(k.key()));
            p.description = "pooledsqlite setting, default " + (k.defaultValue().isEmpty() ? "(none)" : k.defaultValue())
                    + (k.hikariName() == null ? "" : "; HikariCP's name " + k.hikariName() + " is accepted too");
            result.add(p);
        }
        return result.toArray(new DriverPropertyInfo[0]);
    }

    @Override
    public int getMajorVersion() {
        return 0;
    }

    @Override
    public int getMinorVersion() {
        return 1;
    }

    /** SQLite itself is not SQL-92 entry-level compliant, so neither is a driver for it. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("pooledsqlite logs through System.Logger", "0A000");
    }

    /** The management view of the live pool for this URL and properties, or {@code null} if none runs. */
    public static PoolMXBean pool(String url, Properties info) throws SQLException {
        PoolConfig config = ConfigParser.parse(url, info);
        return PoolRegistry.find(config);
    }

    /** Closes every pool this JVM started, those of data sources included. */
    public static void closeAll() {
        PoolRegistry.closeAll();
    }
}
