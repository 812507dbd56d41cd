package io.pooledsqlite.spring;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * With Micrometer on the class path and a {@link MeterRegistry} bean (Spring Boot Actuator), the pool reports
 * its meters ({@code pooledsqlite.*}, tagged {@code pool=<poolName>}) to Boot's registry, so Boot's
 * {@code management.metrics.distribution.*} properties apply to them (percentiles, histograms, SLOs of
 * {@code pooledsqlite.connections.acquire} and {@code .usage}). A separate configuration so that the main one
 * links without Micrometer.
 */
@AutoConfiguration(before = PooledSqliteAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@Conditional(PooledSqliteUrlCondition.class)
public class PooledSqliteMetricsAutoConfiguration {
    /** Hands Boot's registry, if there is one, to the data source before its pool starts. */
    @Bean
    public PooledSqliteDataSourceCustomizer pooledSqliteMeterRegistry(ObjectProvider<MeterRegistry> registry) {
        return dataSource -> registry.ifAvailable(dataSource::setMeterRegistry);
    }
}
