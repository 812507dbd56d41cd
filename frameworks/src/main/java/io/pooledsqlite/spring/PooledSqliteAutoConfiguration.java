package io.pooledsqlite.spring;

import io.pooledsqlite.PooledSqliteDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * {@code spring.datasource.url=jdbc:pooledsqlite:…} alone gives the application a {@link PooledSqliteDataSource}:
 * pooledsqlite's own pool, with nothing in front of it, even with HikariCP on the class path. It runs before
 * Boot's DataSource auto-configuration (named for Boot 3 and Boot 4, whose packages differ), which then
 * backs off because a DataSource exists. {@code spring.datasource.username/password} are accepted (SQLite
 * ignores them), the pool keys come from {@link PooledSqliteProperties}, and the pool closes with the context.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
@Conditional(PooledSqliteUrlCondition.class)
@EnableConfigurationProperties(PooledSqliteProperties.class)
public class PooledSqliteAutoConfiguration {
    /** The application's DataSource; {@code close} (inferred by Spring) closes the pool with the context. */
    @Bean
    @ConditionalOnMissingBean(DataSource.class)
    public PooledSqliteDataSource dataSource(Environment environment, PooledSqliteProperties properties,
            ObjectProvider<PooledSqliteDataSourceCustomizer> customizers) {
        Binder binder = Binder.get(environment);
        PooledSqliteDataSource dataSource = new PooledSqliteDataSource(
                binder.bind(PooledSqliteUrlCondition.URL, String.class).get());
        binder.bind("spring.datasource.username", String.class).ifBound(dataSource::setUsername);
        binder.bind("spring.datasource.password", String.class).ifBound(dataSource::setPassword);
        properties.toSettings().forEach(dataSource::setProperty);
        customizers.orderedStream().forEach(c -> c.customize(dataSource));
        return dataSource;
    }
}
