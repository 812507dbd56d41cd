package io.pooledsqlite.tier;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps quota counters in the database itself, in table {@value #TABLE} (tenant, period, used), so they
 * survive restarts and travel with the file. Writes add deltas ({@code used = used + ?}), so two
 * processes on one file never overwrite each other's counts. Only the {@link UsageFlusher} writes;
 * requests never touch it, so a caller's own transaction can never wait for a counter write. Its
 * connections are borrowed outside the tiers, each waiting at most {@code connectionTimeout}.
 */
final class UsageStore {
    static final String TABLE = "pooledsqlite_tier_usage";

    private final PoolBorrow pool;
    private final long timeoutNanos;

    UsageStore(PoolBorrow pool, long timeoutNanos) {
        this.pool = pool;
        this.timeoutNanos = timeoutNanos;
    }

    private Connection borrow() throws SQLException {
        return pool.borrow(System.nanoTime() + timeoutNanos, null);
    }

    /** The stored counts of the given windows: tenant to (period to used). Reads only. */
    Map<String, Map<String, Long>> load(String day, String month) throws SQLException {
        Map<String, Map<String, Long>> result = new HashMap<>();
        try (Connection c = borrow()) {
            try (PreparedStatement exists = c.prepareStatement(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
                exists.setString(1, TABLE);
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        return result;
                    }
                }
            }
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT tenant, period, used FROM " + TABLE + " WHERE period IN (?, ?)")) {
                q.setString(1, day);
                q.setString(2, month);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        result.computeIfAbsent(rs.getString(1), t -> new HashMap<>()).put(rs.getString(2),
                                rs.getLong(3));
                    }
                }
            }
        }
        return result;
    }

    /**
     * Adds {@code deltas} (tenant to (period to acquisitions)) in one transaction and drops rows of
     * windows other than the current ones.
     */
    void add(Map<String, Map<String, Long>> deltas, String day, String month) throws SQLException {
        try (Connection c = borrow()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE IF NOT EXISTS " + TABLE + " (tenant TEXT NOT NULL, period TEXT NOT NULL,"
                        + " used INTEGER NOT NULL, PRIMARY KEY (tenant, period)) WITHOUT ROWID");
            }
            try (PreparedStatement up = c.prepareStatement("INSERT INTO " + TABLE + " (tenant, period, used)"
                    + " VALUES (?, ?, ?) ON CONFLICT (tenant, period) DO UPDATE SET used = used + excluded.used")) {
                for (Map.Entry<String, Map<String, Long>> t : deltas.entrySet()) {
                    for (Map.Entry<String, Long> p : t.getValue().entrySet()) {
                        up.setString(1, t.getKey());
                        up.setString(2, p.getKey());
                        up.setLong(3, p.getValue());
                        up.addBatch();
                    }
                }
                up.executeBatch();
            }
            try (PreparedStatement old = c.prepareStatement("DELETE FROM " + TABLE + " WHERE period NOT IN (?, ?)")) {
                old.setString(1, day);
                old.setString(2, month);
                old.executeUpdate();
            }
            c.commit();
        }
    }
}
