package io.pooledsqlite.spring;

import io.pooledsqlite.PooledSqliteDataSource;

/**
 * Adjusts the {@link PooledSqliteDataSource} Spring Boot builds from {@code spring.datasource.*} before its
 * pool starts (tiers, a meter registry, settings with no property). Declare one as a bean; all of them are
 * applied, in bean order.
 */
@FunctionalInterface
public interface PooledSqliteDataSourceCustomizer {
    /** Called once, after the properties are applied and before the first connection is borrowed. */
    void customize(PooledSqliteDataSource dataSource);
}
