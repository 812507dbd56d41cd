package io.pooledsqlite.engine;

import io.pooledsqlite.PooledSqliteDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;

/**
 * Child JVM program: commits one row per transaction into the database at {@code args[0]} (pool keys in
 * {@code args[1]}) forever, printing {@code ACK <id>} after each {@code commit()} returned. The test
 * kills it with {@code kill -9} and checks every acknowledged row survived.
 */
public final class CommitLoopMain {
    private CommitLoopMain() {
    }

    public static void main(String[] args) throws Exception {
        PooledSqliteDataSource ds = new PooledSqliteDataSource("jdbc:pooledsqlite:" + args[0] + "?" + args[1]);
        try (Connection c = ds.getConnection()) {
            c.createStatement().executeUpdate("CREATE TABLE IF NOT EXISTS acked(id INTEGER PRIMARY KEY, pad BLOB)");
            c.setAutoCommit(false);
            System.out.println("ENGINE=" + ds.getPoolMXBean().getEngine());
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO acked(id, pad) VALUES (?, randomblob(?))")) {
                for (int id = 1; ; id++) {
                    insert.setInt(1, id);
                    insert.setInt(2, 100 + (id % 7) * 900);
                    insert.executeUpdate();
                    c.commit();
                    System.out.println("ACK " + id);
                }
            }
        }
    }
}
