package io.pooledsqlite.pool;

import io.pooledsqlite.config.ConfigParser;
import io.pooledsqlite.config.PoolConfig;
import io.pooledsqlite.engine.resolve.EngineResolver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live pools of this JVM: one per distinct configuration for URL users, plus the private pools of
 * data sources, so that {@link #closeAll()} reaches every one.
 */
public final class PoolRegistry {
    private static final ConcurrentHashMap<String, ConnectionPool> BY_IDENTITY = new ConcurrentHashMap<>();
    /** Pools by the exact URL they were asked for with no extra properties: connect's fast path. */
    private static final ConcurrentHashMap<String, ConnectionPool> BY_URL = new ConcurrentHashMap<>();
    private static final Set<ConnectionPool> ALL = ConcurrentHashMap.newKeySet();

    static {
        // Committed data is in the file already; closing checkpoints the WAL and releases the files.
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(PoolRegistry::closeAll, "pooledsqlite-shutdown"));
        } catch (IllegalStateException alreadyShuttingDown) {
            // first used from another shutdown hook: that caller closes what it opens
        }
    }

    private PoolRegistry() {
    }

    /**
     * The shared pool for a URL and connect properties. A URL seen before with no properties (or only
     * the {@code user}/{@code password} DriverManager adds) skips parsing.
     */
    public static ConnectionPool shared(String url, Properties info) throws SQLException {
        boolean plain = ConfigParser.hasNoSettings(info);
        if (plain) {
            ConnectionPool known = BY_URL.get(url);
            if (known != null && !known.isClosed()) {
                return known;
            }
        }
        ConnectionPool pool = shared(ConfigParser.parse(url, info));
        if (plain) {
            BY_URL.put(url, pool);
        }
        return pool;
    }

    /** The shared pool for a configuration, started on first use. */
    public static ConnectionPool shared(PoolConfig config) throws SQLException {
        ConnectionPool pool = BY_IDENTITY.get(config.identity());
        if (pool != null && !pool.isClosed()) {
            return pool;
        }
        synchronized (BY_IDENTITY) {
            pool = BY_IDENTITY.get(config.identity());
            if (pool == null || pool.isClosed()) {
                pool = start(config);
                BY_IDENTITY.put(config.identity(), pool);
            }
            return pool;
        }
    }

    /** A pool owned by one data source, closed with it (and by {@link #closeAll()}). */
    public static ConnectionPool startPrivate(PoolConfig config) throws SQLException {
        return start(config);
    }

    private static ConnectionPool start(PoolConfig config) throws SQLException {
        ConnectionPool pool = new ConnectionPool(config, EngineResolver.resolve(config));
        ALL.add(pool);
        ALL.removeIf(ConnectionPool::isClosed);
        return pool;
    }

    /** Closes every live pool. Pools are started again on the next connect. */
    public static void closeAll() {
        List<ConnectionPool> pools = new ArrayList<>(ALL);
        ALL.clear();
        BY_IDENTITY.clear();
        BY_URL.clear();
        for (ConnectionPool p : pools) {
            p.close();
        }
    }

    /** The pools of this JVM not closed yet, data sources' included (a snapshot). */
    public static List<ConnectionPool> live() {
        List<ConnectionPool> pools = new ArrayList<>(ALL);
        pools.removeIf(ConnectionPool::isClosed);
        return pools;
    }

    /** The live shared pool for a configuration, or {@code null}. */
    public static ConnectionPool find(PoolConfig config) {
        ConnectionPool pool = BY_IDENTITY.get(config.identity());
        return pool == null || pool.isClosed() ? null : pool;
    }
}
