package io.pooledsqlite.tier;

import io.pooledsqlite.PooledSqliteDataSource;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Data sources on real SQLite files for the tier tests. */
final class TieredDataSources {
    private static final AtomicInteger NAMES = new AtomicInteger();

    private TieredDataSources() {
    }

    /** A data source on {@code file} with maxPoolSize 10, the given connectionTimeout and a unique pool name. */
    static PooledSqliteDataSource open(Path file, int connectionTimeoutMs) {
        PooledSqliteDataSource ds = new PooledSqliteDataSource(file.toString());
        ds.setProperty("poolName", "tiers-" + NAMES.incrementAndGet());
        ds.setProperty("maxPoolSize", "10");
        ds.setProperty("minIdle", "0");
        ds.setProperty("connectionTimeout", Integer.toString(connectionTimeoutMs));
        return ds;
    }

    /** free: 2 per tenant, 20 %; pro: 3 per tenant, 30 %; enterprise: 5 per tenant, 50 %; no quotas. */
    static void partitioned(PooledSqliteDataSource ds) {
        ds.setTierLimits(Tier.FREE, TierLimits.of(2, TierLimits.UNLIMITED, TierLimits.UNLIMITED, 20));
        ds.setTierLimits(Tier.PRO, TierLimits.of(3, TierLimits.UNLIMITED, TierLimits.UNLIMITED, 30));
        ds.setTierLimits(Tier.ENTERPRISE, TierLimits.of(5, TierLimits.UNLIMITED, TierLimits.UNLIMITED, 50));
    }
}
