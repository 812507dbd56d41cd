package io.pooledsqlite.metrics;

import io.pooledsqlite.PooledSqliteDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Run by {@link WithoutMicrometerTest} in a JVM whose class path has only the driver, sqlite-jdbc and this
 * class. Prints one line per case: what a user without Micrometer sees.
 */
public final class NoMicrometerMain {
    private NoMicrometerMain() {
    }

    public static void main(String[] args) throws Exception {
        String dir = args[0];
        System.out.println("plain: " + selectOne("jdbc:pooledsqlite:" + dir + "/plain.db?poolName=plain"));
        try {
            selectOne("jdbc:pooledsqlite:" + dir + "/metered.db?poolName=metered&metrics=true");
            System.out.println("metrics=true: no error");
        } catch (SQLException e) {
            System.out.println("metrics=true: " + e.getSQLState() + " " + e.getMessage());
        }
        try (PooledSqliteDataSource ds = new PooledSqliteDataSource(dir + "/ds.db")) {
            try {
                ds.setMeterRegistry(new Object());
                System.out.println("setMeterRegistry: accepted");
            } catch (IllegalArgumentException e) {
                System.out.println("setMeterRegistry: " + e.getMessage());
            }
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select 2")) {
                rs.next();
                System.out.println("data source: " + rs.getInt(1));
            }
        }
        System.out.println("metered again without metrics: "
                + selectOne("jdbc:pooledsqlite:" + dir + "/metered.db?poolName=metered"));
    }

    private static int selectOne(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
