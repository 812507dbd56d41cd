package io.pooledsqlite.tier;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A checked, frozen tier configuration for one pool: the limits of each configured tier, the connections
 * each tier has reserved ({@code share} of {@code maxPoolSize}, rounded down), tenant assignments and
 * the clock.
 */
public final class TierPolicy {
    private final Map<Tier, TierLimits> limits;
    private final Map<String, Tier> tenants;
    private final int[] reserved = new int[Tier.values().length];
    private final int maxPoolSize;
    private final Clock clock;

    TierPolicy(Map<Tier, TierLimits> limits, Map<String, Tier> tenants, int maxPoolSize, Clock clock) {
        this.limits = Collections.unmodifiableMap(new EnumMap<>(limits));
        this.tenants = Collections.unmodifiableMap(tenants);
        this.maxPoolSize = maxPoolSize;
        this.clock = clock;
        for (Map.Entry<Tier, TierLimits> e : limits.entrySet()) {
            reserved[e.getKey().ordinal()] = maxPoolSize * e.getValue().sharePercent() / 100;
        }
    }

    /**
     * The limits of a tier.
     *
     * @throws SQLException {@value TierErrors#BAD_VALUE} if the tier is not configured on this pool
     */
    public TierLimits limits(Tier tier) throws SQLException {
        TierLimits l = limits.get(tier);
        if (l == null) {
            throw TierErrors.badValue("Tier " + tier.key() + " is not configured on this pool: set its limits"
                    + " (setTierLimits or " + TierSettings.KEY_PREFIX + tier.key() + ".concurrent …)");
        }
        return l;
    }

    /** The limits of a tier, or {@code null} if it is not configured. */
    public TierLimits find(Tier tier) {
        return limits.get(tier);
    }

    /** Connections kept for the tier: no other tier can take them. */
    public int reserved(Tier tier) {
        return reserved[tier.ordinal()];
    }

    /** The tier a tenant was assigned, or {@code null}. */
    public Tier tierOf(String tenant) {
        return tenants.get(tenant);
    }

    public int maxPoolSize() {
        return maxPoolSize;
    }

    public Clock clock() {
        return clock;
    }
}
