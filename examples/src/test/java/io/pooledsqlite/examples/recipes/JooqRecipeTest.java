package io.pooledsqlite.examples.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.table;

import io.pooledsqlite.PooledSqliteDataSource;
import java.nio.file.Path;
import java.time.Duration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README recipe: jOOQ on a pooledsqlite DataSource with {@code SQLDialect.SQLITE}. */
class JooqRecipeTest {
    @Test
    void transactionsThroughJooq(@TempDir Path dir) throws Exception {
        try (PooledSqliteDataSource ds = new PooledSqliteDataSource("jdbc:pooledsqlite:" + dir.resolve("jooq.db"))) {
            ConcurrentIncrements.createCounter(ds);
            DSLContext db = DSL.using(ds, SQLDialect.SQLITE);

            int failures = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                    ConcurrentIncrements.run(() -> db.transaction(tx -> {
                        DSLContext t = DSL.using(tx);
                        int n = t.select(field("n", Integer.class)).from(table("counter"))
                                .where(field("id").eq(1)).fetchOne().value1();
                        t.update(table("counter")).set(field("n"), n + 1).where(field("id").eq(1)).execute();
                    })));

            assertEquals(0, failures);
            assertEquals(ConcurrentIncrements.THREADS * ConcurrentIncrements.PER_THREAD, ConcurrentIncrements.value(ds));
            assertEquals(SQLDialect.SQLITE, db.dialect());
        }
    }
}
