package io.pooledsqlite.examples.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pooledsqlite.PooledSqliteDataSource;
import java.nio.file.Path;
import java.time.Duration;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README recipe: Hibernate (JPA) on a pooledsqlite DataSource with the community SQLite dialect. */
class HibernateRecipeTest {
    @Test
    void transactionsThroughHibernate(@TempDir Path dir) throws Exception {
        try (PooledSqliteDataSource ds = new PooledSqliteDataSource("jdbc:pooledsqlite:" + dir.resolve("jpa.db"))) {
            ConcurrentIncrements.createCounter(ds);
            org.hibernate.cfg.Configuration configuration = new org.hibernate.cfg.Configuration()
                    .addAnnotatedClass(Counter.class);
            configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, ds);
            configuration.setProperty(AvailableSettings.DIALECT, SQLiteDialect.class.getName());

            try (SessionFactory hibernate = configuration.buildSessionFactory()) {
                int failures = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                        ConcurrentIncrements.run(() -> hibernate.inTransaction(
                                session -> session.find(Counter.class, 1).increment())));

                assertEquals(0, failures);
                int value = hibernate.fromTransaction(session -> session.find(Counter.class, 1).value());
                assertEquals(ConcurrentIncrements.THREADS * ConcurrentIncrements.PER_THREAD, value);
                assertEquals(SQLiteDialect.class, hibernate.unwrap(SessionFactoryImplementor.class)
                        .getJdbcServices().getDialect().getClass());
            }
        }
    }
}
