package io.pooledsqlite.tier;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Tiers in front of one pool, as a decorator of its {@link PoolBorrow}: a tenant's request is checked
 * against its quotas ({@link QuotaLedger}), waits for a slot within its tier's limits ({@link Admission}),
 * then borrows from the pool, all within one {@code connectionTimeout}. The slot is freed when the
 * connection is back in the pool. Counts reach the database through the {@link UsageFlusher}; the
 * figures are on a {@link TierMXBean}.
 */
public final class TieredPool implements AutoCloseable {
    private final PoolBorrow pool;
    private final TierPolicy policy;
    private final long timeoutNanos;
    private final long timeoutMs;
    private final Admission admission;
    private final QuotaLedger ledger;
    private final UsageFlusher flusher;
    private final TierMonitor monitor;

    private TieredPool(PoolBorrow pool, String poolName, long connectionTimeoutMs, TierPolicy policy,
                       QuotaLedger ledger, UsageStore store) {
        this.pool = pool;
        this.policy = policy;
        this.timeoutMs = connectionTimeoutMs;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(connectionTimeoutMs);
        this.admission = new Admission(policy, poolName, connectionTimeoutMs);
        this.ledger = ledger;
        this.flusher = new UsageFlusher(ledger, store, poolName);
        this.monitor = new TierMonitor(poolName, admission, ledger);
    }

    /**
     * Starts tiers in front of a pool: reads the stored counts of the current windows and takes over the
     * unwritten counts of {@code previous} (the tiers of the same data source's earlier pool, closed
     * under it), stopping it.
     *
     * @param registerMbean whether to register the {@link TierMXBean}
     */
    public static TieredPool start(PoolBorrow pool, String poolName, long connectionTimeoutMs, boolean registerMbean,
                                   TierPolicy policy, TieredPool previous) throws SQLException {
        Map<String, Map<String, Long>> carried = previous == null ? new HashMap<>() : previous.stop();
        UsageStore store = new UsageStore(pool, TimeUnit.MILLISECONDS.toNanos(connectionTimeoutMs));
        Instant now = policy.clock().instant();
        Map<String, Map<String, Long>> stored = store.load(UsageWindows.day(now), UsageWindows.month(now));
        QuotaLedger ledger = new QuotaLedger(policy.clock(), stored, carried);
        TieredPool tiers = new TieredPool(pool, poolName, connectionTimeoutMs, policy, ledger, store);
        if (registerMbean) {
            tiers.monitor.register();
        }
        tiers.flusher.start();
        return tiers;
    }

    /** The policy these tiers enforce. */
    public TierPolicy policy() {
        return policy;
    }

    /** The management view of these tiers. */
    public TierMXBean mxBean() {
        return monitor;
    }

    /**
     * Lends a connection to a tenant of a tier; waiting for a slot and for the pool together take at most
     * {@code connectionTimeout}.
     *
     * @throws QuotaExceededException at once if the tenant used up its daily or monthly quota
     * @throws SQLTransientConnectionException ({@value TierErrors#TIMED_OUT}) if no slot, or no connection
     *     of the pool, came free within {@code connectionTimeout}
     * @throws SQLException {@value TierErrors#BAD_VALUE} if the tier is not configured
     */
    public Connection getConnection(String tenant, Tier tier) throws SQLException {
        if (tenant == null || tenant.isEmpty()) {
            throw new SQLException("A tenant's connection needs a tenant name", TierErrors.NO_TIER);
        }
        TierLimits limits = policy.limits(tier);
        long deadline = System.nanoTime() + timeoutNanos;
        // a tenant over its quota fails before it waits; the binding count comes once it has a slot
        ledger.check(tenant, tier, limits);
        Admission.Slot slot = admission.admit(tenant, tier, limits, deadline);
        try {
            ledger.charge(tenant, tier, limits);
        } catch (QuotaExceededException e) {
            slot.cancel();
            throw e;
        }
        try {
            return pool.borrow(deadline, slot::free);
        } catch (SQLException | RuntimeException e) {
            ledger.refund(tenant);
            slot.cancel();
            throw e;
        }
    }

    /**
     * Stops admitting, writes the unwritten counts (on this thread; it must not hold the database's
     * write lock through another connection) and unregisters the MXBean. Call before closing the pool.
     */
    @Override
    public void close() {
        admission.close();
        monitor.unregister();
        flusher.stopAndFlush(timeoutMs);
    }

    /** Stops admitting, the background writer and the MXBean; returns the unwritten counts. */
    private Map<String, Map<String, Long>> stop() {
        admission.close();
        monitor.unregister();
        flusher.stop(timeoutMs);
        return ledger.takeUnsaved();
    }
}
