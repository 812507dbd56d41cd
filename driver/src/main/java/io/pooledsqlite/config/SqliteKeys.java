package io.pooledsqlite.config;

import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * The settings sqlite-jdbc itself understands (its {@code SQLiteConfig.Pragma} names) and the pool's
 * defaults for them. Values with a fixed set of choices are checked here, because sqlite-jdbc silently
 * ignores a value it does not recognise (e.g. {@code journal_mode=FOO}).
 */
public final class SqliteKeys {
    /** sqlite-jdbc's own busy timeout (ms) when nobody sets one. */
    static final String SQLITE_JDBC_BUSY_TIMEOUT = Integer.toString(new SQLiteConfig().getBusyTimeout());

    /**
     * The pool's defaults, applied where the user set nothing (unless {@code pragmaDefaults=false}).
     * Justified in bench/README.md.
     */
    public static final Map<String, String> DEFAULTS;

    private static final Map<String, String[]> KNOWN;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("journal_mode", "WAL");
        d.put("synchronous", "NORMAL");
        d.put("busy_timeout", "5000");
        d.put("temp_store", "MEMORY");
        d.put("cache_size", "-2000");
        d.put("mmap_size", "268435456");
        DEFAULTS = Collections.unmodifiableMap(d);

        Map<String, String[]> k = new LinkedHashMap<>();
        for (SQLiteConfig.Pragma p : SQLiteConfig.Pragma.values()) {
            k.put(p.pragmaName, p.choices);
        }
        // SQLite accepts EXTRA, sqlite-jdbc's list stops at FULL.
        k.put("synchronous", new String[] {"OFF", "NORMAL", "FULL", "EXTRA"});
        KNOWN = Collections.unmodifiableMap(k);
    }

    /** Settings whose value SQLite reads as a number (sqlite-jdbc passes anything through). */
    private static final java.util.Set<String> INTEGER_VALUED = java.util.Set.of("cache_size", "mmap_size",
            "page_size", "max_page_count", "journal_size_limit", "limit_attached", "limit_column",
            "limit_compound_select", "limit_expr_depth", "limit_function_arg", "limit_length",
            "limit_like_pattern_length", "limit_sql_length", "limit_trigger_depth", "limit_variable_number",
            "limit_vdbe_op", "limit_worker_threads", "limit_page_count", "user_version",
            "application_id", "default_cache_size", "wal_autocheckpoint");

    private SqliteKeys() {
    }

    /** Whether sqlite-jdbc's {@code open_mode} flags (a validated value, may be {@code null}) open read-only. */
    static boolean opensReadOnly(String openMode) {
        if (openMode == null) {
            return false;
        }
        int flags = Integer.parseInt(openMode.trim()); // validated: an int
        return (flags & SQLiteOpenMode.READONLY.flag) != 0 && (flags & SQLiteOpenMode.READWRITE.flag) == 0;
    }

    /** The canonical (lower-case) name if sqlite-jdbc knows this setting, otherwise {@code null}. */
    static String find(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return KNOWN.containsKey(lower) ? lower : null;
    }

    static Iterable<String> names() {
        return KNOWN.keySet();
    }

    static String validate(String key, String raw) throws SQLException {
        String[] choices = KNOWN.get(key);
        String value = raw.trim();
        if (choices != null) {
            for (String c : choices) {
                if (c.replace("'", "").equalsIgnoreCase(value)) {
                    return value;
                }
            }
            throw ConfigErrors.badValue(key, raw, "one of " + String.join("|", choices));
        }
        if (key.equals("open_mode")) {
            // sqlite-jdbc reads the flags with Integer.parseInt when it opens: a larger number would throw
            // NumberFormatException from getConnection
            try {
                Integer.parseInt(value);
                return value;
            } catch (NumberFormatException ignored) {
                throw ConfigErrors.badValue(key, raw, "a whole number of SQLITE_OPEN_* flags (32 bits)");
            }
        }
        if (INTEGER_VALUED.contains(key)) {
            try {
                Long.parseLong(value);
                return value;
            } catch (NumberFormatException ignored) {
                throw ConfigErrors.badValue(key, raw, "a whole number");
            }
        }
        if (key.equals("busy_timeout")) {
            try {
                if (Integer.parseInt(value) >= 0) {
                    return value;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw ConfigErrors.badValue(key, raw, "a whole number of milliseconds, 0 or more");
        }
        return value;
    }
}
