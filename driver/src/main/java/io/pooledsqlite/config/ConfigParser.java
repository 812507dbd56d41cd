package io.pooledsqlite.config;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns {@code jdbc:pooledsqlite:<target>[?k=v&...]} plus connect {@code Properties} into a
 * {@link PoolConfig}. Properties override URL values; every key must be a pool key or a key sqlite-jdbc
 * knows, otherwise the error names it and the closest valid key.
 */
public final class ConfigParser {
    /** The URL prefix of this driver. */
    public static final String PREFIX = "jdbc:pooledsqlite:";

    /**
     * Credentials DriverManager (and sqlite-jdbc's own data source, as {@code pass}) conventionally
     * pass; SQLite has no users, so they are accepted and ignored.
     */
    private static final Set<String> IGNORED_PROPERTIES = new HashSet<>(Arrays.asList("user", "password", "pass"));

    private ConfigParser() {
    }

    /** True if this driver handles the URL. */
    public static boolean accepts(String url) {
        return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /** True if connect properties carry no setting (empty, or only DriverManager's user and password). */
    public static boolean hasNoSettings(Properties info) {
        if (info == null) {
            return true;
        }
        for (String name : info.stringPropertyNames()) {
            if (!IGNORED_PROPERTIES.contains(name.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a pooledsqlite URL and connect properties. A property overrides the URL's value of the same
     * setting, however either spells it.
     *
     * @throws SQLException with a SQLState from {@link ConfigErrors} naming what was wrong
     */
    public static PoolConfig parse(String url, Properties info) throws SQLException {
        if (!accepts(url)) {
            throw ConfigErrors.malformedUrl(String.valueOf(url), "it must start with " + PREFIX);
        }
        String rest = url.substring(PREFIX.length());
        String target = rest;
        Map<String, String> raw = new LinkedHashMap<>();
        int q = rest.indexOf('?');
        if (q >= 0) {
            target = rest.substring(0, q);
            List<String> uriParameters = new ArrayList<>();
            for (String pair : rest.substring(q + 1).split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw ConfigErrors.malformedUrl(url, "'" + pair + "' is not of the form key=value");
                }
                String key = pair.substring(0, eq);
                if (Target.keepsParameter(target, key)) {
                    uriParameters.add(pair);
                } else if (IGNORED_PROPERTIES.contains(key.toLowerCase(Locale.ROOT))) {
                    continue;
                } else if (raw.putIfAbsent(key, pair.substring(eq + 1)) != null) {
                    throw ConfigErrors.malformedUrl(url, "the key '" + key + "' is given twice");
                }
            }
            if (!uriParameters.isEmpty()) {
                target = target + "?" + String.join("&", uriParameters);
            }
        }
        if (info != null) {
            List<String> names = new ArrayList<>();
            for (String name : info.stringPropertyNames()) {
                if (!IGNORED_PROPERTIES.contains(name.toLowerCase(Locale.ROOT))) {
                    names.add(name);
                }
            }
            for (String name : names) {
                String setting = settingOf(name);
                raw.keySet().removeIf(key -> settingOf(key).equals(setting));
            }
            for (String name : names) {
                raw.put(name, info.getProperty(name));
            }
        }
        return build(target.trim(), raw);
    }

    /**
     * Builds a configuration from a target and settings given by name (as a data source does). Two names
     * of one setting (an alias, or the same name in other case) with different values are an error.
     */
    public static PoolConfig build(String target, Map<String, String> settings) throws SQLException {
        Target where = Target.parse(target);
        Map<PoolKey, String> pool = new EnumMap<>(PoolKey.class);
        Map<String, String> sqlite = new LinkedHashMap<>();
        Map<String, String> explicit = new TreeMap<>();
        Map<String, String> spelled = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String name = e.getKey().trim();
            String value = e.getValue() == null ? "" : e.getValue();
            PoolKey pk = PoolKey.find(name);
            String key;
            String canonical;
            if (pk != null) {
                key = pk.key();
                canonical = pk.validate(name, value);
                pool.put(pk, canonical);
            } else {
                key = SqliteKeys.find(name);
                if (key == null) {
                    throw ConfigErrors.unknownKey(name, allKeys());
                }
                canonical = SqliteKeys.validate(key, value);
                sqlite.put(key, canonical);
            }
            String before = explicit.put(key, canonical);
            if (before != null && !before.equals(canonical)) {
                throw ConfigErrors.twoValues(spelled.get(key), before, name, canonical);
            }
            spelled.putIfAbsent(key, name);
        }
        for (PoolKey k : PoolKey.values()) {
            pool.putIfAbsent(k, k.defaultValue());
        }
        if (Boolean.parseBoolean(pool.get(PoolKey.PRAGMA_DEFAULTS))) {
            SqliteKeys.DEFAULTS.forEach(sqlite::putIfAbsent);
            if (SqliteKeys.opensReadOnly(sqlite.get("open_mode")) && !explicit.containsKey("journal_mode")) {
                // a read-only connection cannot switch the file's journal: it reads the file as it is
                sqlite.remove("journal_mode");
            }
        }
        int max = Integer.parseInt(pool.get(PoolKey.MAX_POOL_SIZE));
        int minIdle = Integer.parseInt(pool.get(PoolKey.MIN_IDLE));
        if (minIdle > max) {
            String minKey = PoolKey.MIN_IDLE.key();
            if (explicit.containsKey(minKey)) {
                throw ConfigErrors.badValue(spelled.get(minKey), Integer.toString(minIdle), "a number not above "
                        + spelled.getOrDefault(PoolKey.MAX_POOL_SIZE.key(), PoolKey.MAX_POOL_SIZE.key())
                        + " (" + max + ")");
            }
            pool.put(PoolKey.MIN_IDLE, Integer.toString(max));
        }
        if (where.dqlite()) {
            checkDqlite(pool, sqlite, explicit);
        } else if (pool.get(PoolKey.ENGINE).equals("dqlite")) {
            throw ConfigErrors.badValue(PoolKey.ENGINE.key(), "dqlite", "auto, native or wasm for a local database"
                    + " (engine=dqlite needs a target of the form " + Target.DQLITE_SCHEME
                    + "host:port[,host:port]/name)");
        }
        if (where.privateMemory() && minIdle == 0) {
            // the shared in-memory database lives only while one connection stays open
            pool.put(PoolKey.MIN_IDLE, "1");
        }
        String identity = target + explicit;
        return new PoolConfig(where, sqlite, pool, identity, explicit.keySet());
    }

    /** The canonical name of the setting {@code name} spells, or the name itself if it is none. */
    private static String settingOf(String name) {
        PoolKey pk = PoolKey.find(name.trim());
        if (pk != null) {
            return pk.key();
        }
        String sk = SqliteKeys.find(name.trim());
        return sk != null ? sk : name;
    }

    /**
     * A dqlite target implies {@code engine=dqlite}. SQLite settings belong to the cluster's nodes, so only
     * {@code busy_timeout} (which bounds the pool's wait for its write gate) may be set.
     */
    private static void checkDqlite(Map<PoolKey, String> pool, Map<String, String> sqlite,
                                    Map<String, String> explicit) throws SQLException {
        String engine = pool.get(PoolKey.ENGINE);
        if (!engine.equals("auto") && !engine.equals("dqlite")) {
            throw ConfigErrors.badValue(PoolKey.ENGINE.key(), engine, "dqlite (or auto) for a " + Target.DQLITE_SCHEME
                    + " target");
        }
        pool.put(PoolKey.ENGINE, "dqlite");
        for (String key : explicit.keySet()) {
            if (PoolKey.find(key) == null && !key.equals("busy_timeout")) {
                throw ConfigErrors.badValue(key, explicit.get(key), "nothing: SQLite settings of a dqlite cluster"
                        + " are the nodes' own and cannot be set from the URL (only busy_timeout, the pool's"
                        + " write-gate wait, applies)");
            }
        }
        sqlite.keySet().retainAll(java.util.Collections.singleton("busy_timeout"));
    }

    private static List<String> allKeys() {
        List<String> keys = new ArrayList<>();
        for (PoolKey k : PoolKey.values()) {
            keys.add(k.key());
            if (k.hikariName() != null) {
                keys.add(k.hikariName());
            }
        }
        for (String k : SqliteKeys.names()) {
            keys.add(k);
        }
        return keys;
    }
}
