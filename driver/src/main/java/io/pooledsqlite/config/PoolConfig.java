package io.pooledsqlite.config;

import io.pooledsqlite.engine.dqlite.DqliteTarget;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One pool's resolved settings: the database target, the SQLite settings handed to every physical
 * connection (user values over the pool's defaults) and the pool's own settings. Immutable.
 */
public final class PoolConfig {
    private final String target;
    private final boolean inMemory;
    private final Map<String, String> sqliteSettings;
    private final Map<PoolKey, String> poolSettings;
    private final String identity;
    /** Read at every borrow, so parsed once. */
    private final boolean sqliteJdbcSemantics;
    private final java.util.Set<String> explicitKeys;

    PoolConfig(String target, boolean inMemory, Map<String, String> sqliteSettings,
               Map<PoolKey, String> poolSettings, String identity, java.util.Set<String> explicitKeys) {
        this.explicitKeys = java.util.Set.copyOf(explicitKeys);
        this.target = target;
        this.inMemory = inMemory;
        this.sqliteSettings = Collections.unmodifiableMap(new TreeMap<>(sqliteSettings));
        this.poolSettings = Collections.unmodifiableMap(poolSettings);
        this.identity = identity;
        this.sqliteJdbcSemantics = Boolean.parseBoolean(poolSettings.get(PoolKey.SQLITE_JDBC_SEMANTICS));
    }

    /** What follows {@code jdbc:pooledsqlite:} without the pool's query keys, e.g. {@code /data/app.db}. */
    public String target() {
        return target;
    }

    /** True for {@code :memory:} and the empty name: one private in-memory database per pool. */
    public boolean inMemory() {
        return inMemory;
    }

    /**
     * True when the target is a plain file path (not in-memory, not a {@code :resource:} or {@code file:}
     * URI, not a {@code dqlite://} cluster): only then can the pool look at the file itself.
     */
    public boolean plainFile() {
        return !(target.isEmpty() || target.startsWith(":") || target.regionMatches(true, 0, "file:", 0, 5)
                || DqliteTarget.isDqlite(target));
    }

    /** Effective SQLite settings (sqlite-jdbc names), defaults included. */
    public Map<String, String> sqliteSettings() {
        return sqliteSettings;
    }

    /** True if the user set this key (rather than taking the pool's default). */
    public boolean isExplicit(String key) {
        return explicitKeys.contains(key);
    }

    /** The SQLite settings as the {@code Properties} sqlite-jdbc expects. */
    public Properties sqliteProperties() {
        Properties p = new Properties();
        p.putAll(sqliteSettings);
        return p;
    }

    /** A string equal for two configurations exactly when they describe the same pool. */
    public String identity() {
        return identity;
    }

    public String poolName() {
        return poolSettings.get(PoolKey.POOL_NAME);
    }

    public int maxPoolSize() {
        return intValue(PoolKey.MAX_POOL_SIZE);
    }

    public int minIdle() {
        return intValue(PoolKey.MIN_IDLE);
    }

    public long connectionTimeoutMs() {
        return intValue(PoolKey.CONNECTION_TIMEOUT);
    }

    public long idleTimeoutMs() {
        return intValue(PoolKey.IDLE_TIMEOUT);
    }

    public long maxLifetimeMs() {
        return intValue(PoolKey.MAX_LIFETIME);
    }

    public long validationTimeoutMs() {
        return intValue(PoolKey.VALIDATION_TIMEOUT);
    }

    public long leakDetectionThresholdMs() {
        return intValue(PoolKey.LEAK_DETECTION_THRESHOLD);
    }

    public int statementCacheSize() {
        return intValue(PoolKey.STATEMENT_CACHE_SIZE);
    }

    public EngineMode engine() {
        return EngineMode.valueOf(poolSettings.get(PoolKey.ENGINE).toUpperCase(java.util.Locale.ROOT));
    }

    public boolean registerMbeans() {
        return Boolean.parseBoolean(poolSettings.get(PoolKey.REGISTER_MBEANS));
    }

    public boolean metrics() {
        return Boolean.parseBoolean(poolSettings.get(PoolKey.METRICS));
    }

    /**
     * True: SQLite errors reach callers as JDBC subclasses with SQLStates. False: as sqlite-jdbc throws
     * them ({@code org.sqlite.SQLiteException}), for code written against sqlite-jdbc (the agent's pools).
     */
    public boolean translateErrors() {
        return Boolean.parseBoolean(poolSettings.get(PoolKey.TRANSLATE_ERRORS));
    }

    /**
     * True for the agent's pools: where sqlite-jdbc and the JDBC specification differ (a closed result set's
     * {@code next()}, {@code getResultSet()} asked twice, a metadata result set's statement), connections
     * behave as sqlite-jdbc does, because the program was written against it.
     */
    public boolean sqliteJdbcSemantics() {
        return sqliteJdbcSemantics;
    }

    /** The check run on the file when the pool starts: {@code none}, {@code quick} or {@code full}. */
    public String integrityCheck() {
        return poolSettings.get(PoolKey.INTEGRITY_CHECK);
    }

    /**
     * SQLite's busy timeout in milliseconds, which also bounds the wait for the write gate; without
     * {@code pragmaDefaults} and a value of the user's, sqlite-jdbc's own default.
     */
    public long busyTimeoutMs() {
        return Long.parseLong(sqliteSettings.getOrDefault("busy_timeout", SqliteKeys.SQLITE_JDBC_BUSY_TIMEOUT));
    }

    private int intValue(PoolKey key) {
        return Integer.parseInt(poolSettings.get(key));
    }

    @Override
    public String toString() {
        return identity;
    }
}
