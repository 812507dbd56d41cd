package io.pooledsqlite.config;

import java.sql.SQLException;

/**
 * The pool's own settings: name in URLs and {@code Properties}, default, and accepted values.
 * Names follow HikariCP where HikariCP has the same setting, except {@code maxPoolSize} and
 * {@code minIdle}, whose HikariCP names {@code maximumPoolSize} and {@code minimumIdle} are accepted too.
 */
public enum PoolKey {
    POOL_NAME("poolName", "", Kind.TEXT, 0, 0),
    MAX_POOL_SIZE("maxPoolSize", "10", Kind.INTEGER, 1, 10_000),
    MIN_IDLE("minIdle", "1", Kind.INTEGER, 0, 10_000),
    CONNECTION_TIMEOUT("connectionTimeout", "30000", Kind.INTEGER, 1, Integer.MAX_VALUE),
    IDLE_TIMEOUT("idleTimeout", "600000", Kind.INTEGER, 0, Integer.MAX_VALUE),
    MAX_LIFETIME("maxLifetime", "1800000", Kind.INTEGER, 0, Integer.MAX_VALUE),
    VALIDATION_TIMEOUT("validationTimeout", "5000", Kind.INTEGER, 1, Integer.MAX_VALUE),
    LEAK_DETECTION_THRESHOLD("leakDetectionThreshold", "0", Kind.INTEGER, 0, Integer.MAX_VALUE),
    STATEMENT_CACHE_SIZE("statementCacheSize", "256", Kind.INTEGER, 0, 100_000),
    ENGINE("engine", "auto", Kind.CHOICE, 0, 0, "auto", "native", "wasm", "dqlite"),
    REGISTER_MBEANS("registerMbeans", "true", Kind.CHOICE, 0, 0, "true", "false"),
    METRICS("metrics", "false", Kind.CHOICE, 0, 0, "true", "false"),
    INTEGRITY_CHECK("integrityCheck", "none", Kind.CHOICE, 0, 0, "none", "quick", "full"),
    TRANSLATE_ERRORS("translateErrors", "true", Kind.CHOICE, 0, 0, "true", "false"),
    PRAGMA_DEFAULTS("pragmaDefaults", "true", Kind.CHOICE, 0, 0, "true", "false"),
    /** Agent-only: sqlite-jdbc's behaviour where it differs from the JDBC specification. */
    SQLITE_JDBC_SEMANTICS("sqliteJdbcSemantics", "false", Kind.CHOICE, 0, 0, "true", "false");

    private enum Kind { TEXT, INTEGER, CHOICE }

    private final String key;
    private final String defaultValue;
    private final Kind kind;
    private final long min;
    private final long max;
    private final String[] choices;

    PoolKey(String key, String defaultValue, Kind kind, long min, long max, String... choices) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.kind = kind;
        this.min = min;
        this.max = max;
        this.choices = choices;
    }

    /** The setting's name as written in URLs and {@code Properties}. */
    public String key() {
        return key;
    }

    /**
     * HikariCP's name for this setting where it differs from {@link #key()}, accepted as an alias;
     * {@code null} where there is none.
     */
    public String hikariName() {
        switch (this) {
            case MAX_POOL_SIZE:
                return "maximumPoolSize";
            case MIN_IDLE:
                return "minimumIdle";
            default:
                return null;
        }
    }

    /** The value used when the user sets nothing. */
    public String defaultValue() {
        return defaultValue;
    }

    /** Finds a pool key by name or HikariCP alias, ignoring case; {@code null} if the name is not a pool key. */
    public static PoolKey find(String name) {
        for (PoolKey k : values()) {
            if (k.key.equalsIgnoreCase(name) || name.equalsIgnoreCase(k.hikariName())) {
                return k;
            }
        }
        return null;
    }

    /** Checks a raw value given under the name {@code spelled} (named in errors) and returns it in canonical form. */
    String validate(String spelled, String raw) throws SQLException {
        String value = raw.trim();
        switch (kind) {
            case INTEGER:
                long n;
                try {
                    n = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw ConfigErrors.badValue(spelled, raw, "a whole number from " + min + " to " + max);
                }
                if (n < min || n > max) {
                    throw ConfigErrors.badValue(spelled, raw, "a whole number from " + min + " to " + max);
                }
                return Long.toString(n);
            case CHOICE:
                for (String c : choices) {
                    if (c.equalsIgnoreCase(value)) {
                        return c;
                    }
                }
                throw ConfigErrors.badValue(spelled, raw, "one of " + String.join("|", choices));
            default:
                return value;
        }
    }
}
