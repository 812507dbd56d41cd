package io.pooledsqlite.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pooledsqlite.PooledSqliteDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Boot's Flyway support on a pooledsqlite application: through its DataSource, or by {@code spring.flyway.url}. */
class BootFlywayTest {
    @TempDir
    Path dir;

    @AfterEach
    void closePools() {
        PooledSqliteDriver.closeAll();
    }

    private static int appliedMigrations(Path file) throws SQLException {
        try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new Properties());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from flyway_schema_history where success = 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void springFlywayMigratesThroughTheApplicationsPool() throws Exception {
        try (ConfigurableApplicationContext app = BootApp.start(dir,
                "spring.flyway.enabled=true", "spring.flyway.locations=classpath:fwtest")) {
            assertEquals(0, app.getBean(JdbcTemplate.class).queryForObject("select n from counter", Integer.class));
        }
        assertEquals(2, appliedMigrations(dir.resolve("app.db")));
    }

    @Test
    void springFlywayUrlMigratesAnotherDatabaseByUrl() throws Exception {
        Path other = dir.resolve("other.db");
        try (ConfigurableApplicationContext app = BootApp.start(dir,
                "spring.flyway.enabled=true", "spring.flyway.locations=classpath:fwtest",
                "spring.flyway.url=jdbc:pooledsqlite:" + other, "spring.flyway.user=migrator")) {
            app.getBean(JdbcTemplate.class).queryForObject("select 1", Integer.class);
        }
        assertEquals(2, appliedMigrations(other));
    }
}
