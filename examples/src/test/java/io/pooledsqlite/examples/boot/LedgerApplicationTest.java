package io.pooledsqlite.examples.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.PooledSqliteDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** The Boot application configured by a URL only, started as a user starts it, on a real file. */
class LedgerApplicationTest {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 200;

    @TempDir
    Path dir;

    private static int appliedMigrations(Path file) throws SQLException {
        try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new Properties());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from flyway_schema_history where success = 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void startsOnPooledsqliteMigratesAndRunsConcurrentTransactionsWithoutErrors() throws Exception {
        Path db = dir.resolve("ledger.db");
        PooledSqliteDataSource dataSource = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            try (ConfigurableApplicationContext app = LedgerApplication.start("--ledger.db=" + db)) {
                Class.forName("com.zaxxer.hikari.HikariDataSource"); // on the class path, and not used
                PooledSqliteDataSource ds = assertInstanceOf(PooledSqliteDataSource.class,
                        app.getBean(DataSource.class));
                assertEquals(1, app.getBeansOfType(DataSource.class).size());
                assertEquals(2, appliedMigrations(db), "Flyway ran through spring.flyway");

                LedgerService ledger = app.getBean(LedgerService.class);
                int failures = LedgerApplication.runWorkload(ledger, THREADS, PER_THREAD);

                assertEquals(0, failures, "failed transactions");
                assertEquals(THREADS * PER_THREAD, ledger.counter(), "every increment counted once");
                assertEquals(4000, ledger.totalBalance(), "transfers move money, never make or lose it");
                assertTrue(ds.getPoolMXBean().getBorrows() >= 2L * THREADS * PER_THREAD);
                return ds;
            }
        });
        assertTrue(dataSource.isClosed(), "the pool closed with the context");
        SQLException e = assertThrows(SQLException.class, dataSource::getConnection);
        assertEquals("08003", e.getSQLState());
    }
}
