package io.pooledsqlite.examples.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pooledsqlite.PooledSqliteDriver;
import io.pooledsqlite.metrics.PoolMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the README says about HikariCP in front of pooledsqlite: transactions still work (the write gate
 * lives in each connection), but it is two pools, and pooledsqlite sees every connection HikariCP keeps as
 * borrowed all the time.
 */
class HikariInFrontRecipeTest {
    @AfterEach
    void closePools() {
        PooledSqliteDriver.closeAll();
    }

    @Test
    void transactionsStillWorkButPooledsqliteSeesHikarisConnectionsAsAlwaysBorrowed(@TempDir Path dir)
            throws Exception {
        String url = "jdbc:pooledsqlite:" + dir.resolve("hikari.db") + "?poolName=behind-hikari";
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setDriverClassName(PooledSqliteDriver.class.getName());
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(4);
        try (HikariDataSource hikari = new HikariDataSource(config)) {
            ConcurrentIncrements.createCounter(hikari);
            int failures = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                    ConcurrentIncrements.run(() -> {
                        try (Connection c = hikari.getConnection()) {
                            c.setAutoCommit(false);
                            try (Statement s = c.createStatement()) {
                                var rs = s.executeQuery("select n from counter where id = 1");
                                rs.next();
                                s.executeUpdate("update counter set n = " + (rs.getInt(1) + 1) + " where id = 1");
                            }
                            c.commit();
                        }
                    }));
            assertEquals(0, failures);
            assertEquals(ConcurrentIncrements.THREADS * ConcurrentIncrements.PER_THREAD, ConcurrentIncrements.value(hikari));

            PoolMXBean pooled = PooledSqliteDriver.pool(url, null);
            assertEquals(0, hikari.getHikariPoolMXBean().getActiveConnections(), "HikariCP: all idle");
            assertEquals(hikari.getHikariPoolMXBean().getTotalConnections(), pooled.getActiveConnections(),
                    "pooledsqlite: every connection HikariCP keeps counts as borrowed");
        }
    }
}
