package io.pooledsqlite.spring;

import io.pooledsqlite.PooledSqliteDataSource;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** Boot 4's health indicator {@code pooledsqlite}: UP with the pool's figures, DOWN with the reason. */
public class PooledSqliteHealthIndicator extends AbstractHealthIndicator {
    private final PooledSqliteDataSource dataSource;

    /** An indicator for one data source. */
    public PooledSqliteHealthIndicator(PooledSqliteDataSource dataSource) {
        super("pooledsqlite health check failed");
        this.dataSource = dataSource;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        builder.up().withDetails(PoolHealth.check(dataSource));
    }
}
