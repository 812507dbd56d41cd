package io.pooledsqlite.examples.demo;

import io.pooledsqlite.PooledSqliteDataSource;
import io.pooledsqlite.metrics.PoolMXBean;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pooledsqlite demo: several threads read and write one SQLite file through the pool for a few
 * seconds, then the program prints what the pool did and checks that no update was lost.
 *
 * <p>Writers run read-modify-write transactions ({@code setAutoCommit(false)}, select a balance, update
 * it, {@code commit()}), the pattern that fails with {@code SQLITE_BUSY} under a plain pool; readers run
 * point selects. Every operation borrows a connection and returns it. Errors are counted, never hidden:
 * the program exits with status 1 if there was any.
 *
 * <p>Usage: {@code Demo [db file or dqlite://host:port[,host:port]/name, default target/demo.db] [seconds,
 * default 5]}: the same workload runs on a dqlite cluster when given its target instead of a file.
 */
public final class Demo {

    private static final int WRITERS = 4;
    private static final int READERS = 4;
    private static final int ACCOUNTS = 1_000;
    private static final String POOL_NAME = "demo";

    private final String target;
    /** The local file, or null on a dqlite cluster. */
    private final Path dbFile;
    private final Duration duration;
    private final PrintStream out;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<Throwable> firstError = new AtomicReference<>();
    private volatile boolean running = true;

    /**
     * @param dbFile the SQLite file to create or reuse; its {@code accounts} table is recreated
     * @param duration how long the workload runs
     * @param out where progress and results go
     */
    public Demo(Path dbFile, Duration duration, PrintStream out) {
        this(dbFile.toAbsolutePath().toString(), dbFile.toAbsolutePath(), duration, out);
    }

    /**
     * @param target what follows {@code jdbc:pooledsqlite:} in the URL, e.g. a dqlite cluster
     *     {@code dqlite://127.0.0.1:9001/demo.db}; its {@code accounts} table is recreated
     * @param duration how long the workload runs
     * @param out where progress and results go
     */
    public Demo(String target, Duration duration, PrintStream out) {
        this(target, null, duration, out);
    }

    private Demo(String target, Path dbFile, Duration duration, PrintStream out) {
        this.target = target;
        this.dbFile = dbFile;
        this.duration = duration;
        this.out = out;
    }

    /** Runs the demo; exits with 1 if any operation failed, 2 on bad arguments. */
    public static void main(String[] args) throws Exception {
        if (args.length > 2) {
            System.err.println("usage: Demo [db file or dqlite://host:port[,host:port]/name, default target/demo.db]"
                    + " [seconds, default 5]");
            System.exit(2);
        }
        String where = args.length > 0 ? args[0] : "target/demo.db";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        if (seconds < 1) {
            System.err.println("seconds must be at least 1, got " + seconds);
            System.exit(2);
        }
        Demo demo = where.startsWith("dqlite://") ? new Demo(where, Duration.ofSeconds(seconds), System.out)
                : new Demo(Path.of(where), Duration.ofSeconds(seconds), System.out);
        Result result = demo.run();
        if (!result.ok()) {
            System.exit(1);
        }
    }

    /** What the workload achieved. */
    public record Result(long commits, long reads, long errors, long balanceSum) {
        /** True when nothing failed and the balances add up to the committed transactions. */
        public boolean ok() {
            return errors == 0 && balanceSum == commits;
        }
    }

    /** Runs the workload and prints the report. */
    public Result run() throws SQLException, InterruptedException, IOException {
        if (dbFile != null && dbFile.getParent() != null) {
            Files.createDirectories(dbFile.getParent());
        }
        // One connection per thread, so borrowing never waits and the figures show the write path.
        String url = "jdbc:pooledsqlite:" + target + "?poolName=" + POOL_NAME + "&maxPoolSize=" + (WRITERS + READERS);
        try (PooledSqliteDataSource dataSource = new PooledSqliteDataSource(url)) {
            createAccounts(dataSource);
            out.printf("pooledsqlite demo: %d writers, %d readers, %d s on %s%n",
                    WRITERS, READERS, duration.toSeconds(), target);
            runWorkload(dataSource);
            long balanceSum = balanceSum(dataSource);
            Result result = new Result(commits.get(), reads.get(), errors.get(), balanceSum);
            printResults(result);
            printPool(dataSource.getPoolMXBean());
            printPragmas(dataSource);
            out.println(result.ok() ? "OK: no errors, no lost updates" : "FAILED: see the errors above");
            return result;
        }
    }

    private void createAccounts(PooledSqliteDataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DROP TABLE IF EXISTS accounts");
                s.executeUpdate("CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL)");
            }
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO accounts (id, balance) VALUES (?, 0)")) {
                for (int id = 0; id < ACCOUNTS; id++) {
                    insert.setInt(1, id);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        }
    }

    private void runWorkload(PooledSqliteDataSource dataSource) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            threads.add(new Thread(() -> loop(() -> transfer(dataSource)), "demo-writer-" + i));
        }
        for (int i = 0; i < READERS; i++) {
            threads.add(new Thread(() -> loop(() -> pointSelect(dataSource)), "demo-reader-" + i));
        }
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "demo-progress");
            thread.setDaemon(true);
            return thread;
        });
        AtomicLong ticks = new AtomicLong();
        AtomicLong lastCommits = new AtomicLong();
        progress.scheduleAtFixedRate(() -> {
            long second = ticks.incrementAndGet();
            long nowCommits = commits.get();
            out.printf(Locale.ROOT, "  %3ds  commits %,9d (%,7d/s)  reads %,10d  errors %d%n",
                    second, nowCommits, nowCommits - lastCommits.getAndSet(nowCommits), reads.get(), errors.get());
        }, 1, 1, TimeUnit.SECONDS);
        threads.forEach(Thread::start);
        Thread.sleep(duration.toMillis());
        running = false;
        for (Thread thread : threads) {
            thread.join();
        }
        progress.shutdownNow();
        progress.awaitTermination(5, TimeUnit.SECONDS);
    }

    private interface Operation {
        void run() throws SQLException;
    }

    private void loop(Operation operation) {
        while (running) {
            try {
                operation.run();
            } catch (SQLException | RuntimeException e) {
                errors.incrementAndGet();
                if (firstError.compareAndSet(null, e)) {
                    out.println("ERROR in " + Thread.currentThread().getName() + ": " + e);
                }
            }
        }
    }

    /** Read-modify-write: read a balance, add one, write it back, in one transaction. */
    private void transfer(PooledSqliteDataSource dataSource) throws SQLException {
        int id = ThreadLocalRandom.current().nextInt(ACCOUNTS);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long balance;
                try (PreparedStatement select = c.prepareStatement("SELECT balance FROM accounts WHERE id = ?")) {
                    select.setInt(1, id);
                    try (ResultSet rs = select.executeQuery()) {
                        rs.next();
                        balance = rs.getLong(1);
                    }
                }
                try (PreparedStatement update = c.prepareStatement("UPDATE accounts SET balance = ? WHERE id = ?")) {
                    update.setLong(1, balance + 1);
                    update.setInt(2, id);
                    update.executeUpdate();
                }
                c.commit();
                commits.incrementAndGet();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void pointSelect(PooledSqliteDataSource dataSource) throws SQLException {
        int id = ThreadLocalRandom.current().nextInt(ACCOUNTS);
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT balance FROM accounts WHERE id = ?")) {
            select.setInt(1, id);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("account " + id + " is missing");
                }
            }
            reads.incrementAndGet();
        }
    }

    private static long balanceSum(PooledSqliteDataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT total(balance) FROM accounts")) {
            rs.next();
            return (long) rs.getDouble(1);
        }
    }

    private void printResults(Result result) {
        double seconds = duration.toMillis() / 1000.0;
        out.println("workload");
        out.printf(Locale.ROOT, "  write transactions committed   %,d (%,.0f/s)%n", result.commits(),
                result.commits() / seconds);
        out.printf(Locale.ROOT, "  point selects                  %,d (%,.0f/s)%n", result.reads(), result.reads() / seconds);
        out.printf(Locale.ROOT, "  errors                         %d%n", result.errors());
        out.printf(Locale.ROOT, "  sum of balances                %,d (%s)%n", result.balanceSum(),
                result.balanceSum() == result.commits() ? "equals the commits: no lost update"
                        : "DIFFERS from the commits: updates were lost");
    }

    private void printPool(PoolMXBean pool) {
        long hits = pool.getStatementCacheHits();
        long misses = pool.getStatementCacheMisses();
        double hitRate = hits + misses == 0 ? 0 : 100.0 * hits / (hits + misses);
        out.println("pool (io.pooledsqlite:type=Pool,name=" + pool.getPoolName() + ")");
        out.printf(Locale.ROOT, "  engine                         %s%n", pool.getEngine());
        out.printf(Locale.ROOT, "  borrows                        %,d%n", pool.getBorrows());
        out.printf(Locale.ROOT, "  physical connections created   %d%n", pool.getConnectionsCreated());
        out.printf(Locale.ROOT, "  statement cache                %,d hits, %,d misses (hit rate %.2f %%)%n",
                hits, misses, hitRate);
        out.printf(Locale.ROOT, "  write-gate waits               %,d%n", pool.getWriteGateWaits());
        out.printf(Locale.ROOT, "  busy retries                   %,d%n", pool.getBusyRetries());
    }

    private void printPragmas(PooledSqliteDataSource dataSource) throws SQLException {
        out.println("pragmas in effect (read back with PRAGMA)");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String pragma : List.of("journal_mode", "synchronous", "busy_timeout", "temp_store",
                    "cache_size", "mmap_size")) {
                try (ResultSet rs = s.executeQuery("PRAGMA " + pragma)) {
                    rs.next();
                    out.printf(Locale.ROOT, "  %-30s %s%n", pragma, describe(pragma, rs.getString(1)));
                }
            }
        }
    }

    /** Adds the names SQLite prints only as numbers. */
    private static String describe(String pragma, String value) {
        return switch (pragma) {
            case "synchronous" -> value + " (" + List.of("OFF", "NORMAL", "FULL", "EXTRA").get(Integer.parseInt(value)) + ")";
            case "temp_store" -> value + " (" + List.of("DEFAULT", "FILE", "MEMORY").get(Integer.parseInt(value)) + ")";
            default -> value;
        };
    }
}
