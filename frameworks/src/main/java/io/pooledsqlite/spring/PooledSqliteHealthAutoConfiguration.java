package io.pooledsqlite.spring;

import io.pooledsqlite.PooledSqliteDataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Boot 4 with Actuator: the health indicator {@code pooledsqlite} for the application's pool
 * ({@code management.health.pooledsqlite.enabled=false} turns it off).
 */
@AutoConfiguration(after = PooledSqliteAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnSingleCandidate(PooledSqliteDataSource.class)
@ConditionalOnProperty(name = "management.health.pooledsqlite.enabled", matchIfMissing = true)
public class PooledSqliteHealthAutoConfiguration {
    /** Named so that Boot shows it as {@code pooledsqlite}. */
    @Bean
    public PooledSqliteHealthIndicator pooledsqliteHealthIndicator(PooledSqliteDataSource dataSource) {
        return new PooledSqliteHealthIndicator(dataSource);
    }
}
