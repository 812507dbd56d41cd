package io.pooledsqlite.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pooledsqlite.PooledSqliteDataSource;
import io.pooledsqlite.metrics.PoolMXBean;
import java.nio.file.Path;
import java.sql.Connection;
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
            try (PooledSqliteDataSource ds = onePerTenant(dir.resolve("deadline.db"), (int) timeoutMs)) {
                Connection acmeHolds = ds.getConnection("acme", Tier.PRO);
                Connection outsideTiers = ds.getConnection();
                TierMXBean tiers = ds.getTierMXBean();
                PoolMXBean pool = ds.getPoolMXBean();

                long start = System.nanoTime();
                Future<Long> late = threads.submit(() -> {
                    try (Connection c = ds.getConnection("acme", Tier.PRO)) {
                        fail("the pool had no connection left for acme, yet it got " + c);
                    } catch (SQLTransientConnectionException e) {
                        assertEquals(TierErrors.TIMED_OUT, e.getSQLState());
                        assertTrue(e.getMessage().contains("Connection is not available"),
                                "acme was admitted and must have failed at the pool: " + e.getMessage());
                    }
                    return System.nanoTime() - start;
                });
                await("acme's second request waits for its slot", () -> tiers.getPro().getRequestsWaiting() == 1);
                // waits at the pool, and takes acme's connection the moment it comes back
                Future<Connection> taker = threads.submit(() -> ds.getConnection());
                await("a request outside the tiers waits at the pool", () -> pool.getThreadsAwaitingConnection() == 1);

                // the scenario is a moment in time: the slot must come free after more than half of
                // connectionTimeout, so that a second full wait at the pool would show
                LockSupport.parkNanos(start + timeout * 7 / 10 - System.nanoTime());
                acmeHolds.close();
                long elapsed = late.get();

                assertTrue(elapsed >= timeout, "acme gave up before its deadline, after "
                        + TimeUnit.NANOSECONDS.toMillis(elapsed) + " ms");
                assertTrue(elapsed < timeout * 3 / 2, "acme waited " + TimeUnit.NANOSECONDS.toMillis(elapsed)
                        + " ms in all for connectionTimeout=" + timeoutMs + " ms: the pool gave it a second full wait");
                try (Connection taken = taker.get(30, TimeUnit.SECONDS)) {
                    selectOne(taken);
                }
                outsideTiers.close();
                TierFigures pro = tiers.getPro();
                assertEquals(0, pro.getConnectionsHeld());
                assertEquals(1, pro.getAcquisitions(), "the failed request's acquisition is taken back");
                assertEquals(1, tiers.dailyUsage("acme"), "the failed request does not count against the quota");
            }
        });
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
