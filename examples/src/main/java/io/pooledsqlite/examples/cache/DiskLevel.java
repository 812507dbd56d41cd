package io.pooledsqlite.examples.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The persistent level: one SQLite table of (key, value, expiry, last access). Recency is a counter kept by
 * the caller rather than the clock, so entries touched in the same millisecond still have an order. Every
 * method borrows a pooled connection for its own short unit of work. Callers serialise access.
 */
final class DiskLevel {

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final DataSource dataSource;
    private final String table;

    DiskLevel(DataSource dataSource, String table) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("table name must match " + TABLE_NAME + ", got '" + table + "'");
        }
        this.dataSource = dataSource;
        this.table = table;
    }

    /** Creates the table if needed and returns the highest recency stamp in it. */
    long open() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS " + table + " (key TEXT PRIMARY KEY, value TEXT NOT NULL,"
                    + " expires_at INTEGER, last_access INTEGER NOT NULL)");
            s.executeUpdate("CREATE INDEX IF NOT EXISTS " + table + "_by_last_access ON " + table + " (last_access)");
            try (ResultSet rs = s.executeQuery("SELECT coalesce(max(last_access), 0) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The stored entry for {@code key}, expired or not, or null. */
    CachedValue read(String key) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT value, expires_at FROM " + table + " WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String value = rs.getString(1);
                long expiresAt = rs.getLong(2);
                return new CachedValue(value, rs.wasNull() ? CachedValue.NEVER : expiresAt);
            }
        }
    }

    /** Records that {@code key} was just used. */
    void touch(String key, long stamp) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET last_access = ? WHERE key = ?")) {
            ps.setLong(1, stamp);
            ps.setString(2, key);
            ps.executeUpdate();
        }
    }

    /**
     * Stores {@code key} and, in the same transaction, brings the table back to {@code capacity} entries:
     * expired entries go first, then the least recently used entries that are not protected. At most
     * {@code protectedCount} keys are protected.
     */
    Removals store(String key, CachedValue value, long stamp, int capacity, long nowMillis,
            Predicate<String> isProtected, int protectedCount) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                upsert(c, key, value, stamp);
                Removals removals = Removals.NONE;
                int overflow = count(c) - capacity;
                if (overflow > 0) {
                    List<String> expired = expiredKeys(c, nowMillis);
                    deleteKeys(c, expired);
                    overflow -= expired.size();
                    List<String> evicted = overflow > 0
                            ? leastRecentlyUsed(c, overflow, isProtected, protectedCount)
                            : List.of();
                    deleteKeys(c, evicted);
                    removals = new Removals(expired, evicted);
                }
                c.commit();
                return removals;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Deletes {@code key}; true if it was there. */
    boolean delete(String key) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE key = ?")) {
            ps.setString(1, key);
            return ps.executeUpdate() > 0;
        }
    }

    /** Deletes every entry expired at {@code nowMillis} and returns their keys. */
    List<String> deleteExpired(long nowMillis) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<String> expired = expiredKeys(c, nowMillis);
                deleteKeys(c, expired);
                c.commit();
                return expired;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    void clear() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM " + table);
        }
    }

    int size() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return count(c);
        }
    }

    private void upsert(Connection c, String key, CachedValue value, long stamp) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                + " (key, value, expires_at, last_access) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET"
                + " value = excluded.value, expires_at = excluded.expires_at, last_access = excluded.last_access")) {
            ps.setString(1, key);
            ps.setString(2, value.value());
            if (value.expiresAtMillis() == CachedValue.NEVER) {
                ps.setNull(3, Types.INTEGER);
            } else {
                ps.setLong(3, value.expiresAtMillis());
            }
            ps.setLong(4, stamp);
            ps.executeUpdate();
        }
    }

    private int count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private List<String> expiredKeys(Connection c, long nowMillis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT key FROM " + table + " WHERE expires_at <= ? ORDER BY last_access")) {
            ps.setLong(1, nowMillis);
            return keys(ps);
        }
    }

    /** The {@code count} least recently used keys that are not protected. */
    private List<String> leastRecentlyUsed(Connection c, int count, Predicate<String> isProtected,
            int protectedCount) throws SQLException {
        // The oldest count + protectedCount rows are enough: at most protectedCount of them are skipped.
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT key FROM " + table + " ORDER BY last_access LIMIT ?")) {
            ps.setInt(1, count + protectedCount);
            List<String> victims = new ArrayList<>(count);
            for (String key : keys(ps)) {
                if (victims.size() == count) {
                    break;
                }
                if (!isProtected.test(key)) {
                    victims.add(key);
                }
            }
            return victims;
        }
    }

    private void deleteKeys(Connection c, List<String> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE key = ?")) {
            for (String key : keys) {
                ps.setString(1, key);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static List<String> keys(PreparedStatement ps) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    /** What {@link #store} removed besides writing its entry. */
    record Removals(List<String> expired, List<String> evicted) {
        static final Removals NONE = new Removals(List.of(), List.of());
    }
}
