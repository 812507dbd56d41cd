package io.pooledsqlite.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.pooledsqlite.PooledSqliteDataSource;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** With Actuator present: the pool's health indicator and its meters on Boot's registry. */
class ActuatorTest {
    @TempDir
    Path dir;

    /**
     * The indicator's status and details. Reflection because Boot 3 and Boot 4 name the indicator type
     * differently and these tests run on both.
     */
    private static Object[] health(Object indicator) throws Exception {
        Object health = indicator.getClass().getMethod("health").invoke(indicator);
        Object status = health.getClass().getMethod("getStatus").invoke(health);
        Object details = health.getClass().getMethod("getDetails").invoke(health);
        return new Object[] {status.getClass().getMethod("getCode").invoke(status), details};
    }

    @Test
    void healthIsUpWithThePoolsFiguresAndDownOnceClosed() throws Exception {
        try (ConfigurableApplicationContext app = BootApp.start(dir,
                "spring.datasource.pooledsqlite.pool-name=health", "spring.datasource.pooledsqlite.max-pool-size=4")) {
            Object indicator = app.getBean("pooledsqliteHealthIndicator");
            Object[] up = health(indicator);
            assertEquals("UP", up[0]);
            Map<?, ?> details = (Map<?, ?>) up[1];
            assertEquals("health", details.get("pool"));
            assertEquals(4, details.get("max"));
            assertEquals("native", details.get("engine"));

            app.getBean(PooledSqliteDataSource.class).close();
            Object[] down = health(indicator);
            assertEquals("DOWN", down[0]);
            assertTrue(String.valueOf(down[1]).contains("closed"), String.valueOf(down[1]));
        }
    }

    @Test
    void healthCanBeTurnedOff() {
        try (ConfigurableApplicationContext app = BootApp.start(dir, "management.health.pooledsqlite.enabled=false")) {
            assertFalse(app.containsBean("pooledsqliteHealthIndicator"));
        }
    }

    @Test
    void metersGoToBootsRegistryWithTheDistributionBootConfigures() throws Exception {
        try (ConfigurableApplicationContext app = BootApp.start(dir,
                "spring.datasource.pooledsqlite.pool-name=meters",
                "management.metrics.distribution.percentiles.pooledsqlite.connections.acquire=0.5,0.99",
                "management.metrics.distribution.slo.pooledsqlite.connections.usage=1ms,10s")) {
            PooledSqliteDataSource ds = app.getBean(PooledSqliteDataSource.class);
            for (int i = 0; i < 6; i++) {
                ds.getConnection().close();
            }
            MeterRegistry registry = app.getBean(MeterRegistry.class);
            Timer acquire = registry.get("pooledsqlite.connections.acquire").tag("pool", "meters").timer();
            Timer usage = registry.get("pooledsqlite.connections.usage").tag("pool", "meters").timer();
            HistogramSnapshot acquired = acquire.takeSnapshot();
            HistogramSnapshot used = usage.takeSnapshot();
            // the health indicator may have borrowed too
            assertTrue(acquired.count() >= 6, acquired.toString());
            assertEquals(2, acquired.percentileValues().length, acquired.toString());
            assertEquals(2, used.histogramCounts().length, used.toString());
            assertEquals(used.count(), (long) used.histogramCounts()[1].count(), "every borrow within 10 s");
            assertEquals(1.0, registry.get("pooledsqlite.engine").tag("pool", "meters").gauge().value());
        }
        // the pool closed with the context and took its meters along; the registry closed too
    }
}
