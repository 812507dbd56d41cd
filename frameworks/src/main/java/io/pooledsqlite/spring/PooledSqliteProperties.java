package io.pooledsqlite.spring;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * The pool's keys as Spring Boot properties, {@code spring.datasource.pooledsqlite.*} in Boot's relaxed form
 * ({@code max-pool-size} for {@code maxPoolSize}). What is left unset keeps the pool's default; a key also
 * in the URL is overridden by the property. Durations take Boot's forms ({@code 30s}, {@code 500ms}) or plain
 * milliseconds, as in the URL. Values are checked when the pool starts, with the driver's messages.
 */
@ConfigurationProperties(prefix = PooledSqliteProperties.PREFIX)
public class PooledSqliteProperties {
    /** Where these properties live. */
    public static final String PREFIX = "spring.datasource.pooledsqlite";

    /** Name of the pool in logs, JMX and meter tags (default pooledsqlite-N). */
    private String poolName;

    /** Most physical connections (1-10000, default 10); HikariCP calls it maximum-pool-size. */
    private Integer maxPoolSize;

    /** Connections kept open (default 1); HikariCP calls it minimum-idle. */
    private Integer minIdle;

    /** How long getConnection waits for a connection before it fails (default 30s). */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration connectionTimeout;

    /** Idle time after which connections above min-idle close; 0 means never (default 10m). */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration idleTimeout;

    /** Age at which a connection is replaced; 0 means never (default 30m). */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration maxLifetime;

    /** Time allowed to check a connection that sat idle (default 5s). */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration validationTimeout;

    /** Time a connection may be held before a warning with the borrower's stack; 0 means off (default 0). */
    @DurationUnit(ChronoUnit.MILLIS)
    private Duration leakDetectionThreshold;

    /** Prepared statements cached per physical connection; 0 turns the cache off (default 256). */
    private Integer statementCacheSize;

    /** SQLite engine: auto, native (sqlite-jdbc) or wasm (pure-Java sqlite4j) (default auto). */
    private String engine;

    /** Whether the pool registers its JMX MXBean (default true). */
    private Boolean registerMbeans;

    /** SQLite integrity check when the pool starts: none, quick or full (default none). */
    private String integrityCheck;

    /** Whether SQLite errors become JDBC exception subclasses with SQLStates (default true). */
    private Boolean translateErrors;

    /**
     * Whether the pool's SQLite defaults (journal_mode=WAL, synchronous=NORMAL, ...) apply where no value
     * is set (default true).
     */
    private Boolean pragmaDefaults;

    /** SQLite settings by sqlite-jdbc's names (journal_mode, foreign_keys, busy_timeout, ...). */
    private Map<String, String> sqlite = new LinkedHashMap<>();

    /** The set values by the driver's key names, ready for {@code PooledSqliteDataSource.setProperty}. */
    public Map<String, String> toSettings() {
        Map<String, String> keys = new LinkedHashMap<>();
        put(keys, "poolName", poolName);
        put(keys, "maxPoolSize", maxPoolSize);
        put(keys, "minIdle", minIdle);
        putMillis(keys, "connectionTimeout", connectionTimeout);
        putMillis(keys, "idleTimeout", idleTimeout);
        putMillis(keys, "maxLifetime", maxLifetime);
        putMillis(keys, "validationTimeout", validationTimeout);
        putMillis(keys, "leakDetectionThreshold", leakDetectionThreshold);
        put(keys, "statementCacheSize", statementCacheSize);
        put(keys, "engine", engine);
        put(keys, "registerMbeans", registerMbeans);
        put(keys, "integrityCheck", integrityCheck);
        put(keys, "translateErrors", translateErrors);
        put(keys, "pragmaDefaults", pragmaDefaults);
        keys.putAll(sqlite);
        return keys;
    }

    private static void put(Map<String, String> keys, String key, Object value) {
        if (value != null) {
            keys.put(key, value.toString());
        }
    }

    private static void putMillis(Map<String, String> keys, String key, Duration value) {
        if (value != null) {
            keys.put(key, Long.toString(value.toMillis()));
        }
    }

    public String getPoolName() {
        return poolName;
    }

    public void setPoolName(String poolName) {
        this.poolName = poolName;
    }

    public Integer getMaxPoolSize() {
        return maxPoolSize;
    }

    public void setMaxPoolSize(Integer maxPoolSize) {
        this.maxPoolSize = maxPoolSize;
    }

    public Integer getMinIdle() {
        return minIdle;
    }

    public void setMinIdle(Integer minIdle) {
        this.minIdle = minIdle;
    }

    public Duration getConnectionTimeout() {
        return connectionTimeout;
    }

    public void setConnectionTimeout(Duration connectionTimeout) {
        this.connectionTimeout = connectionTimeout;
    }

    public Duration getIdleTimeout() {
        return idleTimeout;
    }

    public void setIdleTimeout(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    public Duration getMaxLifetime() {
        return maxLifetime;
    }

    public void setMaxLifetime(Duration maxLifetime) {
        this.maxLifetime = maxLifetime;
    }

    public Duration getValidationTimeout() {
        return validationTimeout;
    }

    public void setValidationTimeout(Duration validationTimeout) {
        this.validationTimeout = validationTimeout;
    }

    public Duration getLeakDetectionThreshold() {
        return leakDetectionThreshold;
    }

    public void setLeakDetectionThreshold(Duration leakDetectionThreshold) {
        this.leakDetectionThreshold = leakDetectionThreshold;
    }

    public Integer getStatementCacheSize() {
        return statementCacheSize;
    }

    public void setStatementCacheSize(Integer statementCacheSize) {
        this.statementCacheSize = statementCacheSize;
    }

    public String getEngine() {
        return engine;
    }

    public void setEngine(String engine) {
        this.engine = engine;
    }

    public Boolean getRegisterMbeans() {
        return registerMbeans;
    }

    public void setRegisterMbeans(Boolean registerMbeans) {
        this.registerMbeans = registerMbeans;
    }

    public String getIntegrityCheck() {
        return integrityCheck;
    }

    public void setIntegrityCheck(String integrityCheck) {
        this.integrityCheck = integrityCheck;
    }

    public Boolean getPragmaDefaults() {
        return pragmaDefaults;
    }

    public void setPragmaDefaults(Boolean pragmaDefaults) {
        this.pragmaDefaults = pragmaDefaults;
    }

    public Boolean getTranslateErrors() {
        return translateErrors;
    }

    public void setTranslateErrors(Boolean translateErrors) {
        this.translateErrors = translateErrors;
    }

    public Map<String, String> getSqlite() {
        return sqlite;
    }

    public void setSqlite(Map<String, String> sqlite) {
        this.sqlite = sqlite;
    }
}
