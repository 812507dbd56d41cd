package io.pooledsqlite.tier;

/**
 * The management view of a pool's tiers, registered as {@code io.pooledsqlite:type=Tiers,name=<poolName>}
 * when the pool has tiers and {@code registerMbeans} is on.
 */
public interface TierMXBean {
    /** The pool's name. */
    String getPoolName();

    /** Figures of the {@code free} tier. */
    TierFigures getFree();

    /** Figures of the {@code pro} tier. */
    TierFigures getPro();

    /** Figures of the {@code enterprise} tier. */
    TierFigures getEnterprise();

    /** Connections held by all tenants together now. */
    int getConnectionsHeld();

    /** Acquisitions the tenant made in the current UTC day (stored ones included). */
    long dailyUsage(String tenant);

    /** Acquisitions the tenant made in the current UTC month (stored ones included). */
    long monthlyUsage(String tenant);
}
