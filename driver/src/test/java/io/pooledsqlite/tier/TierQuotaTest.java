package io.pooledsqlite.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.PooledSqliteDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TierQuotaTest {
    @TempDir
    Path dir;

    /** free: daily 3, monthly 5 acquisitions; pro: daily 100. */
    private static PooledSqliteDataSource withQuotas(Path file, MutableClock clock) {
        PooledSqliteDataSource ds = TieredDataSources.open(file, 2_000);
        ds.setTierLimits(Tier.FREE, TierLimits.of(2, 3, 5, 20));
        ds.setTierLimits(Tier.PRO, TierLimits.of(3, 100, TierLimits.UNLIMITED, 30));
        ds.setTierClock(clock);
        return ds;
    }

    private static void borrowTimes(DataSource ds, int n) throws SQLException {
        for (int i = 0; i < n; i++) {
            try (Connection c = ds.getConnection()) {
                c.createStatement().close();
            }
        }
    }

    /** The count stored in the database file, read with plain sqlite-jdbc; 0 before the table exists. */
    private static long stored(Path file, String tenant, String period) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet table = c.getMetaData().getTables(null, null, "pooledsqlite_tier_usage", null)) {
            if (!table.next()) {
                return 0;
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement q = c.prepareStatement(
                     "select used from pooledsqlite_tier_usage where tenant = ? and period = ?")) {
            q.setString(1, tenant);
            q.setString(2, period);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    @Test
    void theDailyQuotaTripsAtTheExactCountAndResetsAtUtcMidnight() throws Exception {
        MutableClock clock = new MutableClock("2026-11-27T23:59:00Z");
        try (PooledSqliteDataSource ds = withQuotas(dir.resolve("daily.db"), clock)) {
            DataSource acme = ds.forTenant("acme", Tier.FREE);
            borrowTimes(acme, 3);
            QuotaExceededException e = assertThrows(QuotaExceededException.class, acme::getConnection);
            assertEquals(TierErrors.QUOTA_EXCEEDED, e.getSQLState());
            assertEquals("daily", e.quota());
            assertEquals(Instant.parse("2026-11-28T00:00:00Z"), e.resetAt());
            assertTrue(e.getMessage().contains("'acme'") && e.getMessage().contains("tier free")
                    && e.getMessage().contains("daily quota of 3") && e.getMessage().contains("2026-11-28T00:00:00Z"),
                    e.getMessage());
            // another tenant of the same tier has its own count
            borrowTimes(ds.forTenant("globex", Tier.FREE), 1);

            clock.advance(Duration.ofSeconds(59));
            assertThrows(QuotaExceededException.class, acme::getConnection);
            clock.advance(Duration.ofSeconds(1));
            borrowTimes(acme, 1);
            assertEquals(1, ds.getTierMXBean().dailyUsage("acme"));
            assertEquals(4, ds.getTierMXBean().monthlyUsage("acme"));
            assertEquals(2, ds.getTierMXBean().getFree().getQuotaRejections());
        }
    }

    @Test
    void underConcurrentRequestsExactlyTheQuotaIsLentAndEveryOtherRequestIsRefused() throws Exception {
        MutableClock clock = new MutableClock("2026-11-27T10:00:00Z");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (PooledSqliteDataSource ds = TieredDataSources.open(dir.resolve("race.db"), 10_000)) {
            ds.setTierLimits(Tier.PRO, TierLimits.of(3, 50, TierLimits.UNLIMITED, 30));
            ds.setTierClock(clock);
            DataSource acme = ds.forTenant("acme", Tier.PRO);
            AtomicInteger lent = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                workers.add(threads.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        try (Connection c = acme.getConnection()) {
                            lent.incrementAndGet();
                        } catch (QuotaExceededException e) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertEquals(50, lent.get());
            assertEquals(110, refused.get());
            assertEquals(50, ds.getTierMXBean().getPro().getAcquisitions());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theMonthlyQuotaSpansDaysAndResetsOnTheFirstOfTheMonth() throws Exception {
        MutableClock clock = new MutableClock("2026-11-29T12:00:00Z");
        try (PooledSqliteDataSource ds = withQuotas(dir.resolve("monthly.db"), clock)) {
            DataSource acme = ds.forTenant("acme", Tier.FREE);
            borrowTimes(acme, 3);
            clock.set("2026-11-30T00:00:00Z");
            borrowTimes(acme, 2);
            QuotaExceededException e = assertThrows(QuotaExceededException.class, acme::getConnection);
            assertEquals("monthly", e.quota());
            assertEquals(Instant.parse("2026-12-01T00:00:00Z"), e.resetAt());
            assertTrue(e.getMessage().contains("monthly quota of 5"), e.getMessage());
            clock.set("2026-12-01T00:00:00Z");
            borrowTimes(acme, 3);
        }
    }

    @Test
    void aQuotaCountsAcquisitionsEvenWhileEarlierConnectionsAreStillHeld() throws Exception {
        MutableClock clock = new MutableClock("2026-11-27T10:00:00Z");
        try (PooledSqliteDataSource ds = withQuotas(dir.resolve("held.db"), clock)) {
            DataSource acme = ds.forTenant("acme", Tier.FREE);
            try (Connection a = acme.getConnection()) {
                borrowTimes(acme, 2);
                QuotaExceededException e = assertThrows(QuotaExceededException.class, acme::getConnection);
                assertEquals("daily", e.quota());
                a.createStatement().close();
            }
        }
    }

    @Test
    void countersSurviveClosingAndReopeningTheDataSource() throws Exception {
        Path file = dir.resolve("restart.db");
        MutableClock clock = new MutableClock("2026-11-27T10:00:00Z");
        try (PooledSqliteDataSource ds = withQuotas(file, clock)) {
            borrowTimes(ds.forTenant("acme", Tier.FREE), 2);
            borrowTimes(ds.forTenant("initech", Tier.PRO), 7);
        }
        assertEquals(2, stored(file, "acme", "day:2026-11-27"));
        assertEquals(2, stored(file, "acme", "month:2026-11"));
        assertEquals(7, stored(file, "initech", "day:2026-11-27"));

        try (PooledSqliteDataSource ds = withQuotas(file, clock)) {
            DataSource acme = ds.forTenant("acme", Tier.FREE);
            assertEquals(2, ds.getTierMXBean().dailyUsage("acme"));
            borrowTimes(acme, 1);
            assertThrows(QuotaExceededException.class, acme::getConnection);
            assertEquals(7, ds.getTierMXBean().dailyUsage("initech"));
        }
        assertEquals(3, stored(file, "acme", "day:2026-11-27"));

        clock.set("2026-11-28T08:00:00Z");
        try (PooledSqliteDataSource ds = withQuotas(file, clock)) {
            DataSource acme = ds.forTenant("acme", Tier.FREE);
            assertEquals(0, ds.getTierMXBean().dailyUsage("acme"));
            assertEquals(3, ds.getTierMXBean().monthlyUsage("acme"));
            borrowTimes(acme, 2);
            assertThrows(QuotaExceededException.class, acme::getConnection, "monthly quota 5 reached");
        }
        assertEquals(0, stored(file, "acme", "day:2026-11-27"), "rows of past windows are dropped");
        assertEquals(5, stored(file, "acme", "month:2026-11"));
    }

    @Test
    void countsReachTheDatabaseInTheBackgroundWhileTheDataSourceStaysOpen() throws Exception {
        Path file = dir.resolve("background.db");
        MutableClock clock = new MutableClock("2026-11-27T10:00:00Z");
        try (PooledSqliteDataSource ds = withQuotas(file, clock)) {
            borrowTimes(ds.forTenant("acme", Tier.FREE), 2);
            // written every second: 3 s leaves room for a slow machine, not for a slower flush period
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (stored(file, "acme", "day:2026-11-27") < 2) {
                assertTrue(System.nanoTime() < deadline, "the counts were not written within 3 s");
                Thread.sleep(50);
            }
            assertEquals(2, stored(file, "acme", "month:2026-11"));
        }
        assertEquals(2, stored(file, "acme", "day:2026-11-27"), "closing adds nothing twice");
    }

    @Test
    void countsCarryOverWhenThePoolIsClosedUnderTheDataSourceAndStartsAgain() throws Exception {
        MutableClock clock = new MutableClock("2026-11-27T10:00:00Z");
        try (PooledSqliteDataSource ds = withQuotas(dir.resolve("closeall.db"), clock)) {
            DataSource acme = ds.forTenant("acme", Tier.FREE);
            borrowTimes(acme, 2);
            Databases.closePools(dir);
            borrowTimes(acme, 1);
            assertEquals(3, ds.getTierMXBean().dailyUsage("acme"));
            assertThrows(QuotaExceededException.class, acme::getConnection);
        }
    }

    @Test
    void aRequestNamingTheTenantAsUserUsesTheTierItWasAssigned() throws Exception {
        MutableClock clock = new MutableClock("2026-11-27T10:00:00Z");
        try (PooledSqliteDataSource ds = withQuotas(dir.resolve("user.db"), clock)) {
            ds.assignTier("acme", Tier.FREE);
            for (int i = 0; i < 3; i++) {
                ds.getConnection("acme", "ignored").close();
            }
            QuotaExceededException e = assertThrows(QuotaExceededException.class,
                    () -> ds.getConnection("acme", "ignored"));
            assertEquals(Tier.FREE, e.tier());
            SQLException unknown = assertThrows(SQLException.class, () -> ds.getConnection("nobody", "x"));
            assertEquals(TierErrors.NO_TIER, unknown.getSQLState());
            assertTrue(unknown.getMessage().contains("'nobody'"), unknown.getMessage());
        }
    }
}
