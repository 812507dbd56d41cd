package io.pooledsqlite.pool;

import static io.pooledsqlite.Databases.queryLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.config.ConfigParser;
import io.pooledsqlite.config.PoolConfig;
import io.pooledsqlite.engine.resolve.EngineResolver;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

/**
 * The pool's policy over its connections, with its clock moved by hand and housekeeping run by the test:
 * validation on borrow and its 500 ms bypass, {@code maxLifetime} on borrow, what housekeeping retires
 * and reopens (and what it must leave alone), eviction, clearing statement caches, deadlines and
 * interrupts of a waiting borrower, and how often the background housekeeping runs.
 */
class ConnectionPoolPolicyTest {
    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    private final List<ConnectionPool> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        pools.forEach(ConnectionPool::close);
    }

    private ConnectionPool start(String keys) throws SQLException {
        return startUrl(Databases.url(dir, keys));
    }

    private ConnectionPool startUrl(String url) throws SQLException {
        PoolConfig config = ConfigParser.parse(url, new Properties());
        ConnectionPool pool = new ConnectionPool(config, EngineResolver.resolve(config), clock);
        pools.add(pool);
        return pool;
    }

    /** The physical connection a borrow gets, returned at once. */
    private static SQLiteConnection borrowAndReturn(ConnectionPool pool) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return Databases.physicalOf(c);
        }
    }

    // ---------------------------------------------------------------- validation and lifetime on borrow

    @Test
    void aConnectionUsedInTheLastHalfSecondIsLentWithoutValidation() throws Exception {
        ConnectionPool pool = start("maxPoolSize=1");
        SQLiteConnection physical = borrowAndReturn(pool);
        physical.close();
        Connection c = pool.getConnection();
        assertSame(physical, Databases.physicalOf(c), "lent as it is, not validated");
        assertEquals(0, pool.getConnectionsClosed());
        try {
            c.close();
        } catch (SQLException dead) {
            // the connection was dead; the pool replaces it
        }
    }

    @Test
    void anIdleConnectionUnusedForMoreThanHalfASecondIsValidatedAndReplacedIfDead() throws Exception {
        ConnectionPool pool = start("maxPoolSize=1");
        SQLiteConnection physical = borrowAndReturn(pool);
        physical.close();
        clock.advance(Duration.ofMillis(501));
        try (Connection c = pool.getConnection()) {
            SQLiteConnection fresh = Databases.physicalOf(c);
            assertNotSame(physical, fresh);
            assertFalse(fresh.isClosed());
            assertEquals(1, queryLong(c, "select 1"));
        }
        assertEquals(1, pool.getConnectionsClosed());
        assertEquals(2, pool.getConnectionsCreated());
    }

    @Test
    void anIdleHealthyConnectionPassesValidationAndIsLentAgain() throws Exception {
        ConnectionPool pool = start("maxPoolSize=1");
        SQLiteConnection physical = borrowAndReturn(pool);
        clock.advance(Duration.ofSeconds(1));
        assertSame(physical, borrowAndReturn(pool));
        assertEquals(0, pool.getConnectionsClosed());
        assertEquals(1, pool.getConnectionsCreated());
    }

    @Test
    void anIdleConnectionPastMaxLifetimeIsClosedOnBorrowInsteadOfLent() throws Exception {
        ConnectionPool pool = start("maxPoolSize=1&maxLifetime=" + HOUR.toMillis());
        SQLiteConnection old = borrowAndReturn(pool);
        clock.advance(HOUR.plusSeconds(1));
        SQLiteConnection lent = borrowAndReturn(pool);
        assertNotSame(old, lent);
        assertTrue(old.isClosed());
        assertEquals(1, pool.getConnectionsClosed());
    }

    @Test
    void zeroMaxLifetimeAndIdleTimeoutKeepConnectionsForever() throws Exception {
        ConnectionPool pool = start("maxPoolSize=2&minIdle=1&maxLifetime=0&idleTimeout=0");
        assertTimeoutPreemptively(LIMIT, () -> {
            Connection a = pool.getConnection();
            Connection b = pool.getConnection();
            a.close();
            b.close();
            clock.advance(HOUR.multipliedBy(24 * 365));
            pool.houseKeep();
            assertEquals(2, pool.getTotalConnections(), "no idle retirement");
            borrowAndReturn(pool);
        });
        assertEquals(0, pool.getConnectionsClosed());
        assertEquals(2, pool.getConnectionsCreated());
    }

    // ---------------------------------------------------------------- housekeeping

    @Test
    void housekeepingRetiresExpiredIdleConnectionsButNeverABorrowedOne() throws Exception {
        ConnectionPool pool = start("maxPoolSize=2&minIdle=0&maxLifetime=" + HOUR.toMillis());
        Connection held = pool.getConnection();
        SQLiteConnection heldPhysical = Databases.physicalOf(held);
        SQLiteConnection idle = borrowAndReturn(pool);
        assertNotSame(heldPhysical, idle);
        clock.advance(HOUR.plusSeconds(1));
        pool.houseKeep();
        assertTrue(idle.isClosed());
        assertFalse(heldPhysical.isClosed(), "the borrower still has it");
        assertEquals(1, queryLong(held, "select 1"));
        assertEquals(1, pool.getActiveConnections());
        assertEquals(0, pool.getIdleConnections());
        assertEquals(1, pool.getConnectionsClosed());
        held.close();
        assertTrue(heldPhysical.isClosed(), "expired: closed on return");
        assertEquals(0, pool.getTotalConnections());
    }

    @Test
    void housekeepingReopensIdleConnectionsUpToMinIdleAndNoMore() throws Exception {
        ConnectionPool pool = start("maxPoolSize=4&minIdle=2&maxLifetime=" + HOUR.toMillis());
        assertEquals(2, pool.getIdleConnections());
        clock.advance(HOUR.plusSeconds(1));
        pool.houseKeep();
        assertEquals(2, pool.getConnectionsClosed());
        assertEquals(4, pool.getConnectionsCreated());
        assertEquals(2, pool.getTotalConnections());
        assertEquals(2, pool.getIdleConnections(), "the new ones are lendable");
        pool.houseKeep();
        assertEquals(4, pool.getConnectionsCreated(), "minIdle is there: nothing more is opened");
    }

    @Test
    void aConnectionClosedOnReturnIsReplacedToKeepMinIdle() throws Exception {
        ConnectionPool pool = start("maxPoolSize=2&minIdle=1");
        SQLiteConnection physical;
        try (Connection c = pool.getConnection()) {
            physical = c.unwrap(SQLiteConnection.class);
        }
        assertTrue(physical.isClosed(), "a connection its borrower reached is not lent again");
        assertEquals(1, pool.getConnectionsClosed());
        assertEquals(2, pool.getConnectionsCreated());
        assertEquals(1, pool.getIdleConnections());
    }

    // ---------------------------------------------------------------- eviction and statement caches

    @Test
    void softEvictionClosesIdleConnectionsNowAndBorrowedOnesWhenReturned() throws Exception {
        ConnectionPool pool = start("maxPoolSize=2&minIdle=0");
        Connection held = pool.getConnection();
        SQLiteConnection heldPhysical = Databases.physicalOf(held);
        SQLiteConnection idle = borrowAndReturn(pool);
        pool.softEvictConnections();
        assertTrue(idle.isClosed());
        assertFalse(heldPhysical.isClosed());
        assertEquals(1, queryLong(held, "select 1"));
        assertEquals(1, pool.getConnectionsClosed());
        held.close();
        assertTrue(heldPhysical.isClosed(), "evicted on return");
        assertEquals(2, pool.getConnectionsClosed());
        SQLiteConnection next = borrowAndReturn(pool);
        assertFalse(next.isClosed());
        assertEquals(3, pool.getConnectionsCreated());
    }

    @Test
    void clearingStatementCachesEmptiesOnlyIdleConnectionsAndKeepsThemLendable() throws Exception {
        ConnectionPool pool = start("maxPoolSize=2");
        Connection held = pool.getConnection();
        held.prepareStatement("select 1").close();
        try (Connection other = pool.getConnection()) {
            other.prepareStatement("select 1").close();
        }
        assertEquals(2, pool.getStatementCacheMisses());
        pool.clearStatementCaches();
        assertEquals(1, pool.getActiveConnections(), "the borrowed connection stays borrowed");
        assertEquals(1, pool.getIdleConnections(), "the cleared one is lendable again");
        held.prepareStatement("select 1").close();
        assertEquals(1, pool.getStatementCacheHits(), "the borrowed connection's cache is untouched");
        held.close();
        try (Connection a = pool.getConnection(); Connection b = pool.getConnection()) {
            a.prepareStatement("select 1").close();
            b.prepareStatement("select 1").close();
        }
        assertEquals(2, pool.getStatementCacheHits());
        assertEquals(3, pool.getStatementCacheMisses(), "the idle connection's statement was gone");
        assertEquals(2, pool.getConnectionsCreated());
    }

    @Test
    void aConnectionFindingTheFileCorruptMakesThePoolCloseItsIdleConnectionsAtOnce() throws Exception {
        Path file = dir.resolve("corrupt.db");
        try (Connection raw = Databases.raw(file); java.sql.Statement s = raw.createStatement()) {
            s.executeUpdate("create table t(x text)");
            s.executeUpdate("insert into t select printf('%.500c', 'x') from (with recursive n(i) as (select 1 union"
                    + " all select i + 1 from n where i < 400) select i from n)");
        }
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            byte[] junk = new byte[4096 * 8];
            java.util.Arrays.fill(junk, (byte) 0x5A);
            raf.seek(4096 * 10);
            raf.write(junk);
        }
        ConnectionPool pool = startUrl("jdbc:pooledsqlite:" + file + "?poolName=corrupt-" + System.nanoTime()
                + "&journal_mode=DELETE&maxPoolSize=2&minIdle=2");
        Connection a = pool.getConnection();
        Connection b = pool.getConnection();
        SQLiteConnection idle = Databases.physicalOf(b);
        b.close();
        SQLException e = assertThrows(SQLException.class, () -> queryLong(a, "select sum(length(x)) from t"));
        assertEquals("XX001", e.getSQLState(), e.getMessage());
        assertTrue(idle.isClosed(), "the idle connection to the corrupt file was closed");
        assertEquals(0, pool.getIdleConnections());
        a.close();
    }

    // ---------------------------------------------------------------- deadlines, interrupts, callbacks

    @Test
    void getConnectionWithADeadlineRunsWhenReturnedOnceAfterTheConnectionIsBack() throws Exception {
        ConnectionPool pool = start("maxPoolSize=1");
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger idleWhenRun = new AtomicInteger(-1);
        Connection c = pool.getConnection(System.nanoTime() + LIMIT.toNanos(), () -> {
            runs.incrementAndGet();
            idleWhenRun.set(pool.getIdleConnections());
        });
        assertEquals(0, runs.get());
        c.close();
        assertEquals(1, runs.get());
        assertEquals(1, idleWhenRun.get(), "the connection was back in the pool");
        borrowAndReturn(pool);
        assertEquals(1, runs.get(), "once, for that borrow only");
    }

    @Test
    void aDeadlineAlreadyPassedFailsAtOnceWhenNoConnectionIsFree() throws Exception {
        ConnectionPool pool = start("maxPoolSize=1&connectionTimeout=60000");
        try (Connection held = pool.getConnection()) {
            SQLTransientConnectionException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(
                    SQLTransientConnectionException.class, () -> pool.getConnection(System.nanoTime() - 1, null)));
            assertEquals("08001", e.getSQLState());
        }
        assertEquals(1, pool.getAcquireTimeouts());
    }

    @Test
    void aBorrowerInterruptedWhileWaitingGetsATransientErrorAndKeepsItsInterrupt() throws Exception {
        ConnectionPool pool = start("maxPoolSize=1&connectionTimeout=60000");
        try (Connection held = pool.getConnection()) {
            assertTimeoutPreemptively(LIMIT, () -> {
                Thread.currentThread().interrupt();
                SQLTransientConnectionException e = assertThrows(SQLTransientConnectionException.class,
                        pool::getConnection);
                assertTrue(Thread.interrupted(), "the interrupt flag is kept");
                assertEquals("08001", e.getSQLState());
                assertTrue(e.getMessage().startsWith(pool.getPoolName() + " - interrupted while waiting for a"
                        + " connection (total=1, active=1, idle=0"), e.getMessage());
                assertTrue(e.getCause() instanceof InterruptedException, String.valueOf(e.getCause()));
            });
        }
        assertEquals(0, pool.getAcquireTimeouts(), "an interrupt is no timeout");
    }

    /**
     * Without {@code leakDetectionThreshold} no leak report is scheduled: a task the test schedules on the
     * housekeeper thread after the borrow runs after any report scheduled by the borrow, and finds none.
     */
    @Test
    void withoutALeakThresholdNoLeakIsReported() throws Exception {
        ConnectionPool pool = start("maxPoolSize=1");
        try (Connection c = pool.getConnection()) {
            ScheduledFuture<Long> leaks = Housekeeper.executor().schedule(pool::getLeaksDetected, 0,
                    TimeUnit.MILLISECONDS);
            assertEquals(0, leaks.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    // ---------------------------------------------------------------- the background housekeeping

    /** The pool's background housekeeping task. */
    private static ScheduledFuture<?> housekeeping(ConnectionPool pool) throws ReflectiveOperationException {
        Field f = ConnectionPool.class.getDeclaredField("housekeeping");
        f.setAccessible(true);
        return (ScheduledFuture<?>) f.get(pool);
    }

    /** How long until the pool's background housekeeping runs first. */
    private static long housekeepingDelayMillis(ConnectionPool pool) throws ReflectiveOperationException {
        return housekeeping(pool).getDelay(TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a pool on {@code url} and checks that its background housekeeping was scheduled
     * {@code periodMillis} ahead: the delay left is at most that, and at least that less the time the start
     * and the read took, whatever the speed of the machine.
     */
    private void assertHousekeepingPeriod(long periodMillis, String url, String what) throws Exception {
        long before = System.nanoTime();
        long delay = housekeepingDelayMillis(startUrl(url));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before) + 1;
        assertTrue(delay <= periodMillis && delay + took >= periodMillis,
                what + ": " + delay + " ms left " + took + " ms after the start, not " + periodMillis);
    }

    @Test
    void closingThePoolStopsItsBackgroundHousekeeping() throws Exception {
        ConnectionPool pool = start("");
        assertFalse(housekeeping(pool).isCancelled());
        pool.close();
        assertTrue(housekeeping(pool).isCancelled());
    }

    @Test
    void housekeepingRunsAtHalfTheShorterOfIdleTimeoutAndMaxLifetime() throws Exception {
        assertHousekeepingPeriod(5000, Databases.url(dir, "idleTimeout=10000&maxLifetime=3600000"), "idleTimeout/2");
        assertHousekeepingPeriod(6000, Databases.url(dir, "idleTimeout=3600000&maxLifetime=12000"), "maxLifetime/2");
    }

    @Test
    void housekeepingRunsEvery30SecondsAtMostAnd50MillisecondsAtLeast() throws Exception {
        assertHousekeepingPeriod(30000, Databases.url(dir, "idleTimeout=0&maxLifetime=0"), "both off");
        assertHousekeepingPeriod(30000, "jdbc:pooledsqlite::memory:?poolName=hk-mem-" + System.nanoTime(),
                "in memory neither applies");
        long shortest = housekeepingDelayMillis(start("idleTimeout=20&maxLifetime=3600000"));
        assertTrue(shortest <= 50, "a short idleTimeout runs it within 50 ms: " + shortest);
    }
}
