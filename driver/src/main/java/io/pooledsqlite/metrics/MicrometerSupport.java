package io.pooledsqlite.metrics;

import java.sql.SQLException;

/**
 * The only way the driver reaches Micrometer, an optional dependency. This class names no Micrometer
 * type, so it links without Micrometer on the class path; it checks that Micrometer is there before it
 * lets {@link MicrometerPoolMetrics} (which does name Micrometer types) be loaded.
 */
public final class MicrometerSupport {
    /** Micrometer's registry type, looked up by name so that this class never links against it. */
    static final String REGISTRY_CLASS = "io.micrometer.core.instrument.MeterRegistry";
    private static final String MISSING = "Micrometer (io.micrometer:micrometer-core) is not on the class path";

    private MicrometerSupport() {
    }

    /**
     * Reports a pool's figures to Micrometer's global registry ({@code Metrics.globalRegistry}), as the
     * pool key {@code metrics=true} asks.
     *
     * @throws SQLException with SQLState {@code HY024} if Micrometer is not on the class path, or
     *     {@code HY000} if the registry refuses a meter
     */
    public static PoolMetrics toGlobalRegistry(PoolMXBean pool) throws SQLException {
        if (registryType() == null) {
            throw new SQLException("metrics=true for pool " + pool.getPoolName() + " but " + MISSING
                    + ": add it to the application, or remove metrics=true", "HY024");
        }
        try {
            return MicrometerPoolMetrics.bindGlobal(pool);
        } catch (RuntimeException e) {
            throw refused(pool, e);
        }
    }

    /**
     * Reports a pool's figures to {@code registry}, a Micrometer {@code MeterRegistry}.
     *
     * @throws IllegalArgumentException as {@link #checkRegistry(Object)} does
     * @throws SQLException with SQLState {@code HY000} if the registry refuses a meter
     */
    public static PoolMetrics toRegistry(Object registry, PoolMXBean pool) throws SQLException {
        checkRegistry(registry);
        try {
            return MicrometerPoolMetrics.bind(registry, pool);
        } catch (RuntimeException e) {
            throw refused(pool, e);
        }
    }

    private static SQLException refused(PoolMXBean pool, RuntimeException e) {
        return new SQLException("Pool " + pool.getPoolName() + " cannot register its meters: " + e.getMessage(),
                "HY000", e);
    }

    /**
     * Checks that {@code registry} is a Micrometer {@code MeterRegistry} this driver can report to.
     *
     * @throws IllegalArgumentException naming what is wrong: no Micrometer, or another type
     */
    public static void checkRegistry(Object registry) {
        if (registry == null) {
            throw new IllegalArgumentException("The meter registry must not be null");
        }
        Class<?> type = registryType();
        if (type == null) {
            throw new IllegalArgumentException("Cannot report to " + registry.getClass().getName() + ": " + MISSING);
        }
        if (!type.isInstance(registry)) {
            throw new IllegalArgumentException("Expected a " + REGISTRY_CLASS + " (as seen by the driver's class"
                    + " loader), got a " + registry.getClass().getName());
        }
    }

    /** Micrometer's registry type as the driver's class loader sees it, or {@code null} if absent. */
    private static Class<?> registryType() {
        try {
            return Class.forName(REGISTRY_CLASS, false, MicrometerSupport.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
