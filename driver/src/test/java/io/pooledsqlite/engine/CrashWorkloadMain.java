package io.pooledsqlite.engine;

import io.pooledsqlite.PooledSqliteDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

/**
 * Child JVM program for the differential crash suite: runs random steps on the database at {@code args[0]}
 * (pool keys in {@code args[1]}, seed in {@code args[2]}, first step number in {@code args[3]}) until killed.
 * Rows carry the step that wrote them. Before a step it prints {@code BEGIN <step> <rows or -1>}; after the
 * step's commit returned, {@code ACK <step> <rows committed>}. Steps: transactions and auto-commit inserts,
 * updates, checkpoints of every mode, {@code wal_autocheckpoint} settings, {@code journal_mode} and
 * {@code page_size} changes, {@code VACUUM}, a batch failing half-way (its first rows commit), a transaction
 * failing half-way (rolled back: its rows, with a negative step, must never be seen), two commits and a
 * checkpoint in one multi-statement call.
 */
public final class CrashWorkloadMain {
    private static final String[] MODES = {"PASSIVE", "FULL", "RESTART", "TRUNCATE"};

    private CrashWorkloadMain() {
    }

    public static void main(String[] args) throws Exception {
        Random random = new Random(Long.parseLong(args[2]));
        PooledSqliteDataSource ds = new PooledSqliteDataSource("jdbc:pooledsqlite:" + args[0] + "?" + args[1]);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, step INTEGER NOT NULL, pad BLOB)");
            // the failing batch needs a taken id
            s.executeUpdate("INSERT INTO t(step) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM t)");
            System.out.println("ENGINE=" + ds.getPoolMXBean().getEngine());
            for (int step = Integer.parseInt(args[3]); ; step++) {
                int kind = random.nextInt(13);
                switch (kind) {
                    case 0:
                    case 1:
                    case 2: {
                        int rows = 1 + random.nextInt(4);
                        System.out.println("BEGIN " + step + " " + rows);
                        c.setAutoCommit(false);
                        insert(c, step, rows, random);
                        c.commit();
                        c.setAutoCommit(true);
                        ack(step, rows);
                        break;
                    }
                    case 3:
                        System.out.println("BEGIN " + step + " 1");
                        insert(c, step, 1, random);
                        ack(step, 1);
                        break;
                    case 4:
                        System.out.println("BEGIN " + step + " 0");
                        s.executeUpdate("UPDATE t SET pad = randomblob(" + random.nextInt(6000) + ") WHERE id % 5 = "
                                + random.nextInt(5));
                        ack(step, 0);
                        break;
                    case 5:
                        System.out.println("BEGIN " + step + " 0");
                        try (ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(" + MODES[random.nextInt(4)] + ")")) {
                            rs.next();
                        }
                        ack(step, 0);
                        break;
                    case 6:
                        System.out.println("BEGIN " + step + " 0");
                        s.execute("PRAGMA wal_autocheckpoint = " + new int[] {0, 3, 20, 1000}[random.nextInt(4)]);
                        ack(step, 0);
                        break;
                    case 7:
                        System.out.println("BEGIN " + step + " 0");
                        try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = "
                                + (random.nextBoolean() ? "DELETE" : "WAL"))) {
                            rs.next();
                        }
                        ack(step, 0);
                        break;
                    case 8:
                        System.out.println("BEGIN " + step + " 0");
                        try {
                            s.execute("PRAGMA page_size = " + (random.nextBoolean() ? 4096 : 8192));
                            s.execute("VACUUM");
                        } catch (SQLException e) {
                            System.out.println("VACUUM-FAILED " + e.getMessage());
                        }
                        ack(step, 0);
                        break;
                    case 9:
                        failingBatch(c, step, random);
                        break;
                    case 10:
                        // two commits and a checkpoint in one call: the first commit is seen only through the file
                        System.out.println("BEGIN " + step + " -1");
                        s.executeUpdate("INSERT INTO t(step, pad) VALUES (" + step + ", randomblob(3000));"
                                + " PRAGMA wal_checkpoint(" + MODES[random.nextInt(4)] + ");"
                                + " INSERT INTO t(step, pad) VALUES (" + step + ", randomblob(100))");
                        ack(step, 2);
                        break;
                    default:
                        failingTransaction(c, step, random);
                        ack(step, 0);
                        break;
                }
            }
        }
    }

    private static void insert(Connection c, int step, int rows, Random random) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO t(step, pad) VALUES (?, randomblob(?))")) {
            for (int i = 0; i < rows; i++) {
                p.setInt(1, step);
                p.setInt(2, random.nextInt(10) == 0 ? 200_000 : random.nextInt(5000));
                p.executeUpdate();
            }
        }
    }

    /** An auto-commit batch whose fourth row hits a taken id: the rows before it commit, one by one. */
    private static void failingBatch(Connection c, int step, Random random) throws SQLException {
        System.out.println("BEGIN " + step + " -1");
        long taken;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT max(id) FROM t")) {
            rs.next();
            taken = rs.getLong(1);
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO t(id, step, pad) VALUES (?, ?, randomblob(?))")) {
            for (int i = 0; i < 6; i++) {
                p.setLong(1, i == 3 ? taken : taken + 1 + i);
                p.setInt(2, step);
                p.setInt(3, random.nextInt(3000));
                p.addBatch();
            }
            p.executeBatch();
            throw new IllegalStateException("the batch was expected to fail");
        } catch (SQLException expected) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM t WHERE step = " + step)) {
                rs.next();
                ack(step, rs.getInt(1));
            }
        }
    }

    /** A transaction that fails half-way and is rolled back: none of its rows may ever be seen. */
    private static void failingTransaction(Connection c, int step, Random random) throws SQLException {
        System.out.println("BEGIN " + step + " 0");
        c.setAutoCommit(false);
        try {
            insert(c, -step, 1 + random.nextInt(3), random);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO t(step) VALUES (NULL)");
            }
            throw new IllegalStateException("the insert was expected to fail");
        } catch (SQLException expected) {
            c.rollback();
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static void ack(int step, int rows) {
        System.out.println("ACK " + step + " " + rows);
    }
}
