package io.pooledsqlite.tier;

/**
 * What one tenant of a tier may use, and the part of the pool its tier keeps for itself. Immutable.
 *
 * <ul>
 *   <li>{@code concurrent}: connections one tenant may hold at once (at least 1);</li>
 *   <li>{@code daily}, {@code monthly}: connection acquisitions one tenant may make per UTC day and per
 *       UTC calendar month ({@link #UNLIMITED} for no quota; 0 blocks the tenant);</li>
 *   <li>{@code sharePercent}: the percentage of {@code maxPoolSize} reserved for the tier as a whole
 *       (0 to 100), rounded down to whole connections. Other tiers can never take these connections.</li>
 * </ul>
 */
public final class TierLimits {
    /** A quota that never trips. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private final int concurrent;
    private final long daily;
    private final long monthly;
    private final int sharePercent;

    private TierLimits(int concurrent, long daily, long monthly, int sharePercent) {
        this.concurrent = concurrent;
        this.daily = daily;
        this.monthly = monthly;
        this.sharePercent = sharePercent;
    }

    /**
     * Limits for one tier.
     *
     * @throws IllegalArgumentException if {@code concurrent < 1}, a quota is negative, or the share is not
     *     within 0..100 (the message names the field and the value)
     */
    public static TierLimits of(int concurrent, long daily, long monthly, int sharePercent) {
        if (concurrent < 1) {
            throw new IllegalArgumentException("concurrent must be at least 1, was " + concurrent);
        }
        if (daily < 0) {
            throw new IllegalArgumentException("daily quota must not be negative, was " + daily);
        }
        if (monthly < 0) {
            throw new IllegalArgumentException("monthly quota must not be negative, was " + monthly);
        }
        if (sharePercent < 0 || sharePercent > 100) {
            throw new IllegalArgumentException("share must be a percentage from 0 to 100, was " + sharePercent);
        }
        return new TierLimits(concurrent, daily, monthly, sharePercent);
    }

    public int concurrent() {
        return concurrent;
    }

    public long daily() {
        return daily;
    }

    public long monthly() {
        return monthly;
    }

    public int sharePercent() {
        return sharePercent;
    }

    @Override
    public String toString() {
        return "concurrent=" + concurrent + ", daily=" + quota(daily) + ", monthly=" + quota(monthly) + ", share="
                + sharePercent + "%";
    }

    static String quota(long q) {
        return q == UNLIMITED ? "unlimited" : Long.toString(q);
    }
}
