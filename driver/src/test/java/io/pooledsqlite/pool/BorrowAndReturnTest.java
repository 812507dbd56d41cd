package io.pooledsqlite.pool;

import static io.pooledsqlite.Databases.queryLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.PooledSqliteDriver;
import io.pooledsqlite.metrics.PoolMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

/**
 * What the borrow and return path promises, each checked so that it fails within seconds when the
 * promise breaks: connections opened at start, validation of idle connections, the leak warning,
 * busy retries, eviction of connections SQLite no longer trusts, the full integrity check.
 */
class BorrowAndReturnTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @AfterEach
    void closePools() {
        Databases.closePools(dir);
    }

    /** The pool of {@code url}, started by a first borrow if need be. */
    private static PoolMXBean pool(String url) throws SQLException {
        PoolMXBean pool = PooledSqliteDriver.pool(url, null);
        if (pool == null) {
            DriverManager.getConnection(url).close();
            pool = PooledSqliteDriver.pool(url, null);
        }
        return pool;
    }

    /**
     * The physical connection behind a logical one, read without {@code unwrap} (which marks the
     * connection to be replaced on return, the very thing these tests must not cause).
     */
    private static SQLiteConnection physicalOf(Connection logical) throws ReflectiveOperationException {
        java.lang.reflect.Field f = logical.getClass().getDeclaredField("physical");
        f.setAccessible(true);
        return (SQLiteConnection) f.get(logical);
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void minIdleConnectionsAreAllOpenWhenThePoolStarts() throws Exception {
        String url = Databases.url(dir, "maxPoolSize=5&minIdle=3");
        DriverManager.getConnection(url).close();
        PoolMXBean pool = PooledSqliteDriver.pool(url, null);
        assertEquals(3, pool.getConnectionsCreated());
        assertEquals(3, pool.getIdleConnections());
    }

    @Test
    void anIdleConnectionThatDiedIsValidatedAwayOnBorrow() throws Exception {
        String url = Databases.url(dir, "maxPoolSize=1");
        SQLiteConnection physical;
        try (Connection c = DriverManager.getConnection(url)) {
            physical = physicalOf(c);
        }
        physical.close();
        // a connection used in the last 500 ms is lent without validation (as HikariCP does): let that pass
        long usedAt = System.nanoTime();
        while (System.nanoTime() - usedAt < TimeUnit.MILLISECONDS.toNanos(600)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        try (Connection c = DriverManager.getConnection(url)) {
            assertFalse(physicalOf(c).isClosed(), "the dead connection was not lent");
            assertEquals(1, queryLong(c, "select 1"));
        }
        assertEquals(1, pool(url).getConnectionsClosed());
    }

    @Test
    void aLeakedConnectionIsLoggedWithTheBorrowersStack() throws Exception {
        String url = Databases.url(dir, "leakDetectionThreshold=100");
        String poolName = pool(url).getPoolName();
        CountDownLatch logged = new CountDownLatch(1);
        LogRecord[] leak = new LogRecord[1];
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                String text = r.getMessage();
                if (text != null && text.startsWith("Pool " + poolName + ": possible connection leak")) {
                    leak[0] = r;
                    logged.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(ConnectionPool.class.getName());
        logger.addHandler(handler);
        try (Connection c = DriverManager.getConnection(url)) {
            assertTrue(logged.await(5, TimeUnit.SECONDS), "no leak warning was logged");
        } finally {
            logger.removeHandler(handler);
        }
        LogRecord r = leak[0];
        assertEquals(java.util.logging.Level.WARNING, r.getLevel());
        assertTrue(r.getMessage().contains("leakDetectionThreshold=100 ms"), r.getMessage());
        Throwable where = r.getThrown();
        assertNotNull(where, "the record carries the borrower's stack");
        assertTrue(where.getMessage().contains("thread " + Thread.currentThread().getName()), where.getMessage());
        assertTrue(Arrays.stream(where.getStackTrace()).anyMatch(
                f -> f.getMethodName().equals("aLeakedConnectionIsLoggedWithTheBorrowersStack")),
                "the stack is the borrower's");
    }

    /** SQLITE_CANTOPEN from a real ATTACH: the connection is closed on return, not lent again. */
    @Test
    void aConnectionThatHitAFatalErrorIsClosedOnReturn() throws Exception {
        String url = Databases.url(dir, "maxPoolSize=1");
        SQLiteConnection physical;
        try (Connection c = DriverManager.getConnection(url)) {
            physical = physicalOf(c);
            SQLException e = assertThrows(SQLException.class,
                    () -> exec(c, "attach database '" + dir.resolve("no/such/dir/x.db") + "' as x"));
            assertEquals(14, e.getErrorCode(), "SQLITE_CANTOPEN: " + e);
        }
        assertTrue(physical.isClosed(), "the connection was evicted");
        assertEquals(1, pool(url).getConnectionsClosed());
        try (Connection c = DriverManager.getConnection(url)) {
            assertEquals(1, queryLong(c, "select 1"));
        }
    }

    /**
     * SQLITE_BUSY from another process (here a plain sqlite-jdbc connection the pool's gate cannot see):
     * the statement is retried three times, and the connection stays in the pool afterwards.
     */
    @Test
    void busyFromOutsideIsRetriedThreeTimesAndDoesNotEvict() throws Exception {
        String url = Databases.url(dir, "maxPoolSize=1&busy_timeout=10");
        Databases.execute(url, "create table t(x)");
        Path file = Path.of(url.substring("jdbc:pooledsqlite:".length(), url.indexOf('?')));
        PoolMXBean pool = pool(url);
        SQLiteConnection physical;
        try (Connection outside = Databases.raw(file)) {
            exec(outside, "begin immediate");
            try (Connection c = DriverManager.getConnection(url)) {
                physical = physicalOf(c);
                SQLException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(SQLException.class,
                        () -> exec(c, "insert into t values (1)")));
                assertEquals(5, e.getErrorCode(), String.valueOf(e));
            }
            exec(outside, "rollback");
        }
        assertEquals(3, pool.getBusyRetries());
        assertFalse(physical.isClosed(), "SQLITE_BUSY does not evict");
        assertEquals(0, pool.getConnectionsClosed());
    }

    /**
     * {@code integrityCheck=full} runs {@code PRAGMA integrity_check}, which compares every index with its
     * table; {@code quick_check} does not, and passes the same file.
     */
    @Test
    void fullIntegrityCheckFindsAnIndexThatNoLongerMatchesItsTable() throws Exception {
        Path file = dir.resolve("app.db");
        try (Connection raw = Databases.raw(file)) {
            exec(raw, "create table t(a, b)");
            exec(raw, "create index ta on t(a)");
            exec(raw, "insert into t values (1, 10), (2, 20), (3, 30)");
            // make the index claim to cover b: its entries (the values of a) are now all wrong
            exec(raw, "pragma writable_schema = on");
            exec(raw, "update sqlite_schema set sql = 'CREATE INDEX ta ON t(b)' where name = 'ta'");
            exec(raw, "pragma writable_schema = off");
        }
        String url = "jdbc:pooledsqlite:" + file + "?poolName=full-check";
        DriverManager.getConnection(url + "&integrityCheck=quick").close();
        Databases.closePools(dir);
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(url + "&integrityCheck=full"));
        assertEquals("XX001", e.getSQLState());
        assertTrue(e.getMessage().contains("full integrity check") && e.getMessage().contains("ta"),
                e.getMessage());
    }
}
