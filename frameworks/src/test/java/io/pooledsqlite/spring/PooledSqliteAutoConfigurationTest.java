package io.pooledsqlite.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.PooledSqliteDataSource;
import io.pooledsqlite.metrics.PoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.management.ObjectName;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code spring.datasource.url=jdbc:pooledsqlite:…} in a real Boot application, HikariCP on the class path. */
class PooledSqliteAutoConfigurationTest {
    @TempDir
    Path dir;

    @Test
    void theUrlAloneGivesPooledsqlitesOwnPoolWithNothingInFront() throws Exception {
        assertTrue(isOnClassPath("com.zaxxer.hikari.HikariDataSource"), "the test needs HikariCP present");
        try (ConfigurableApplicationContext app = BootApp.start(dir,
                "spring.datasource.username=app", "spring.datasource.password=secret")) {
            Map<String, DataSource> sources = app.getBeansOfType(DataSource.class);
            assertEquals(1, sources.size(), sources.toString());
            PooledSqliteDataSource ds = assertInstanceOf(PooledSqliteDataSource.class, sources.values().iterator().next());
            assertEquals("app", ds.getUsername());
            assertEquals("secret", ds.getPassword());

            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            jdbc.execute("create table t (x integer)");
            jdbc.update("insert into t values (?)", 42);
            assertEquals(42, jdbc.queryForObject("select x from t", Integer.class));
            try (Connection c = ds.getConnection()) {
                assertEquals("jdbc:sqlite:" + dir.resolve("app.db"), c.getMetaData().getURL(),
                        "a pooledsqlite connection on the file, not a HikariCP proxy");
                assertTrue(c.getClass().getName().startsWith("io.pooledsqlite."), c.getClass().getName());
            }
        }
    }

    @Test
    void poolKeysAreBootPropertiesInRelaxedForm() throws Exception {
        try (ConfigurableApplicationContext app = BootApp.start(dir,
                "spring.datasource.pooledsqlite.pool-name=boot-keys",
                "spring.datasource.pooledsqlite.max-pool-size=3",
                "spring.datasource.pooledsqlite.min-idle=2",
                "spring.datasource.pooledsqlite.connection-timeout=2s",
                "spring.datasource.pooledsqlite.statement-cache-size=16",
                "spring.datasource.pooledsqlite.sqlite.foreign_keys=true")) {
            PooledSqliteDataSource ds = app.getBean(PooledSqliteDataSource.class);
            PoolMXBean pool = ds.getPoolMXBean();
            assertEquals("boot-keys", pool.getPoolName());
            assertEquals(3, pool.getMaxPoolSize());
            assertEquals(2, pool.getMinIdle());
            assertEquals(1, app.getBean(JdbcTemplate.class).queryForObject("pragma foreign_keys", Integer.class));
        }
    }

    @Test
    void aBadPropertyValueFailsWithTheDriversMessage() {
        try (ConfigurableApplicationContext app = BootApp.start(dir,
                "spring.datasource.pooledsqlite.engine=steam")) {
            SQLException e = assertThrows(SQLException.class, () -> app.getBean(DataSource.class).getConnection());
            assertEquals("HY024", e.getSQLState());
            assertTrue(e.getMessage().contains("engine"), e.getMessage());
        }
    }

    @Test
    void thePoolClosesWithTheContext() throws Exception {
        PooledSqliteDataSource ds;
        ObjectName mbean;
        try (ConfigurableApplicationContext app = BootApp.start(dir, "spring.datasource.pooledsqlite.pool-name=closing")) {
            ds = app.getBean(PooledSqliteDataSource.class);
            ds.getConnection().close();
            mbean = new ObjectName("io.pooledsqlite:type=Pool,name=closing");
            assertTrue(ManagementFactory.getPlatformMBeanServer().isRegistered(mbean));
        }
        assertTrue(ds.isClosed());
        assertFalse(ManagementFactory.getPlatformMBeanServer().isRegistered(mbean));
        SQLException e = assertThrows(SQLException.class, ds::getConnection);
        assertEquals("08003", e.getSQLState());
    }

    @Test
    void anotherUrlLeavesBootAlone() {
        try (ConfigurableApplicationContext app = BootApp.start(dir,
                "spring.datasource.url=jdbc:sqlite:" + dir.resolve("plain.db"))) {
            assertFalse(app.getBean(DataSource.class) instanceof PooledSqliteDataSource);
            assertTrue(app.getBeansOfType(PooledSqliteDataSource.class).isEmpty());
        }
    }

    @Test
    void namingHikariAsTheTypePutsItInFrontOfPooledsqlite() throws Exception {
        try (ConfigurableApplicationContext app = BootApp.start(dir,
                "spring.datasource.type=com.zaxxer.hikari.HikariDataSource")) {
            DataSource ds = app.getBean(DataSource.class);
            assertEquals("com.zaxxer.hikari.HikariDataSource", ds.getClass().getName());
            assertEquals(1, app.getBean(JdbcTemplate.class).queryForObject("select 1", Integer.class));
        }
    }

    private static boolean isOnClassPath(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
