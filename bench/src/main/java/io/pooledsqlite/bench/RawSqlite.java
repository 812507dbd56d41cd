package io.pooledsqlite.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.sqlite.JDBC;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens sqlite-jdbc connections without {@code DriverManager}: sqlite4j registers the same
 * {@code jdbc:sqlite:} prefix, and whichever registered first would win.
 */
public final class RawSqlite {

    private static final JDBC DRIVER = new JDBC();

    private RawSqlite() {
    }

    /** A new physical sqlite-jdbc connection with the given pragmas (sqlite-jdbc key names). */
    public static Connection open(Path file, Properties pragmas) throws SQLException {
        return DRIVER.connect(url(file), pragmas);
    }

    /** A sqlite-jdbc {@code DataSource} with the given pragmas, for HikariCP. */
    public static SQLiteDataSource dataSource(Path file, Properties pragmas) {
        SQLiteDataSource ds = new SQLiteDataSource(new SQLiteConfig(pragmas));
        ds.setUrl(url(file));
        return ds;
    }

    private static String url(Path file) {
        return JDBC.PREFIX + file.toAbsolutePath();
    }
}
