package io.pooledsqlite.examples.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pooledsqlite.PooledSqliteDataSource;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README recipe: MyBatis on a pooledsqlite DataSource, in place of MyBatis's own pool. */
class MyBatisRecipeTest {
    @Test
    void transactionsThroughMyBatis(@TempDir Path dir) throws Exception {
        try (PooledSqliteDataSource ds = new PooledSqliteDataSource("jdbc:pooledsqlite:" + dir.resolve("mybatis.db"))) {
            ConcurrentIncrements.createCounter(ds);
            Configuration configuration = new Configuration(new Environment("app", new JdbcTransactionFactory(), ds));
            configuration.addMapper(CounterMapper.class);
            SqlSessionFactory sessions = new SqlSessionFactoryBuilder().build(configuration);

            int failures = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                    ConcurrentIncrements.run(() -> {
                        try (SqlSession session = sessions.openSession(false)) {
                            CounterMapper counter = session.getMapper(CounterMapper.class);
                            counter.set(counter.get() + 1);
                            session.commit();
                        }
                    }));

            assertEquals(0, failures);
            assertEquals(ConcurrentIncrements.THREADS * ConcurrentIncrements.PER_THREAD, ConcurrentIncrements.value(ds));
        }
    }
}
