package io.pooledsqlite.engine;

import io.pooledsqlite.PooledSqliteDataSource;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.sqlite.jdbc4.JDBC4Connection;

/**
 * Rough figures for the engine report, not a benchmark harness (the bench module has JMH): inserts and
 * point selects through the pool on native and wasm (synchronous NORMAL, the default, and FULL; and the
 * wasm engine's interval policy), and what the wasm engine's durable commit costs on a 1 MB and a 100 MB
 * database, next to a full copy of the database per commit. Run with the driver's test class path:
 * {@code java -cp <test class path> io.pooledsqlite.engine.EngineBenchMain <scratch dir>}.
 */
public final class EngineBenchMain {
    private static final int ROWS = 10_000;
    private static final int COMMITS = 300;

    private EngineBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory(Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir")),
                "engine-bench");
        // the first run of each engine warms up its code (sqlite4j's compiled WebAssembly is large)
        for (String run : new String[] {"native warm-up", "native", "native synchronous=FULL", "wasm warm-up",
                                        "wasm", "wasm synchronous=FULL", "wasm interval:60000"}) {
            String engine = run.split(" ")[0];
            String keys = run.contains("FULL") ? "&synchronous=FULL" : "";
            Path db = dir.resolve(run.replace(' ', '-').replace(':', '-') + ".db");
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(Path.of(db + suffix));
            }
            if (run.contains("interval")) {
                System.setProperty(DurabilityPolicy.PROPERTY, run.split(" ")[1]);
            }
            try (PooledSqliteDataSource ds = new PooledSqliteDataSource("jdbc:pooledsqlite:" + db + "?engine=" + engine
                    + keys); Connection c = ds.getConnection()) {
                System.clearProperty(DurabilityPolicy.PROPERTY);
                c.createStatement().executeUpdate("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
                c.setAutoCommit(false);
                long t0 = System.nanoTime();
                try (PreparedStatement p = c.prepareStatement("INSERT INTO t(v) VALUES (?)")) {
                    for (int i = 0; i < ROWS; i++) {
                        p.setString(1, "value " + i);
                        p.executeUpdate();
                    }
                }
                c.commit();
                long t1 = System.nanoTime();
                for (int i = 0; i < COMMITS; i++) {
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO t(v) VALUES (?)")) {
                        p.setString(1, "committed " + i);
                        p.executeUpdate();
                    }
                    c.commit();
                }
                long t2 = System.nanoTime();
                c.setAutoCommit(true);
                long sum = 0;
                for (int i = 0; i < ROWS; i++) {
                    try (PreparedStatement p = c.prepareStatement("SELECT v FROM t WHERE id = ?")) {
                        p.setInt(1, 1 + (i * 7919) % ROWS);
                        try (ResultSet rs = p.executeQuery()) {
                            rs.next();
                            sum += rs.getString(1).length();
                        }
                    }
                }
                long t3 = System.nanoTime();
                System.out.printf("%-20s %,d inserts in one tx: %.1f us/row; %d one-row commits: %.1f us/commit;"
                        + " %,d point selects: %.1f us/select (%d)%n", run, ROWS, (t1 - t0) / 1e3 / ROWS,
                        COMMITS, (t2 - t1) / 1e3 / COMMITS, ROWS, (t3 - t2) / 1e3 / ROWS, sum % 10);
            }
        }
        for (int mb : new int[] {1, 100}) {
            Path db = dir.resolve("size-" + mb + ".db");
            try (Connection n = new JDBC4Connection("jdbc:sqlite:" + db, db.toString(), new Properties());
                 Statement s = n.createStatement()) {
                s.executeUpdate("CREATE TABLE t(id INTEGER PRIMARY KEY, b BLOB)");
                s.executeUpdate("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + mb * 1000
                        + ") INSERT INTO t(b) SELECT randomblob(1000) FROM n");
            }
            for (String policy : new String[] {"interval:60000", "commit"}) {
                System.setProperty(DurabilityPolicy.PROPERTY, policy);
                long open0 = System.nanoTime();
                try (PooledSqliteDataSource ds = new PooledSqliteDataSource("jdbc:pooledsqlite:" + db + "?engine=wasm");
                     Connection c = ds.getConnection()) {
                    long open1 = System.nanoTime();
                    System.clearProperty(DurabilityPolicy.PROPERTY);
                    c.setAutoCommit(false);
                    int commits = 200;
                    long t0 = System.nanoTime();
                    for (int i = 0; i < commits; i++) {
                        try (PreparedStatement p = c.prepareStatement("UPDATE t SET b = randomblob(1000) WHERE id = ?")) {
                            p.setInt(1, 1 + (i * 7919) % (mb * 1000));
                            p.executeUpdate();
                        }
                        c.commit();
                    }
                    long t1 = System.nanoTime();
                    System.out.printf("wasm   %3d MB database, %-14s: first connection %.0f ms; one-row update commits"
                            + " %.2f ms each (log on disk now %,d bytes)%n", mb, policy, (open1 - open0) / 1e6,
                            (t1 - t0) / 1e6 / commits, Files.size(Path.of(db + "-wal")));
                    if (policy.equals("commit")) {
                        fullCopy(c, dir, mb);
                    }
                }
            }
        }
    }

    /** The alternative this engine avoids: a full copy of the database per commit. */
    private static void fullCopy(Connection c, Path dir, int mb) throws Exception {
        long f0 = System.nanoTime();
        byte[] image = c.unwrap(io.roastedroot.sqlite4j.SQLiteConnection.class).serialize("main");
        long f1 = System.nanoTime();
        Path copy = dir.resolve("full-copy.db");
        try (FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(image));
            out.force(true);
        }
        Files.move(copy, dir.resolve("full-copy-final.db"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        long f2 = System.nanoTime();
        System.out.printf("full copy alternative at %d MB: serialize %.0f ms + write, fsync, rename %.0f ms%n",
                mb, (f1 - f0) / 1e6, (f2 - f1) / 1e6);
    }
}
