package io.pooledsqlite.flyway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pooledsqlite.PooledSqliteDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flyway given only a {@code jdbc:pooledsqlite:} URL migrates as it does on {@code jdbc:sqlite:}. */
class FlywayByUrlTest {
    @TempDir
    Path dir;

    @AfterEach
    void closePools() {
        PooledSqliteDriver.closeAll();
    }

    private static MigrateResult migrate(String url) {
        return Flyway.configure().dataSource(url, "sa", "secret").locations("classpath:fwtest").load().migrate();
    }

    /** The schema history Flyway wrote: version, script, success. */
    private static List<String> history(Path file) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new Properties());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select version, script, success from flyway_schema_history"
                        + " order by installed_rank")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3));
            }
        }
        return rows;
    }

    @Test
    void migratesThroughThePoolAsOnPlainSqlite() throws Exception {
        Path pooled = dir.resolve("pooled.db");
        Path plain = dir.resolve("plain.db");
        String url = "jdbc:pooledsqlite:" + pooled + "?poolName=flyway-by-url";

        MigrateResult result = migrate(url);
        migrate("jdbc:sqlite:" + plain);

        assertEquals(2, result.migrationsExecuted);
        assertEquals(history(plain), history(pooled));
        assertEquals(List.of("1 V1__notes.sql 1", "2 V2__counter.sql 1"), history(pooled));
        // Flyway's connections were pooledsqlite's, not a plain sqlite-jdbc connection
        assertEquals("flyway-by-url", PooledSqliteDriver.pool(url, null).getPoolName());

        assertEquals(0, migrate(url).migrationsExecuted, "a second run finds nothing to do");
    }

    @Test
    void plainSqliteUrlsStayWithFlywaysSqliteType() {
        assertEquals(false, new PooledSqliteDatabaseType().handlesJDBCUrl("jdbc:sqlite:x.db"));
        assertEquals("io.pooledsqlite.PooledSqliteDriver",
                new PooledSqliteDatabaseType().getDriverClass("jdbc:pooledsqlite:x.db", getClass().getClassLoader()));
    }
}
