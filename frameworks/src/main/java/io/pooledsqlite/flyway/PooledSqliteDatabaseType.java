package io.pooledsqlite.flyway;

import io.pooledsqlite.PooledSqliteDriver;
import io.pooledsqlite.config.ConfigParser;
import java.sql.Connection;
import org.flywaydb.core.internal.database.sqlite.SQLiteDatabaseType;

/**
 * Lets Flyway take a {@code jdbc:pooledsqlite:} URL ({@code Flyway.configure().dataSource(url, user, password)},
 * {@code spring.flyway.url}, the command line's {@code -url}): Flyway picks a database type from the URL before
 * it connects, to learn the driver class. This type only answers that question; once connected, the pool's
 * connections say they are SQLite and Flyway's own SQLite support runs the migrations. Registered through
 * Flyway's plugin SPI ({@code META-INF/services/org.flywaydb.core.extensibility.Plugin}).
 */
public class PooledSqliteDatabaseType extends SQLiteDatabaseType {
    @Override
    public String getName() {
        return "pooledsqlite";
    }

    @Override
    public boolean handlesJDBCUrl(String url) {
        return ConfigParser.accepts(url);
    }

    @Override
    public String getDriverClass(String url, ClassLoader classLoader) {
        return PooledSqliteDriver.class.getName();
    }

    /** Connected databases are Flyway's SQLite type's to handle, so migrations behave exactly as on SQLite. */
    @Override
    public boolean handlesDatabaseProductNameAndVersion(String databaseProductName, String databaseProductVersion,
            Connection connection) {
        return false;
    }
}
