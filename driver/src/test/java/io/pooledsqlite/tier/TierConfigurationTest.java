package io.pooledsqlite.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.PooledSqliteDataSource;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TierConfigurationTest {
    @TempDir
    Path dir;

    private PooledSqliteDataSource dataSource() {
        return TieredDataSources.open(dir.resolve("config.db"), 2_000);
    }

    /** The first getConnection fails with the SQLState and a message containing every fragment. */
    private static SQLException startFails(PooledSqliteDataSource ds, String sqlState, String... fragments) {
        SQLException e = assertThrows(SQLException.class, () -> ds.getConnection("acme", Tier.FREE));
        assertEquals(sqlState, e.getSQLState(), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' should mention " + f);
        }
        return e;
    }

    @Test
    void impossibleLimitsAreRejectedAtTheCallNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TierLimits.of(0, 1, 1, 10));
        assertTrue(e.getMessage().contains("concurrent"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TierLimits.of(1, -1, 1, 10));
        assertTrue(e.getMessage().contains("daily") && e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TierLimits.of(1, 1, -5, 10));
        assertTrue(e.getMessage().contains("monthly"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TierLimits.of(1, 1, 1, 101));
        assertTrue(e.getMessage().contains("share") && e.getMessage().contains("101"), e.getMessage());
    }

    @Test
    void anUnknownTierNameInAKeyIsAnErrorListingTheTiers() {
        try (PooledSqliteDataSource ds = dataSource()) {
            ds.setProperty("tier.gold.concurrent", "2");
            startFails(ds, TierErrors.BAD_VALUE, "'gold'", "free, pro or enterprise");
        }
    }

    @Test
    void anUnknownFieldIsAnErrorListingTheFields() {
        try (PooledSqliteDataSource ds = dataSource()) {
            ds.setProperty("tier.free.concurent", "2");
            startFails(ds, TierErrors.UNKNOWN_KEY, "tier.free.concurent", "concurrent, daily, monthly and share");
        }
    }

    @Test
    void negativeOrNonNumericValuesInKeysAreErrorsNamingTheKey() {
        try (PooledSqliteDataSource ds = dataSource()) {
            ds.setProperty("tier.free.concurrent", "2");
            ds.setProperty("tier.free.daily", "-1");
            startFails(ds, TierErrors.BAD_VALUE, "'-1'", "tier.free.daily", "unlimited");
        }
        try (PooledSqliteDataSource ds = dataSource()) {
            ds.setProperty("tier.free.concurrent", "two");
            startFails(ds, TierErrors.BAD_VALUE, "'two'", "tier.free.concurrent");
        }
    }

    @Test
    void sharesAboveOneHundredPercentAreAnErrorShowingEachShare() {
        try (PooledSqliteDataSource ds = dataSource()) {
            ds.setTierLimits(Tier.FREE, TierLimits.of(1, 10, 100, 40));
            ds.setProperty("tier.pro.concurrent", "2");
            ds.setProperty("tier.pro.share", "50%");
            ds.setProperty("tier.enterprise.concurrent", "4");
            ds.setProperty("tier.enterprise.share", "30");
            startFails(ds, TierErrors.BAD_VALUE, "120%", "free=40%", "pro=50%", "enterprise=30%");
        }
    }

    @Test
    void aConcurrentLimitAbovePoolSizeIsAnError() {
        try (PooledSqliteDataSource ds = dataSource()) {
            ds.setTierLimits(Tier.FREE, TierLimits.of(11, 10, 100, 10));
            startFails(ds, TierErrors.BAD_VALUE, "concurrent=11", "maxPoolSize=10");
        }
    }

    @Test
    void aTierConfiguredByKeysNeedsAConcurrentLimit() {
        try (PooledSqliteDataSource ds = dataSource()) {
            ds.setProperty("tier.free.daily", "100");
            startFails(ds, TierErrors.BAD_VALUE, "tier.free.concurrent");
        }
    }

    @Test
    void aBadConfigurationLeavesNoPoolRunningAndCanBeCorrected() throws Exception {
        try (PooledSqliteDataSource ds = dataSource()) {
            ds.setProperty("poolName", "tiers-corrected");
            ds.setProperty("tier.free.concurrent", "20");
            startFails(ds, TierErrors.BAD_VALUE, "maxPoolSize");
            assertFalse(ManagementFactory.getPlatformMBeanServer().isRegistered(
                    new ObjectName("io.pooledsqlite:type=Pool,name=tiers-corrected")));
            ds.setProperty("tier.free.concurrent", "2");
            try (Connection c = ds.getConnection("acme", Tier.FREE)) {
                assertEquals(1, ds.getTierMXBean().getFree().getConnectionsHeld());
            }
        }
    }

    @Test
    void keysOverrideTypedLimitsFieldByField() throws Exception {
        try (PooledSqliteDataSource ds = dataSource()) {
            ds.setTierLimits(Tier.PRO, TierLimits.of(3, 1000, 10_000, 30));
            ds.setProperty("tier.pro.daily", "unlimited");
            ds.setProperty("TIER.PRO.CONCURRENT", "4");
            ds.getConnection("acme", Tier.PRO).close();
            TierFigures pro = ds.getTierMXBean().getPro();
            assertEquals(4, pro.getConcurrentLimit());
            assertEquals(3, pro.getReservedConnections());
        }
    }

    @Test
    void requestsForAnUnconfiguredTierOrWithoutTenantAreRefused() throws Exception {
        try (PooledSqliteDataSource ds = dataSource()) {
            ds.setTierLimits(Tier.PRO, TierLimits.of(3, 1000, 10_000, 30));
            SQLException e = assertThrows(SQLException.class, () -> ds.getConnection("acme", Tier.FREE));
            assertEquals(TierErrors.BAD_VALUE, e.getSQLState());
            assertTrue(e.getMessage().contains("Tier free is not configured"), e.getMessage());
            assertFalse(ds.getTierMXBean().getFree().isConfigured());
            e = assertThrows(SQLException.class, () -> ds.getConnection("", Tier.PRO));
            assertEquals(TierErrors.NO_TIER, e.getSQLState());
            e = assertThrows(SQLException.class, () -> Tier.parse("platinum"));
            assertEquals(TierErrors.BAD_VALUE, e.getSQLState());
            assertThrows(IllegalArgumentException.class, () -> ds.forTenant(null, Tier.PRO));
        }
    }

    @Test
    void withoutTiersTheDataSourceIgnoresCredentialsAsBefore() throws Exception {
        try (PooledSqliteDataSource ds = dataSource()) {
            ds.getConnection("anyone", "anything").close();
            assertNull(ds.getTierMXBean());
            SQLException e = assertThrows(SQLException.class, () -> ds.getConnection("acme", Tier.PRO));
            assertTrue(e.getMessage().contains("No tiers are configured"), e.getMessage());
        }
    }

    @Test
    void tierSettingsCannotChangeOnceThePoolRuns() throws Exception {
        try (PooledSqliteDataSource ds = dataSource()) {
            ds.setTierLimits(Tier.PRO, TierLimits.of(3, 1000, 10_000, 30));
            ds.getConnection("acme", Tier.PRO).close();
            assertThrows(IllegalStateException.class,
                    () -> ds.setTierLimits(Tier.PRO, TierLimits.of(1, 1, 1, 1)));
            assertThrows(IllegalStateException.class, () -> ds.setProperty("tier.pro.daily", "5"));
        }
    }
}
