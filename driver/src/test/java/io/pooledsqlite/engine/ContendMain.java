package io.pooledsqlite.engine;

import io.pooledsqlite.PooledSqliteDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.sqlite.jdbc4.JDBC4Connection;

/**
 * Child JVM program: tries to use the database file {@code args[0]} that the test's JVM holds on the
 * wasm engine, once through a wasm pool and once through plain native sqlite-jdbc, and prints what
 * each got.
 */
public final class ContendMain {
    private ContendMain() {
    }

    public static void main(String[] args) {
        String file = args[0];
        try (PooledSqliteDataSource ds = new PooledSqliteDataSource("jdbc:pooledsqlite:" + file + "?engine=wasm")) {
            ds.getConnection().close();
            System.out.println("WASM=opened");
        } catch (SQLException e) {
            System.out.println("WASM=" + e.getSQLState());
        }
        Properties p = new Properties();
        p.setProperty("busy_timeout", "200");
        try (Connection c = new JDBC4Connection("jdbc:sqlite:" + file, file, p)) {
            c.createStatement().executeQuery("SELECT count(*) FROM sqlite_master").close();
            System.out.println("NATIVE=opened");
        } catch (SQLException e) {
            System.out.println("NATIVE=" + e.getMessage());
        }
    }
}
