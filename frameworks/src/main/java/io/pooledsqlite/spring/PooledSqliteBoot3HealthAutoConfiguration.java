package io.pooledsqlite.spring;

import io.pooledsqlite.PooledSqliteDataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;

/**
 * Boot 3 with Actuator: the health indicator {@code pooledsqlite} for the application's pool
 * ({@code management.health.pooledsqlite.enabled=false} turns it off). Steps aside on Boot 4.
 */
@AutoConfiguration(after = PooledSqliteAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnMissingClass("org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnSingleCandidate(PooledSqliteDataSource.class)
@ConditionalOnProperty(name = "management.health.pooledsqlite.enabled", matchIfMissing = true)
public class PooledSqliteBoot3HealthAutoConfiguration {
    /** Named so that Boot shows it as {@code pooledsqlite}. */
    @Bean
    public PooledSqliteBoot3HealthIndicator pooledsqliteHealthIndicator(PooledSqliteDataSource dataSource) {
        return new PooledSqliteBoot3HealthIndicator(dataSource);
    }
}
