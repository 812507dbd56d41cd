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

/** Boot's Liquibase support on a pooledsqlite application: through its DataSource, or by {@code spring.liquibase.url}. */
class BootLiquibaseTest {
    @TempDir
    Path dir;

    @AfterEach
    void closePools() {
        PooledSqliteDriver.closeAll();
    }

    private static int executedChangeSets(Path file) throws SQLException {
        try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new Properties());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from databasechangelog where exectype = 'EXECUTED'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void springLiquibaseUpdatesThroughTheApplicationsPool() throws Exception {
        try (ConfigurableApplicationContext app = BootApp.start(dir,
                "spring.liquibase.enabled=true", "spring.liquibase.change-log=classpath:lbtest/changelog.xml")) {
            assertEquals("sqlite only",
                    app.getBean(JdbcTemplate.class).queryForObject("select body from note where id = 1", String.class));
        }
        assertEquals(2, executedChangeSets(dir.resolve("app.db")));
    }

    @Test
    void springLiquibaseUrlUpdatesAnotherDatabaseByUrl() throws Exception {
        Path other = dir.resolve("other.db");
        try (ConfigurableApplicationContext app = BootApp.start(dir,
                "spring.liquibase.enabled=true", "spring.liquibase.change-log=classpath:lbtest/changelog.xml",
                "spring.liquibase.url=jdbc:pooledsqlite:" + other)) {
            app.getBean(JdbcTemplate.class).queryForObject("select 1", Integer.class);
        }
        assertEquals(2, executedChangeSets(other));
    }
}
