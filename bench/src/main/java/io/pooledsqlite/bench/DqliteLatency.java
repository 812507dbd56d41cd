package io.pooledsqlite.bench;

import io.pooledsqlite.PooledSqliteDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Point-select and commit latency (p50, p99) and throughput at 1 and 8 threads, on a local file and on a
 * three-node dqlite cluster on loopback (Debian's {@code dqlite-demo}), both through pooledsqlite with
 * the same code. Not a JMH benchmark: it starts and stops real cluster nodes, and reports percentiles of
 * every operation's own time (after a 2 s warmup of the same run). Prints a Markdown table.
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.pooledsqlite.bench.DqliteLatency [seconds per run]}
 */
public final class DqliteLatency {
    private static final String DEMO = "/usr/bin/dqlite-demo";
    private static final int ROWS = 1_000;

    private DqliteLatency() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path dir = Files.createTempDirectory("dqlite-latency");
        List<String> lines = new ArrayList<>();
        lines.add("| target | workload | threads | ops/s | p50 µs | p99 µs |");
        lines.add("|---|---|---|---|---|---|");
        run("local file", "jdbc:pooledsqlite:" + dir.resolve("local.db") + "?poolName=local&maxPoolSize=8",
                seconds, lines);
        List<Process> nodes = startCluster(dir, 3);
        try {
            run("dqlite, 3 voters", "jdbc:pooledsqlite:dqlite://" + String.join(",", addresses)
                    + "/latency.db?poolName=dqlite&maxPoolSize=8&connectionTimeout=30000", seconds, lines);
        } finally {
            for (Process p : nodes) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
        lines.forEach(System.out::println);
    }

    private static void run(String label, String url, int seconds, List<String> lines) throws Exception {
        try (PooledSqliteDataSource ds = new PooledSqliteDataSource(url)) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("DROP TABLE IF EXISTS item");
                s.executeUpdate("CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT, n INTEGER)");
                c.setAutoCommit(false);
                try (PreparedStatement p = c.prepareStatement("INSERT INTO item VALUES (?, ?, 0)")) {
                    for (int i = 1; i <= ROWS; i++) {
                        p.setInt(1, i);
                        p.setString(2, "item-" + i);
                        p.executeUpdate();
                    }
                }
                c.commit();
            }
            for (String workload : List.of("point select", "commit")) {
                for (int threads : new int[] {1, 8}) {
                    measure(ds, workload, threads, 2, null);
                    long[][] samples = new long[threads][];
                    double opsPerSecond = measure(ds, workload, threads, seconds, samples);
                    long[] all = Arrays.stream(samples).flatMapToLong(Arrays::stream).sorted().toArray();
                    lines.add(String.format(Locale.ROOT, "| %s | %s | %d | %,.0f | %,.0f | %,.0f |", label, workload,
                            threads, opsPerSecond, all[all.length / 2] / 1e3, all[(int) (all.length * 0.99)] / 1e3));
                }
            }
        }
    }

    /** Runs the workload on {@code threads} threads for {@code seconds}; returns operations per second. */
    private static double measure(PooledSqliteDataSource ds, String workload, int threads, int seconds,
                                  long[][] samples) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(threads);
        long[] counts = new long[threads];
        Exception[] failure = new Exception[1];
        for (int t = 0; t < threads; t++) {
            int me = t;
            new Thread(() -> {
                long[] times = new long[1 << 16];
                int n = 0;
                try {
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        if (workload.equals("commit")) {
                            commit(ds);
                        } else {
                            pointSelect(ds);
                        }
                        if (n == times.length) {
                            times = Arrays.copyOf(times, n * 2);
                        }
                        times[n++] = System.nanoTime() - start;
                    }
                } catch (SQLException e) {
                    failure[0] = e;
                } finally {
                    counts[me] = n;
                    if (samples != null) {
                        samples[me] = Arrays.copyOf(times, n);
                    }
                    done.countDown();
                }
            }, "latency-" + t).start();
        }
        done.await();
        if (failure[0] != null) {
            throw failure[0];
        }
        return Arrays.stream(counts).sum() / (double) seconds;
    }

    private static void pointSelect(PooledSqliteDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT name FROM item WHERE id = ?")) {
            p.setInt(1, ThreadLocalRandom.current().nextInt(1, ROWS + 1));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                rs.getString(1);
            }
        }
    }

    private static void commit(PooledSqliteDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement p = c.prepareStatement("UPDATE item SET n = n + 1 WHERE id = ?")) {
                p.setInt(1, ThreadLocalRandom.current().nextInt(1, ROWS + 1));
                p.executeUpdate();
            }
            c.commit();
        }
    }

    private static final List<String> addresses = new ArrayList<>();

    /** Starts the nodes, the later ones joining the first, and waits until the shell lists them all as voters. */
    private static List<Process> startCluster(Path dir, int count) throws Exception {
        if (!Files.isExecutable(Path.of(DEMO))) {
            throw new IllegalStateException(DEMO + " is not installed (apt-get install go-dqlite)");
        }
        List<Process> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String db = "127.0.0.1:" + freePort();
            List<String> cmd = new ArrayList<>(List.of(DEMO, "-a", "127.0.0.1:" + freePort(), "-d", db, "-D",
                    dir.resolve("node" + i).toString()));
            if (i > 0) {
                cmd.add("-j");
                cmd.add(addresses.get(0));
            }
            nodes.add(new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("node" + i + ".log").toFile()).start());
            addresses.add(db);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (voters() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster did not reach " + count + " voters in 60 s");
            }
            Thread.sleep(200); // another process is starting; nothing in this JVM to wait on
        }
        return nodes;
    }

    private static int voters() throws IOException, InterruptedException {
        Process shell = new ProcessBuilder("dqlite", "-s", String.join(",", addresses), "demo")
                .redirectErrorStream(true).start();
        shell.getOutputStream().write(".cluster\n".getBytes(StandardCharsets.UTF_8));
        shell.getOutputStream().close();
        String out;
        try (InputStream in = shell.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        shell.waitFor(10, TimeUnit.SECONDS);
        return (int) out.lines().filter(l -> l.endsWith("|voter")).count();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
