package io.pooledsqlite.examples.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pooledsqlite.PooledSqliteDataSource;
import java.nio.file.Path;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README recipe: JDBI on a pooledsqlite DataSource. */
class JdbiRecipeTest {
    @Test
    void transactionsThroughJdbi(@TempDir Path dir) throws Exception {
        try (PooledSqliteDataSource ds = new PooledSqliteDataSource("jdbc:pooledsqlite:" + dir.resolve("jdbi.db"))) {
            ConcurrentIncrements.createCounter(ds);
            Jdbi jdbi = Jdbi.create(ds);

            int failures = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                    ConcurrentIncrements.run(() -> jdbi.useTransaction(h -> {
                        int n = h.createQuery("select n from counter where id = 1").mapTo(Integer.class).one();
                        h.createUpdate("update counter set n = :n where id = 1").bind("n", n + 1).execute();
                    })));

            assertEquals(0, failures);
            assertEquals(ConcurrentIncrements.THREADS * ConcurrentIncrements.PER_THREAD, ConcurrentIncrements.value(ds));
        }
    }
}
