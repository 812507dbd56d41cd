package io.pooledsqlite.spring;

import io.pooledsqlite.PooledSqliteDriver;
import io.pooledsqlite.config.ConfigParser;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/**
 * Boot derives a driver class from a URL through a fixed list that has no {@code jdbc:pooledsqlite:}. Where
 * Boot itself builds a connection from a URL ({@code spring.flyway.url}, {@code spring.liquibase.url}, or
 * {@code spring.datasource.url} with another pool named by {@code spring.datasource.type}) and no driver class
 * is set, this names {@link PooledSqliteDriver}, in a property source of the lowest precedence, before any
 * properties are bound. A bean factory post-processor rather than an {@code EnvironmentPostProcessor},
 * whose type Boot 4 moved.
 */
public class DriverClassDefaults implements BeanFactoryPostProcessor, EnvironmentAware {
    /** The property source's name, as shown by the Actuator's {@code env} endpoint. */
    public static final String SOURCE = "pooledsqliteDriverClassDefaults";
    private static final String[] PREFIXES = {"spring.datasource", "spring.flyway", "spring.liquibase"};

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!(environment instanceof ConfigurableEnvironment)) {
            return;
        }
        ConfigurableEnvironment env = (ConfigurableEnvironment) environment;
        Binder binder = Binder.get(env);
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (String prefix : PREFIXES) {
            String url = binder.bind(prefix + ".url", String.class).orElse(null);
            if (ConfigParser.accepts(url) && !binder.bind(prefix + ".driver-class-name", String.class).isBound()) {
                defaults.put(prefix + ".driver-class-name", PooledSqliteDriver.class.getName());
            }
        }
        if (!defaults.isEmpty() && !env.getPropertySources().contains(SOURCE)) {
            env.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
        }
    }
}
