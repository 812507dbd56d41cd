package io.pooledsqlite.spring;

import io.pooledsqlite.PooledSqliteDataSource;
import io.pooledsqlite.config.ConfigParser;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code spring.datasource.url} is a {@code jdbc:pooledsqlite:} URL and
 * {@code spring.datasource.type} is unset or names {@link PooledSqliteDataSource}. Naming another type (say
 * HikariCP's) is an explicit choice to put another pool in front, so Boot's own configuration is left to it.
 */
class PooledSqliteUrlCondition extends SpringBootCondition {
    static final String URL = "spring.datasource.url";
    static final String TYPE = "spring.datasource.type";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Binder binder = Binder.get(context.getEnvironment());
        String url = binder.bind(URL, String.class).orElse(null);
        if (!ConfigParser.accepts(url)) {
            return ConditionOutcome.noMatch(URL + " is not a " + ConfigParser.PREFIX + " URL");
        }
        String type = binder.bind(TYPE, String.class).orElse(null);
        if (type != null && !type.equals(PooledSqliteDataSource.class.getName())) {
            return ConditionOutcome.noMatch(TYPE + " names " + type + ", another pool in front of pooledsqlite");
        }
        return ConditionOutcome.match(URL + " is a " + ConfigParser.PREFIX + " URL");
    }
}
