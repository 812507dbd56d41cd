package io.pooledsqlite.tier;

import java.sql.SQLNonTransientConnectionException;
import java.time.Instant;

/**
 * A tenant used up its daily or monthly quota of connection acquisitions. SQLState
 * {@value TierErrors#QUOTA_EXCEEDED}; retrying before {@link #resetAt()} fails the same way.
 */
public final class QuotaExceededException extends SQLNonTransientConnectionException {
    private static final long serialVersionUID = 1L;

    private final String tenant;
    private final Tier tier;
    private final String quota;
    private final long limit;
    private final Instant resetAt;

    QuotaExceededException(String tenant, Tier tier, String quota, long limit, Instant resetAt) {
        super("Tenant '" + tenant + "' (tier " + tier.key() + ") has used its " + quota + " quota of " + limit
                + " connection acquisitions; it resets at " + resetAt, TierErrors.QUOTA_EXCEEDED);
        this.tenant = tenant;
        this.tier = tier;
        this.quota = quota;
        this.limit = limit;
        this.resetAt = resetAt;
    }

    public String tenant() {
        return tenant;
    }

    public Tier tier() {
        return tier;
    }

    /** {@code daily} or {@code monthly}. */
    public String quota() {
        return quota;
    }

    public long limit() {
        return limit;
    }

    /** When the quota's window ends (UTC midnight, or the first of the next month at UTC midnight). */
    public Instant resetAt() {
        return resetAt;
    }
}
