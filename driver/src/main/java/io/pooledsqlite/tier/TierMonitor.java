package io.pooledsqlite.tier;

import java.lang.management.ManagementFactory;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The {@link TierMXBean} of one pool: reads {@link Admission} and {@link QuotaLedger}, and registers
 * itself as {@code io.pooledsqlite:type=Tiers,name=<poolName>} while the pool's tiers run.
 */
final class TierMonitor implements TierMXBean {
    private static final System.Logger LOG = System.getLogger(TierMonitor.class.getName());

    private final String poolName;
    private final Admission admission;
    private final QuotaLedger ledger;
    private ObjectName registered;

    TierMonitor(String poolName, Admission admission, QuotaLedger ledger) {
        this.poolName = poolName;
        this.admission = admission;
        this.ledger = ledger;
    }

    @Override
    public String getPoolName() {
        return poolName;
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
    private TierFigures figures(Tier tier) {
        return admission.figures(tier, ledger.rejections(tier));
    }

    @Override
    public int getConnectionsHeld() {
        return admission.totalHeld();
    }

    @Override
    public long dailyUsage(String tenant) {
        return ledger.used(tenant, true);
    }

    @Override
    public long monthlyUsage(String tenant) {
        return ledger.used(tenant, false);
    }

    /** Registers with the platform MBean server; a failure is logged, the tiers work without JMX. */
    synchronized void register() {
        try {
            ObjectName on;
            try {
                on = new ObjectName("io.pooledsqlite:type=Tiers,name=" + poolName);
            } catch (MalformedObjectNameException e) {
                on = new ObjectName("io.pooledsqlite:type=Tiers,name=" + ObjectName.quote(poolName));
            }
            ManagementFactory.getPlatformMBeanServer().registerMBean(this, on);
            registered = on;
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Pool " + poolName + " could not register its tier MXBean", e);
        }
    }

    synchronized void unregister() {
        if (registered == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(registered);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "MXBean " + registered + " was already gone", e);
        }
        registered = null;
    }
}
