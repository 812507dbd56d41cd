package io.pooledsqlite.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pooledsqlite.PooledSqliteDataSource;
import io.pooledsqlite.metrics.PoolMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tenant's request waits at its tier and at the pool within one {@code connectionTimeout}, and frees its slot. */
class TierDeadlineTest {
    @TempDir
    Path dir;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS), "test threads did not stop");
    }

    /** maxPoolSize 2; pro: one connection per tenant, no reservation, no quotas. */
    private static PooledSqliteDataSource onePerTenant(Path file, int connectionTimeoutMs) {
        PooledSqliteDataSource ds = TieredDataSources.open(file, connectionTimeoutMs);
        ds.setProperty("maxPoolSize", "2");
        ds.setTierLimits(Tier.PRO, TierLimits.of(1, TierLimits.UNLIMITED, TierLimits.UNLIMITED, 0));
        return ds;
    }

    private static void selectOne(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            assertTrue(rs.next());
        }
    }

    /** Waits for a state reached inside a blocked call, where no latch can reach. */
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    @Test
    void aTenantAdmittedLateWaitsAtThePoolOnlyForTheRestOfItsConnectionTimeout() {
        long timeoutMs = 3_000;
        long timeout = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (PooledSqliteDataSource ds = onePerTenant(dir.resolve("deadline.db"), (int) timeoutMs);
                 Connection a = ds.getConnection();
                 Connection b = ds.getConnection()) {
                TierMXBean tiers = ds.getTierMXBean();
                PoolMXBean pool = ds.getPoolMXBean();
                // the pool is exhausted outside the tiers; acme's first request holds acme's one slot
                // while it waits at the pool, and frees it only when it gives up
                long firstStart = System.nanoTime();
                Future<Long> first = threads.submit(() -> failsAtThePool(ds, firstStart));
                await("acme's first request waits at the pool", () -> pool.getThreadsAwaitingConnection() == 1);
                // the second request must start well into the first one's wait, so that it is admitted
                // late in its own connectionTimeout and a second full wait at the pool would show
                LockSupport.parkNanos(firstStart + timeout / 4 - System.nanoTime());
                long secondStart = System.nanoTime();
                Future<Long> second = threads.submit(() -> failsAtThePool(ds, secondStart));

                long firstElapsed = first.get();
                long secondElapsed = second.get();
                assertTrue(firstElapsed >= timeout && secondElapsed >= timeout, "a request gave up before its"
                        + " deadline: " + TimeUnit.NANOSECONDS.toMillis(firstElapsed) + " ms and "
                        + TimeUnit.NANOSECONDS.toMillis(secondElapsed) + " ms");
                assertTrue(secondElapsed < timeout * 3 / 2, "acme's second request waited "
                        + TimeUnit.NANOSECONDS.toMillis(secondElapsed) + " ms in all for connectionTimeout="
                        + timeoutMs + " ms: the pool gave it a second full wait");
                TierFigures pro = tiers.getPro();
                assertEquals(0, pro.getConnectionsHeld());
                assertEquals(0, pro.getTimeouts(), "both requests got their slot and failed at the pool");
                assertEquals(0, pro.getAcquisitions(), "acquisitions that lent nothing are taken back");
                assertEquals(0, tiers.dailyUsage("acme"), "requests that lent nothing do not count against the quota");
                selectOne(a);
                selectOne(b);
            }
        });
    }

    /** Borrows for acme, expecting the pool to time out; returns the time from {@code start} to the failure. */
    private static long failsAtThePool(PooledSqliteDataSource ds, long start) throws SQLException {
        try (Connection c = ds.getConnection("acme", Tier.PRO)) {
            fail("the pool had no connection left for acme, yet it got " + c);
        } catch (SQLTransientConnectionException e) {
            long elapsed = System.nanoTime() - start;
            assertEquals(TierErrors.TIMED_OUT, e.getSQLState());
            assertTrue(e.getMessage().contains("Connection is not available"),
                    "acme was admitted, so it must have failed at the pool: " + e.getMessage());
            return elapsed;
        }
        throw new AssertionError("unreachable");
    }

    @Test
    void aSlotIsFreeAgainOnceItsConnectionIsClosedOrAborted() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (PooledSqliteDataSource ds = onePerTenant(dir.resolve("free.db"), 2_000)) {
                Connection first = ds.getConnection("acme", Tier.PRO);
                selectOne(first);
                first.close();
                first.close();
                Connection second = ds.getConnection("acme", Tier.PRO);
                selectOne(second);
                second.abort(Runnable::run);
                try (Connection third = ds.getConnection("acme", Tier.PRO)) {
                    selectOne(third);
                    assertEquals(1, ds.getTierMXBean().getPro().getConnectionsHeld());
                }
                assertEquals(0, ds.getTierMXBean().getConnectionsHeld());
                assertEquals(3, ds.getTierMXBean().getPro().getAcquisitions());
            }
        });
    }

    @Test
    void statementsAndMetaDataOfATenantsConnectionAnswerTheConnectionTheTenantHolds() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (PooledSqliteDataSource ds = onePerTenant(dir.resolve("same.db"), 2_000);
                 Connection c = ds.forTenant("acme", Tier.PRO).getConnection();
                 Statement s = c.createStatement();
                 PreparedStatement p = c.prepareStatement("select 1");
                 ResultSet rs = p.executeQuery()) {
                assertSame(c, s.getConnection());
                assertSame(c, p.getConnection());
                assertSame(p, rs.getStatement());
                assertSame(c, c.getMetaData().getConnection());
            }
        });
    }

    @Test
    void aRequestThePoolCannotServeGivesItsSlotAndItsCountBack() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (PooledSqliteDataSource ds = onePerTenant(dir.resolve("full.db"), 200)) {
                try (Connection a = ds.getConnection(); Connection b = ds.getConnection()) {
                    SQLTransientConnectionException e = assertThrows(SQLTransientConnectionException.class,
                            () -> ds.getConnection("acme", Tier.PRO));
                    assertTrue(e.getMessage().contains("Connection is not available"), e.getMessage());
                    assertEquals(0, ds.getTierMXBean().getPro().getConnectionsHeld());
                    selectOne(a);
                    selectOne(b);
                }
                try (Connection c = ds.getConnection("acme", Tier.PRO)) {
                    selectOne(c);
                }
                assertEquals(1, ds.getTierMXBean().dailyUsage("acme"));
                assertEquals(1, ds.getTierMXBean().getPro().getAcquisitions());
            }
        });
    }
}
