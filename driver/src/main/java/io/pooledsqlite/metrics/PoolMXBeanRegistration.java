package io.pooledsqlite.metrics;

import java.lang.management.ManagementFactory;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * A pool's {@link PoolMXBean} in the platform MBean server under
 * {@code io.pooledsqlite:type=Pool,name=<poolName>} (the name quoted if it needs to be); closing it
 * unregisters it. A pool whose bean cannot be registered still works: that is logged, not thrown.
 */
public final class PoolMXBeanRegistration implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PoolMXBeanRegistration.class.getName());

    private final ObjectName name;

    private PoolMXBeanRegistration(ObjectName name) {
        this.name = name;
    }

    /** Registers {@code pool} under its pool name. */
    public static PoolMXBeanRegistration register(PoolMXBean pool) {
        String poolName = pool.getPoolName();
        try {
            ObjectName on;
            try {
                on = new ObjectName("io.pooledsqlite:type=Pool,name=" + poolName);
            } catch (MalformedObjectNameException e) {
                on = new ObjectName("io.pooledsqlite:type=Pool,name=" + ObjectName.quote(poolName));
            }
            ManagementFactory.getPlatformMBeanServer().registerMBean(pool, on);
            return new PoolMXBeanRegistration(on);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Pool " + poolName + " could not register its MXBean", e);
            return new PoolMXBeanRegistration(null);
        }
    }

    /** Unregisters the bean; harmless if it was never registered or is gone already. */
    @Override
    public void close() {
        if (name == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "MXBean " + name + " was already gone", e);
        }
    }
}
