package io.pooledsqlite.spring;

import io.pooledsqlite.PooledSqliteDataSource;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** Boot 3's health indicator {@code pooledsqlite}: UP with the pool's figures, DOWN with the reason. */
public class PooledSqliteBoot3HealthIndicator extends AbstractHealthIndicator {
    private final PooledSqliteDataSource dataSource;

    /** An indicator for one data source. */
    public PooledSqliteBoot3HealthIndicator(PooledSqliteDataSource dataSource) {
        super("pooledsqlite health check failed");
        this.dataSource = dataSource;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        builder.up().withDetails(PoolHealth.check(dataSource));
    }
}
