package io.pooledsqlite.spring;

import io.pooledsqlite.PooledSqliteDataSource;
import io.pooledsqlite.metrics.PoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The health check both Boot lines' indicators run (Boot 4 moved the indicator types to another package):
 * borrow a connection, check it, and report the pool's state.
 */
final class PoolHealth {
    private static final int VALID_SECONDS = 1;

    private PoolHealth() {
    }

    /**
     * The pool's figures when a connection can be borrowed and is valid.
     *
     * @throws SQLException when the pool is closed, no connection comes within {@code connectionTimeout}, or
     *     the connection is not valid: the indicator reports DOWN with it
     */
    static Map<String, Object> check(PooledSqliteDataSource dataSource) throws SQLException {
        if (dataSource.isClosed()) {
            throw new SQLException("The pool is closed", "08003");
        }
        try (Connection c = dataSource.getConnection()) {
            if (!c.isValid(VALID_SECONDS)) {
                throw new SQLException("A pooled connection failed its validity check", "08006");
            }
        }
        PoolMXBean pool = dataSource.getPoolMXBean();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pool", pool.getPoolName());
        details.put("engine", pool.getEngine());
        details.put("total", pool.getTotalConnections());
        details.put("active", pool.getActiveConnections());
        details.put("idle", pool.getIdleConnections());
        details.put("waiting", pool.getThreadsAwaitingConnection());
        details.put("max", pool.getMaxPoolSize());
        return details;
    }
}
