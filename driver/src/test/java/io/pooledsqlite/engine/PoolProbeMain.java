package io.pooledsqlite.engine;

import io.pooledsqlite.PooledSqliteDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Child JVM program: opens sqlite-jdbc directly, tries {@code engine=native}, then starts a pool with {@code engine=auto} on the
 * database file {@code args[0]}, prints the engine it came up on, and writes {@code args[1]} rows in
 * transactions. Prints {@code KEY=value} lines the tests read.
 */
public final class PoolProbeMain {
    private PoolProbeMain() {
    }

    public static void main(String[] args) throws Exception {
        String file = args[0];
        int rows = Integer.parseInt(args[1]);
        // an application that used sqlite-jdbc first: its failed load makes the pool see UnsatisfiedLinkError
        try {
            new org.sqlite.jdbc4.JDBC4Connection("jdbc:sqlite::memory:", ":memory:", new java.util.Properties()).close();
            System.out.println("RAW=ok");
        } catch (SQLException | LinkageError e) {
            System.out.println("RAW=" + e.getClass().getName());
        }
        try (PooledSqliteDataSource forced = new PooledSqliteDataSource("jdbc:pooledsqlite:" + file
                + "?engine=native&poolName=forced-native")) {
            forced.getConnection().close();
            System.out.println("NATIVE=available");
        } catch (SQLException e) {
            System.out.println("NATIVE=" + e.getSQLState() + " " + e.getMessage());
        }
        try (PooledSqliteDataSource ds = new PooledSqliteDataSource("jdbc:pooledsqlite:" + file + "?poolName=probe")) {
            try (Connection c = ds.getConnection()) {
                c.createStatement().executeUpdate("CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, v TEXT)");
                c.setAutoCommit(false);
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO t(v) VALUES (?)")) {
                    for (int i = 0; i < rows; i++) {
                        insert.setString(1, "row " + i);
                        insert.executeUpdate();
                        if (i % 10 == 9) {
                            c.commit();
                        }
                    }
                }
                c.commit();
            }
            System.out.println("ENGINE=" + ds.getPoolMXBean().getEngine());
            System.out.println("FALLBACKS=" + LocalEngines.fallbacks());
        }
        System.out.println("DONE");
    }
}
