package io.pooledsqlite.tier;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who may hold a connection of the pool now: a tenant of a tier gets a {@link Slot} or waits for one
 * until its deadline.
 *
 * <p>A request is admitted when the tenant holds fewer than its tier's {@code concurrent} connections
 * and either its tier holds fewer than its reserved connections, or taking one more still leaves every
 * other tier's unused reservation free. Hence at every moment
 * {@code held + Σ max(0, reserved(t) − held(t)) ≤ maxPoolSize}: a tier can always get its reserved
 * connections, however many requests other tiers make; what no tier reserved is shared, first come first
 * served. A slot is freed after its connection is back in the pool, so an admitted request finds one
 * there unless connections borrowed outside the tiers took it.
 */
final class Admission {
    private final TierPolicy policy;
    private final String poolName;
    private final long connectionTimeoutMs;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition freed = lock.newCondition();
    private final Map<String, int[]> heldByTenant = new HashMap<>();
    private final int[] held = new int[Tier.values().length];
    private final int[] waiting = new int[Tier.values().length];
    private final long[] acquisitions = new long[Tier.values().length];
    private final long[] timeouts = new long[Tier.values().length];
    private int totalHeld;
    private boolean closed;

    Admission(TierPolicy policy, String poolName, long connectionTimeoutMs) {
        this.policy = policy;
        this.poolName = poolName;
        this.connectionTimeoutMs = connectionTimeoutMs;
    }

    /** One admitted request's place: freed once, when its connection is back or was never lent. */
    final class Slot {
        private final String tenant;
        private final Tier tier;
        private final int[] tenantHeld;
        private boolean freed;

        private Slot(String tenant, Tier tier, int[] tenantHeld) {
            this.tenant = tenant;
            this.tier = tier;
            this.tenantHeld = tenantHeld;
        }

        /** The connection is back in the pool. */
        void free() {
            release(this, false);
        }

        /** No connection was lent after all: frees the slot and takes back the acquisition. */
        void cancel() {
            release(this, true);
        }
    }

    /**
     * Waits until {@code tenant} on {@code tier} may hold one more connection, or {@code deadline}.
     *
     * @throws SQLTransientConnectionException {@value TierErrors#TIMED_OUT} naming the limit that kept it
     *     out; {@code 08003} if the pool closed meanwhile
     */
    Slot admit(String tenant, Tier tier, TierLimits limits, long deadline) throws SQLException {
        int t = tier.ordinal();
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new SQLTransientConnectionException("Pool " + poolName + " is closed", "08003");
                }
                int[] tenantHeld = heldByTenant.get(tenant);
                int byTenant = tenantHeld == null ? 0 : tenantHeld[0];
                if (admits(byTenant, tier, limits)) {
                    break;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    timeouts[t]++;
                    throw timedOut(tenant, tier, limits, byTenant);
                }
                waiting[t]++;
                try {
                    freed.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLTransientConnectionException("Interrupted while tenant '" + tenant
                            + "' waited for a connection", TierErrors.TIMED_OUT, e);
                } finally {
                    waiting[t]--;
                }
            }
            int[] tenantHeld = heldByTenant.computeIfAbsent(tenant, k -> new int[1]);
            tenantHeld[0]++;
            held[t]++;
            totalHeld++;
            acquisitions[t]++;
            return new Slot(tenant, tier, tenantHeld);
        } finally {
            lock.unlock();
        }
    }

    private boolean admits(int tenantHeld, Tier tier, TierLimits limits) {
        if (tenantHeld >= limits.concurrent()) {
            return false;
        }
        if (held[tier.ordinal()] < policy.reserved(tier)) {
            return true;
        }
        int keptForOthers = 0;
        for (Tier other : Tier.values()) {
            if (other != tier) {
                keptForOthers += Math.max(0, policy.reserved(other) - held[other.ordinal()]);
            }
        }
        return totalHeld + keptForOthers < policy.maxPoolSize();
    }

    private SQLException timedOut(String tenant, Tier tier, TierLimits limits, int tenantHeld) {
        String why = tenantHeld >= limits.concurrent()
                ? "the tenant holds " + tenantHeld + " of its " + limits.concurrent() + " concurrent connections"
                : "tier " + tier.key() + " holds " + held[tier.ordinal()] + " connections (" + policy.reserved(tier)
                        + " reserved) and the rest of the pool is in use or reserved for other tiers";
        return new SQLTransientConnectionException("Tenant '" + tenant + "' (tier " + tier.key() + ") got no"
                + " connection within connectionTimeout=" + connectionTimeoutMs + " ms: " + why,
                TierErrors.TIMED_OUT);
    }

    private void release(Slot slot, boolean refund) {
        lock.lock();
        try {
            if (slot.freed) {
                return;
            }
            slot.freed = true;
            int t = slot.tier.ordinal();
            // a tenant holding nothing is forgotten, so the map stays as large as the tenants busy now
            if (--slot.tenantHeld[0] == 0) {
                heldByTenant.remove(slot.tenant);
            }
            held[t]--;
            totalHeld--;
            if (refund) {
                acquisitions[t]--;
            }
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Admits no one any more and wakes the waiters, who fail with {@code 08003}. */
    void close() {
        lock.lock();
        try {
            closed = true;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The tier's figures now, with the quota rejections the ledger counted. */
    TierFigures figures(Tier tier, long quotaRejections) {
        lock.lock();
        try {
            int t = tier.ordinal();
            TierLimits limits = policy.find(tier);
            return new TierFigures(tier.key(), limits != null, limits == null ? 0 : limits.concurrent(),
                    policy.reserved(tier), held[t], waiting[t], acquisitions[t], timeouts[t], quotaRejections);
        } finally {
            lock.unlock();
        }
    }

    /** Connections all tenants hold together now. */
    int totalHeld() {
        lock.lock();
        try {
            return totalHeld;
        } finally {
            lock.unlock();
        }
    }
}
