package io.pooledsqlite.liquibase;

import io.pooledsqlite.PooledSqliteDriver;
import io.pooledsqlite.config.ConfigParser;
import liquibase.database.DatabaseConnection;
import liquibase.database.core.SQLiteDatabase;

/**
 * Lets Liquibase take a {@code jdbc:pooledsqlite:} URL ({@code --url}, {@code CommandScope}'s {@code url},
 * {@code spring.liquibase.url}) without a driver class: Liquibase asks every {@code Database} implementation
 * for the default driver of a URL. This one only answers that question; once connected, the pool's
 * connections say they are SQLite and Liquibase's own {@link SQLiteDatabase} takes over, so changelogs with
 * {@code dbms="sqlite"} apply. Registered with {@code META-INF/services/liquibase.database.Database}.
 */
public class PooledSqliteDatabase extends SQLiteDatabase {
    @Override
    public String getDefaultDriver(String url) {
        return ConfigParser.accepts(url) ? PooledSqliteDriver.class.getName() : null;
    }

    /**
     * Its own name: Liquibase keeps one implementation per name and priority, so sharing {@code sqlite}
     * would hide its SQLite support.
     */
    @Override
    public String getShortName() {
        return "pooledsqlite";
    }

    /** Connections are Liquibase's SQLite support's to handle. */
    @Override
    public boolean isCorrectDatabaseImplementation(DatabaseConnection connection) {
        return false;
    }
}
