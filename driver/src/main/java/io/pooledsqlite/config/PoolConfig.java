package io.pooledsqlite.config;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * One pool's resolved settings: the database target, the SQLite settings handed to every physical
 * connection (user values over the pool's defaults) and the pool's own settings, each parsed once into
 * its type when the configuration is built. Immutable.
 */
public final class PoolConfig {
    private final Target target;
    private final Map<String, String> sqliteSettings;
    private final String identity;
    private final Set<String> explicitKeys;
    private final String poolName;
    private final int maxPoolSize;
    private final int minIdle;
    private final long connectionTimeoutMs;
    private final long idleTimeoutMs;
    private final long maxLifetimeMs;
    private final long validationTimeoutMs;
    private final long leakDetectionThresholdMs;
    private final int statementCacheSize;
    private final EngineMode engine;
    private final boolean registerMbeans;
    private final boolean metrics;
    private final boolean translateErrors;
    private final boolean sqliteJdbcSemantics;
    private final String integrityCheck;
    private final long busyTimeoutMs;

    /** {@code poolSettings} holds every pool key's value, validated and in canonical form. */
    PoolConfig(Target target, Map<String, String> sqliteSettings, Map<PoolKey, String> poolSettings,
               String identity, Set<String> explicitKeys) {
        this.target = target;
        this.sqliteSettings = Collections.unmodifiableMap(new TreeMap<>(sqliteSettings));
        this.identity = identity;
        this.explicitKeys = Set.copyOf(explicitKeys);
        this.poolName = poolSettings.get(PoolKey.POOL_NAME);
        this.maxPoolSize = Integer.parseInt(poolSettings.get(PoolKey.MAX_POOL_SIZE));
        this.minIdle = Integer.parseInt(poolSettings.get(PoolKey.MIN_IDLE));
        this.connectionTimeoutMs = Long.parseLong(poolSettings.get(PoolKey.CONNECTION_TIMEOUT));
        this.idleTimeoutMs = Long.parseLong(poolSettings.get(PoolKey.IDLE_TIMEOUT));
        this.maxLifetimeMs = Long.parseLong(poolSettings.get(PoolKey.MAX_LIFETIME));
        this.validationTimeoutMs = Long.parseLong(poolSettings.get(PoolKey.VALIDATION_TIMEOUT));
        this.leakDetectionThresholdMs = Long.parseLong(poolSettings.get(PoolKey.LEAK_DETECTION_THRESHOLD));
        this.statementCacheSize = Integer.parseInt(poolSettings.get(PoolKey.STATEMENT_CACHE_SIZE));
        this.engine = EngineMode.valueOf(poolSettings.get(PoolKey.ENGINE).toUpperCase(Locale.ROOT));
        this.registerMbeans = Boolean.parseBoolean(poolSettings.get(PoolKey.REGISTER_MBEANS));
        this.metrics = Boolean.parseBoolean(poolSettings.get(PoolKey.METRICS));
        this.translateErrors = Boolean.parseBoolean(poolSettings.get(PoolKey.TRANSLATE_ERRORS));
        this.sqliteJdbcSemantics = Boolean.parseBoolean(poolSettings.get(PoolKey.SQLITE_JDBC_SEMANTICS));
        this.integrityCheck = poolSettings.get(PoolKey.INTEGRITY_CHECK);
        this.busyTimeoutMs = Long.parseLong(
                this.sqliteSettings.getOrDefault("busy_timeout", SqliteKeys.SQLITE_JDBC_BUSY_TIMEOUT));
    }

    /** What follows {@code jdbc:pooledsqlite:} without the pool's query keys, e.g. {@code /data/app.db}. */
    public String target() {
        return target.text();
    }

    /** The target read: what kind of database it names, its file, its write gate. */
    public Target parsedTarget() {
        return target;
    }

    /** True for {@code :memory:} and the empty name: one private in-memory database per pool. */
    public boolean inMemory() {
        return target.privateMemory();
    }

    /**
     * True when the target is a plain file path (not in-memory, not a {@code :resource:} or {@code file:}
     * URI, not a {@code dqlite://} cluster): only then can the pool look at the file itself.
     */
    public boolean plainFile() {
        return target.plainFile();
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

    /** The {@code poolName} setting; empty when the pool should name itself. */
    public String poolName() {
        return poolName;
    }

    /** Most physical connections ({@code maxPoolSize}, alias {@code maximumPoolSize}). */
    public int maxPoolSize() {
        return maxPoolSize;
    }

    /** Connections kept open ({@code minIdle}, alias {@code minimumIdle}); at least 1 for a private memory database. */
    public int minIdle() {
        return minIdle;
    }

    /** How long a borrow may wait, in milliseconds. */
    public long connectionTimeoutMs() {
        return connectionTimeoutMs;
    }

    /** Idle time after which connections above {@code minIdle} close, in milliseconds (0 = never). */
    public long idleTimeoutMs() {
        return idleTimeoutMs;
    }

    /** Age at which a connection is replaced, in milliseconds (0 = never). */
    public long maxLifetimeMs() {
        return maxLifetimeMs;
    }

    /** Time allowed to check a connection that sat idle, in milliseconds. */
    public long validationTimeoutMs() {
        return validationTimeoutMs;
    }

    /** Time a connection may be held before a leak warning, in milliseconds (0 = off). */
    public long leakDetectionThresholdMs() {
        return leakDetectionThresholdMs;
    }

    /** Prepared statements cached per physical connection (0 = off). */
    public int statementCacheSize() {
        return statementCacheSize;
    }

    /** The engine asked for; {@link EngineMode#DQLITE} exactly for a dqlite target. */
    public EngineMode engine() {
        return engine;
    }

    /** Whether the pool registers its MXBean. */
    public boolean registerMbeans() {
        return registerMbeans;
    }

    /** Whether the pool binds Micrometer meters to the global registry. */
    public boolean metrics() {
        return metrics;
    }

    /**
     * True: SQLite errors reach callers as JDBC subclasses with SQLStates. False: as sqlite-jdbc throws
     * them ({@code org.sqlite.SQLiteException}), for code written against sqlite-jdbc (the agent's pools).
     */
    public boolean translateErrors() {
        return translateErrors;
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
        return integrityCheck;
    }

    /**
     * SQLite's busy timeout in milliseconds, which also bounds the wait for the write gate; without
     * {@code pragmaDefaults} and a value of the user's, sqlite-jdbc's own default.
     */
    public long busyTimeoutMs() {
        return busyTimeoutMs;
    }

    @Override
    public String toString() {
        return identity;
    }
}
