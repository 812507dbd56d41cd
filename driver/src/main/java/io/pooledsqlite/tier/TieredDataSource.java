package io.pooledsqlite.tier;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** A data source that also lends connections to tenants of tiers, each counted against its limits. */
public interface TieredDataSource extends DataSource {
    /**
     * Borrows a connection for {@code tenant} on {@code tier}: waits up to {@code connectionTimeout} in
     * all for a slot within the tenant's and tier's limits and for the pool, fails at once when the
     * tenant's quota is used up.
     *
     * @throws QuotaExceededException over a daily or monthly quota (SQLState {@value TierErrors#QUOTA_EXCEEDED})
     * @throws SQLException {@value TierErrors#BAD_VALUE} if no tiers or not this tier are configured
     */
    Connection getConnection(String tenant, Tier tier) throws SQLException;
}
