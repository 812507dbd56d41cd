package io.pooledsqlite.tier;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each tenant's acquisitions per UTC day and month, counted in memory so a quota trips at the exact
 * count, and the counts not yet written to the database ({@link UsageStore}), which
 * {@link #takeUnsaved()} hands to the writer.
 */
final class QuotaLedger {
    private final Clock clock;
    private final Map<String, TenantUsage> tenants = new HashMap<>();
    private final long[] rejections = new long[Tier.values().length];
    /** The UTC day (days since the epoch) {@link #dayKey} and {@link #monthKey} belong to. */
    private long windowDay = Long.MIN_VALUE;
    private String dayKey;
    private String monthKey;
    /** Acquisitions not yet written: tenant to (period to count). */
    private Map<String, Map<String, Long>> unsaved = new HashMap<>();

    /**
     * A ledger starting from counts of the current windows: {@code stored} ones read from the database
     * and {@code carried} ones not written yet (by the ledger of a pool closed under the same data
     * source), which stay unsaved here.
     */
    QuotaLedger(Clock clock, Map<String, Map<String, Long>> stored, Map<String, Map<String, Long>> carried) {
        this.clock = clock;
        Instant now = clock.instant();
        for (Map<String, Map<String, Long>> counts : List.of(stored, carried)) {
            for (Map.Entry<String, Map<String, Long>> t : counts.entrySet()) {
                TenantUsage u = usageAt(t.getKey(), now);
                t.getValue().forEach(u::addStored);
            }
        }
        unsaved = carried;
    }

    Clock clock() {
        return clock;
    }

    /** Fails if {@code tenant} has used up a quota; counts nothing. */
    synchronized void check(String tenant, Tier tier, TierLimits limits) throws QuotaExceededException {
        Instant now = clock.instant();
        refuseOverQuota(tenant, tier, limits, usageAt(tenant, now), now);
    }

    /** Counts one acquisition for {@code tenant}, or fails if that would go over a quota. */
    synchronized void charge(String tenant, Tier tier, TierLimits limits) throws QuotaExceededException {
        Instant now = clock.instant();
        TenantUsage usage = usageAt(tenant, now);
        refuseOverQuota(tenant, tier, limits, usage, now);
        count(tenant, usage, 1);
    }

    /** Takes back a {@link #charge} whose connection was never lent. */
    synchronized void refund(String tenant) {
        count(tenant, usageAt(tenant, clock.instant()), -1);
    }

    private void refuseOverQuota(String tenant, Tier tier, TierLimits limits, TenantUsage usage, Instant now)
            throws QuotaExceededException {
        if (usage.dayUsed() >= limits.daily()) {
            rejections[tier.ordinal()]++;
            throw new QuotaExceededException(tenant, tier, "daily", limits.daily(), UsageWindows.dayEnd(now));
        }
        if (usage.monthUsed() >= limits.monthly()) {
            rejections[tier.ordinal()]++;
            throw new QuotaExceededException(tenant, tier, "monthly", limits.monthly(), UsageWindows.monthEnd(now));
        }
    }

    private void count(String tenant, TenantUsage usage, long n) {
        usage.count(n);
        Map<String, Long> periods = unsaved.computeIfAbsent(tenant, t -> new HashMap<>());
        periods.merge(usage.day(), n, Long::sum);
        periods.merge(usage.month(), n, Long::sum);
    }

    /** The tenant's usage in the windows of {@code now}; window keys are formatted once a day. */
    private TenantUsage usageAt(String tenant, Instant now) {
        long epochDay = Math.floorDiv(now.getEpochSecond(), 86_400L);
        if (epochDay != windowDay) {
            windowDay = epochDay;
            dayKey = UsageWindows.day(now);
            monthKey = UsageWindows.month(now);
        }
        TenantUsage u = tenants.computeIfAbsent(tenant, t -> new TenantUsage());
        u.roll(dayKey, monthKey);
        return u;
    }

    /** Acquisitions the tenant made in the current UTC day ({@code day}) or month, stored ones included. */
    synchronized long used(String tenant, boolean day) {
        if (!tenants.containsKey(tenant)) {
            return 0;
        }
        TenantUsage u = usageAt(tenant, clock.instant());
        return day ? u.dayUsed() : u.monthUsed();
    }

    /** Requests of a tier refused over a quota. */
    synchronized long rejections(Tier tier) {
        return rejections[tier.ordinal()];
    }

    /**
     * Hands over the counts not written yet (tenant to period to count) and forgets tenants whose counts
     * all belong to past months.
     */
    synchronized Map<String, Map<String, Long>> takeUnsaved() {
        String month = UsageWindows.month(clock.instant());
        tenants.entrySet().removeIf(e -> !e.getValue().month().equals(month) && !unsaved.containsKey(e.getKey()));
        Map<String, Map<String, Long>> batch = unsaved;
        unsaved = new HashMap<>();
        return batch;
    }

    /** Takes back counts {@link #takeUnsaved()} handed over that could not be written, for the next try. */
    synchronized void restore(Map<String, Map<String, Long>> batch) {
        for (Map.Entry<String, Map<String, Long>> t : batch.entrySet()) {
            Map<String, Long> periods = unsaved.computeIfAbsent(t.getKey(), k -> new HashMap<>());
            t.getValue().forEach((p, n) -> periods.merge(p, n, Long::sum));
        }
    }
}
