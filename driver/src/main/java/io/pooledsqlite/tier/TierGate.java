package io.pooledsqlite.tier;

import io.pooledsqlite.pool.ConnectionPool;
import io.pooledsqlite.proxy.ConnectionProxy;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Admission control in front of one pool: decides whether a tenant of a tier may borrow a connection
 * now, makes it wait (up to {@code connectionTimeout}) when it may not, and refuses it at once when its
 * quota is used up.
 *
 * <p>A request is admitted when the tenant holds fewer than its tier's {@code concurrent} connections
 * and either its tier holds fewer than its reserved connections, or taking one more still leaves every
 * other tier's unused reservation free. Hence at every moment
 * {@code held + Σ max(0, reserved(t) − held(t)) ≤ maxPoolSize}: a tier can always get its reserved
 * connections, however many requests other tiers make; what no tier reserved is shared, first come first
 * served. The slot is freed by {@link ConnectionProxy#whenReturned}, after the physical connection is back
 * in the pool, so an admitted request always finds one.
 *
 * <p>Quotas count admitted acquisitions per tenant and UTC window, in memory first (so they trip at the
 * exact count) and in the database every {@value #FLUSH_SECONDS} s and at {@link #close()}.
 */
public final class TierGate implements TierMXBean, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TierGate.class.getName());
    static final long FLUSH_SECONDS = 1;

    private final ConnectionPool pool;
    private final TierPolicy policy;
    private final UsageStore store;
    private final long timeoutNanos;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition released = lock.newCondition();
    private final Map<String, TenantUsage> tenants = new HashMap<>();
    private final int[] held = new int[Tier.values().length];
    private final int[] waiting = new int[Tier.values().length];
    private final long[] acquisitions = new long[Tier.values().length];
    private final long[] timeouts = new long[Tier.values().length];
    private final long[] quotaRejections = new long[Tier.values().length];
    private int totalHeld;
    /** The UTC day (days since the epoch) {@link #dayKey} and {@link #monthKey} belong to. */
    private long windowDay = Long.MIN_VALUE;
    private String dayKey;
    private String monthKey;
    /** Acquisitions not yet written: tenant to (period to count). */
    private Map<String, Map<String, Long>> unsaved = new HashMap<>();
    private final ScheduledExecutorService flusher;
    private final ObjectName mbeanName;
    private boolean closed;

    private TierGate(ConnectionPool pool, TierPolicy policy) {
        this.pool = pool;
        this.policy = policy;
        this.store = new UsageStore(pool);
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(pool.config().connectionTimeoutMs());
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pooledsqlite-tier-usage-" + pool.getPoolName());
            t.setDaemon(true);
            return t;
        });
        this.mbeanName = pool.config().registerMbeans() ? register() : null;
    }

    /**
     * Starts admission control for a pool: reads the stored counters of the current windows and takes
     * over the unsaved counts of {@code previous} (the gate of the same data source's earlier pool, which
     * was closed under it), stopping it.
     */
    public static TierGate start(ConnectionPool pool, TierPolicy policy, TierGate previous) throws SQLException {
        Map<String, Map<String, Long>> carried = previous == null ? new HashMap<>() : previous.stop();
        Instant now = policy.clock().instant();
        String day = UsageWindows.day(now);
        String month = UsageWindows.month(now);
        Map<String, Map<String, Long>> stored = new UsageStore(pool).load(day, month);
        TierGate gate = new TierGate(pool, policy);
        for (Map<String, Map<String, Long>> counts : Arrays.asList(stored, carried)) {
            for (Map.Entry<String, Map<String, Long>> t : counts.entrySet()) {
                TenantUsage u = gate.usage(t.getKey(), day, month);
                for (Map.Entry<String, Long> p : t.getValue().entrySet()) {
                    u.addStored(p.getKey(), p.getValue());
                }
            }
        }
        gate.unsaved = carried;
        gate.flusher.scheduleWithFixedDelay(gate::flushQuietly, FLUSH_SECONDS, FLUSH_SECONDS, TimeUnit.SECONDS);
        return gate;
    }

    /** The policy this gate enforces. */
    public TierPolicy policy() {
        return policy;
    }

    /**
     * Lends a connection to a tenant of a tier.
     *
     * @throws QuotaExceededException at once if the tenant used up its daily or monthly quota
     * @throws SQLTransientConnectionException ({@value TierErrors#TIMED_OUT}) if no slot came free within
     *     {@code connectionTimeout}
     * @throws SQLException {@value TierErrors#BAD_VALUE} if the tier is not configured
     */
    public Connection acquire(String tenant, Tier tier) throws SQLException {
        if (tenant == null || tenant.isEmpty()) {
            throw new SQLException("A tenant's connection needs a tenant name", TierErrors.NO_TIER);
        }
        TierLimits limits = policy.limits(tier);
        long deadline = System.nanoTime() + timeoutNanos;
        TenantUsage usage;
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new SQLTransientConnectionException("Pool " + pool.getPoolName() + " is closed", "08003");
                }
                Instant now = policy.clock().instant();
                usage = usageAt(tenant, now);
                checkQuota(tenant, tier, limits, usage, now);
                if (admits(usage, tier, limits)) {
                    break;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    timeouts[tier.ordinal()]++;
                    throw timedOut(tenant, tier, limits, usage);
                }
                waiting[tier.ordinal()]++;
                try {
                    released.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLTransientConnectionException("Interrupted while tenant '" + tenant
                            + "' waited for a connection", TierErrors.TIMED_OUT, e);
                } finally {
                    waiting[tier.ordinal()]--;
                }
            }
            usage.held++;
            held[tier.ordinal()]++;
            totalHeld++;
            usage.count(1);
            record(tenant, usage, 1);
            acquisitions[tier.ordinal()]++;
        } finally {
            lock.unlock();
        }
        ConnectionProxy c;
        try {
            c = pool.getConnection().unwrap(ConnectionProxy.class);
        } catch (SQLException | RuntimeException e) {
            release(usage, tier, true, tenant);
            throw e;
        }
        TenantUsage u = usage;
        c.whenReturned(() -> release(u, tier, false, tenant));
        return c;
    }

    private boolean admits(TenantUsage usage, Tier tier, TierLimits limits) {
        if (usage.held >= limits.concurrent()) {
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

    private void checkQuota(String tenant, Tier tier, TierLimits limits, TenantUsage usage, Instant now)
            throws QuotaExceededException {
        if (usage.dayUsed() >= limits.daily()) {
            quotaRejections[tier.ordinal()]++;
            throw new QuotaExceededException(tenant, tier, "daily", limits.daily(), UsageWindows.dayEnd(now));
        }
        if (usage.monthUsed() >= limits.monthly()) {
            quotaRejections[tier.ordinal()]++;
            throw new QuotaExceededException(tenant, tier, "monthly", limits.monthly(), UsageWindows.monthEnd(now));
        }
    }

    private SQLException timedOut(String tenant, Tier tier, TierLimits limits, TenantUsage usage) {
        String why = usage.held >= limits.concurrent()
                ? "the tenant holds " + usage.held + " of its " + limits.concurrent() + " concurrent connections"
                : "tier " + tier.key() + " holds " + held[tier.ordinal()] + " connections (" + policy.reserved(tier)
                        + " reserved) and the rest of the pool is in use or reserved for other tiers";
        return new SQLTransientConnectionException("Tenant '" + tenant + "' (tier " + tier.key() + ") got no"
                + " connection within connectionTimeout=" + pool.config().connectionTimeoutMs() + " ms: " + why,
                TierErrors.TIMED_OUT);
    }

    /** Frees a slot; {@code refund} also takes back the acquisition when no connection was lent. */
    private void release(TenantUsage usage, Tier tier, boolean refund, String tenant) {
        lock.lock();
        try {
            usage.held--;
            held[tier.ordinal()]--;
            totalHeld--;
            if (refund) {
                usage.count(-1);
                record(tenant, usage, -1);
                acquisitions[tier.ordinal()]--;
            }
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The tenant's usage in the windows of {@code now}; window keys are formatted once a day. */
    private TenantUsage usageAt(String tenant, Instant now) {
        long epochDay = Math.floorDiv(now.getEpochSecond(), 86_400L);
        if (epochDay != windowDay) {
            windowDay = epochDay;
            dayKey = UsageWindows.day(now);
            monthKey = UsageWindows.month(now);
        }
        return usage(tenant, dayKey, monthKey);
    }

    private TenantUsage usage(String tenant, String day, String month) {
        TenantUsage u = tenants.computeIfAbsent(tenant, t -> new TenantUsage());
        u.roll(day, month);
        return u;
    }

    private void record(String tenant, TenantUsage usage, long n) {
        Map<String, Long> periods = unsaved.computeIfAbsent(tenant, t -> new HashMap<>());
        periods.merge(usage.day(), n, Long::sum);
        periods.merge(usage.month(), n, Long::sum);
    }

    /**
     * Writes the acquisitions counted since the last write; on failure keeps them for the next try. Also
     * forgets idle tenants whose counts belong to past months.
     */
    void flush() throws SQLException {
        Instant now = policy.clock().instant();
        String month = UsageWindows.month(now);
        Map<String, Map<String, Long>> batch;
        lock.lock();
        try {
            tenants.entrySet().removeIf(e -> e.getValue().held == 0 && !e.getValue().month().equals(month)
                    && !unsaved.containsKey(e.getKey()));
            if (unsaved.isEmpty()) {
                return;
            }
            batch = unsaved;
            unsaved = new HashMap<>();
        } finally {
            lock.unlock();
        }
        try {
            store.add(batch, UsageWindows.day(now), month);
        } catch (SQLException | RuntimeException e) {
            lock.lock();
            try {
                for (Map.Entry<String, Map<String, Long>> t : batch.entrySet()) {
                    Map<String, Long> periods = unsaved.computeIfAbsent(t.getKey(), k -> new HashMap<>());
                    t.getValue().forEach((p, n) -> periods.merge(p, n, Long::sum));
                }
            } finally {
                lock.unlock();
            }
            throw e;
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Pool " + pool.getPoolName() + " could not save tier usage; will"
                    + " try again", e);
        }
    }

    /**
     * Stops admitting, writes the unsaved counters (on this thread; it must not hold the database's
     * write lock through another connection) and unregisters the MXBean. Call before closing the pool.
     */
    @Override
    public void close() {
        Map<String, Map<String, Long>> batch = stop();
        if (batch.isEmpty()) {
            return;
        }
        Instant now = policy.clock().instant();
        try {
            store.add(batch, UsageWindows.day(now), UsageWindows.month(now));
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Pool " + pool.getPoolName() + " lost unsaved tier usage on close: "
                    + batch, e);
        }
    }

    /** Stops admitting and the background writer, unregisters the MXBean; returns the unsaved counts. */
    private Map<String, Map<String, Long>> stop() {
        lock.lock();
        try {
            if (closed) {
                return new HashMap<>();
            }
            closed = true;
            released.signalAll();
        } finally {
            lock.unlock();
        }
        flusher.shutdown();
        try {
            if (!flusher.awaitTermination(pool.config().connectionTimeoutMs(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "Pool {0}: the tier usage writer did not stop in time",
                        pool.getPoolName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (mbeanName != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(mbeanName);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "MXBean " + mbeanName + " was already gone", e);
            }
        }
        lock.lock();
        try {
            Map<String, Map<String, Long>> batch = unsaved;
            unsaved = new HashMap<>();
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private ObjectName register() {
        try {
            ObjectName on;
            try {
                on = new ObjectName("io.pooledsqlite:type=Tiers,name=" + pool.getPoolName());
            } catch (MalformedObjectNameException e) {
                on = new ObjectName("io.pooledsqlite:type=Tiers,name=" + ObjectName.quote(pool.getPoolName()));
            }
            ManagementFactory.getPlatformMBeanServer().registerMBean(this, on);
            return on;
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Pool " + pool.getPoolName() + " could not register its tier MXBean",
                    e);
            return null;
        }
    }

    // ---------------------------------------------------------------- TierMXBean

    @Override
    public String getPoolName() {
        return pool.getPoolName();
    }

    @Override
    public TierFigures getFree() {
        return figures(Tier.FREE);
    }

    @Override
    public TierFigures getPro() {
        return figures(Tier.PRO);
    }

    @Override
    public TierFigures getEnterprise() {
        return figures(Tier.ENTERPRISE);
    }

    /** The figures of one tier. */
    public TierFigures figures(Tier tier) {
        lock.lock();
        try {
            int i = tier.ordinal();
            TierLimits limits = policy.find(tier);
            return new TierFigures(tier.key(), limits != null, limits == null ? 0 : limits.concurrent(),
                    policy.reserved(tier), held[i], waiting[i], acquisitions[i], timeouts[i], quotaRejections[i]);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int getConnectionsHeld() {
        lock.lock();
        try {
            return totalHeld;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long dailyUsage(String tenant) {
        return usageNow(tenant, true);
    }

    @Override
    public long monthlyUsage(String tenant) {
        return usageNow(tenant, false);
    }

    private long usageNow(String tenant, boolean day) {
        lock.lock();
        try {
            if (!tenants.containsKey(tenant)) {
                return 0;
            }
            TenantUsage u = usageAt(tenant, policy.clock().instant());
            return day ? u.dayUsed() : u.monthUsed();
        } finally {
            lock.unlock();
        }
    }
}
