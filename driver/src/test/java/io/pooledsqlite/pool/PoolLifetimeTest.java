package io.pooledsqlite.pool;

import static io.pooledsqlite.Databases.queryLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.config.ConfigParser;
import io.pooledsqlite.config.PoolConfig;
import io.pooledsqlite.engine.resolve.EngineResolver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

/**
 * Idle retirement and {@code maxLifetime} on real SQLite files, with the pool's clock moved forward by
 * hand and housekeeping run by the test: the settings are an hour long, so the background housekeeper (every 30 s)
 * never acts while a test runs, and nothing waits in real time.
 */
class PoolLifetimeTest {
    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    private final List<ConnectionPool> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(ConnectionPool::close);
    }

    private ConnectionPool start(String url) throws SQLException {
        PoolConfig config = ConfigParser.parse(url, new Properties());
        ConnectionPool pool = new ConnectionPool(config, EngineResolver.resolve(config), clock);
        pools.add(pool);
        return pool;
    }

    @Test
    void idleConnectionsAboveMinIdleAreRetiredOnceIdleTimeoutHasPassed() throws Exception {
        ConnectionPool pool = start(Databases.url(dir, "maxPoolSize=4&minIdle=2&idleTimeout=" + HOUR.toMillis()
                + "&maxLifetime=" + 3 * HOUR.toMillis()));
        List<Connection> four = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            four.add(pool.getConnection());
        }
        assertEquals(4, pool.getTotalConnections());
        for (Connection c : four) {
            c.close();
        }
        clock.advance(HOUR.minusSeconds(1));
        pool.houseKeep();
        assertEquals(4, pool.getTotalConnections(), "not idle long enough yet");
        clock.advance(Duration.ofSeconds(2));
        pool.houseKeep();
        assertEquals(2, pool.getTotalConnections());
        assertEquals(2, pool.getIdleConnections());
        assertEquals(2, pool.getConnectionsClosed());
    }

    @Test
    void aConnectionIsReplacedAfterMaxLifetime() throws Exception {
        ConnectionPool pool = start(Databases.url(dir, "minIdle=1&maxLifetime=" + HOUR.toMillis()));
        SQLiteConnection first;
        try (Connection c = pool.getConnection()) {
            first = Databases.physicalOf(c);
        }
        pool.houseKeep();
        assertEquals(0, pool.getConnectionsClosed(), "still young");
        clock.advance(HOUR.plusSeconds(1));
        pool.houseKeep();
        assertEquals(1, pool.getConnectionsClosed());
        assertTrue(first.isClosed());
        assertEquals(1, pool.getTotalConnections(), "minIdle is kept");
        try (Connection c = pool.getConnection()) {
            assertFalse(Databases.physicalOf(c).isClosed());
            assertEquals(1, queryLong(c, "select 1"));
        }
    }

    @Test
    void aConnectionPastMaxLifetimeIsClosedOnReturnAndNotLentAgain() throws Exception {
        ConnectionPool pool = start(Databases.url(dir, "maxPoolSize=1&maxLifetime=" + HOUR.toMillis()));
        SQLiteConnection first;
        try (Connection c = pool.getConnection()) {
            first = Databases.physicalOf(c);
            clock.advance(HOUR.plusSeconds(1));
        }
        assertTrue(first.isClosed(), "closed on return");
        try (Connection c = pool.getConnection()) {
            assertFalse(Databases.physicalOf(c).isClosed());
        }
        assertEquals(2, pool.getConnectionsCreated());
    }

    @Test
    void idleRetirementAndMaxLifetimeNeverDropTheInMemoryDatabase() throws Exception {
        ConnectionPool pool = start("jdbc:pooledsqlite::memory:?poolName=mem-idle&idleTimeout=50&maxLifetime=100"
                + "&minIdle=0");
        // two connections at once, so one of them is above minIdle and would be retired if idleTimeout applied
        try (Connection c = pool.getConnection(); Connection other = pool.getConnection()) {
            c.createStatement().executeUpdate("create table t(x)");
            c.createStatement().executeUpdate("insert into t values (1)");
            assertEquals(1, queryLong(other, "select count(*) from t"));
        }
        pool.softEvictConnections();
        for (int round = 0; round < 8; round++) {
            clock.advance(HOUR);
            pool.houseKeep();
        }
        try (Connection c = pool.getConnection()) {
            assertEquals(1, queryLong(c, "select count(*) from t"));
        }
        assertEquals(0, pool.getConnectionsClosed(), "no connection was retired");
        assertEquals(2, pool.getConnectionsCreated());
    }
}
