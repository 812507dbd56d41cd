package io.pooledsqlite.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.pooledsqlite.PooledSqliteDataSource;
import io.pooledsqlite.pool.ConnectionPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, seen 5, 6 and 7: writes the pool does not see coming by keyword (SAVEPOINT-started
 * transactions, PRAGMA call forms, RETURNING read through executeQuery, a second pool on the same file
 * through a symlink) still queue at the write gate: 8 threads, no {@code SQLITE_BUSY}, no lost update.
 */
class WriteGateConcurrencyTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 150;
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final AtomicInteger POOLS = new AtomicInteger();

    @TempDir
    Path dir;
    private final List<PooledSqliteDataSource> sources = new ArrayList<>();
    private final AtomicInteger busy = new AtomicInteger();

    @AfterEach
    void closePools() {
        sources.forEach(PooledSqliteDataSource::close);
    }

    private PooledSqliteDataSource pool(Path file) {
        PooledSqliteDataSource ds = new PooledSqliteDataSource(file.toString());
        ds.setProperty("poolName", "gate-" + POOLS.incrementAndGet());
        ds.setProperty("maxPoolSize", Integer.toString(THREADS));
        ds.setProperty("registerMbeans", "false");
        sources.add(ds);
        return ds;
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One unit of work; {@code SQLITE_BUSY} and {@code SQLITE_LOCKED} are counted, not thrown. */
    @FunctionalInterface
    interface Work {
        void run(int thread, int round) throws SQLException;
    }

    /**
     * Runs {@code work} ROUNDS times on each of THREADS threads, all starting together. A correct gate
     * finishes in well under a second here; a broken one is slow (busy_timeout waits) and fails on time.
     */
    private void onThreads(Work work) {
        assertTimeoutPreemptively(LIMIT, () -> {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    done.add(pool.submit((Callable<Void>) () -> {
                        start.await();
                        for (int r = 0; r < ROUNDS; r++) {
                            try {
                                work.run(thread, r);
                            } catch (SQLException e) {
                                int code = Observation.primaryCode(e);
                                if (code != 5 && code != 6) {
                                    throw e;
                                }
                                busy.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }, () -> "work did not finish; SQLITE_BUSY errors so far: " + busy.get());
    }

    private PooledSqliteDataSource counterDatabase(Path file) throws SQLException {
        PooledSqliteDataSource ds = pool(file);
        try (Connection c = ds.getConnection()) {
            exec(c, "CREATE TABLE counter(n INTEGER)");
            exec(c, "INSERT INTO counter VALUES(0)");
            exec(c, "CREATE TABLE log(id INTEGER PRIMARY KEY, thread INTEGER)");
        }
        return ds;
    }

    /** Read-modify-write of the counter inside whatever transaction the caller began. */
    private static void increment(Connection c) throws SQLException {
        long n = one(c, "SELECT n FROM counter");
        try (PreparedStatement p = c.prepareStatement("UPDATE counter SET n = ?")) {
            p.setLong(1, n + 1);
            p.executeUpdate();
        }
    }

    @Test
    void savepointStartedTransactionsHoldTheGateUntilRelease() throws Exception {
        PooledSqliteDataSource ds = counterDatabase(dir.resolve("savepoint.db"));
        AtomicInteger committed = new AtomicInteger();
        onThreads((thread, round) -> {
            try (Connection c = ds.getConnection()) {
                exec(c, "SAVEPOINT work");
                try {
                    increment(c);
                    exec(c, "RELEASE work");
                    committed.incrementAndGet();
                } catch (SQLException e) {
                    exec(c, "ROLLBACK TO work");
                    exec(c, "RELEASE work");
                    throw e;
                }
            }
        });
        try (Connection c = ds.getConnection()) {
            assertEquals(0, busy.get(), "SQLITE_BUSY errors");
            assertEquals(committed.get(), one(c, "SELECT n FROM counter"), "no lost update");
            assertEquals(THREADS * ROUNDS, committed.get());
        }
    }

    @Test
    void pragmaCallFormsAreGatedWrites() throws Exception {
        PooledSqliteDataSource ds = counterDatabase(dir.resolve("pragma.db"));
        AtomicInteger committed = new AtomicInteger();
        onThreads((thread, round) -> {
            try (Connection c = ds.getConnection()) {
                if (thread % 2 == 0) {
                    exec(c, "PRAGMA user_version(" + (thread * ROUNDS + round) + ")");
                    return;
                }
                exec(c, "SAVEPOINT work");
                try {
                    long v = one(c, "PRAGMA user_version");
                    exec(c, "PRAGMA user_version(" + (v + 1) + ")");
                    increment(c);
                    exec(c, "RELEASE work");
                    committed.incrementAndGet();
                } catch (SQLException e) {
                    exec(c, "ROLLBACK TO work");
                    exec(c, "RELEASE work");
                    throw e;
                }
            }
        });
        try (Connection c = ds.getConnection()) {
            assertEquals(0, busy.get(), "SQLITE_BUSY errors");
            assertEquals(committed.get(), one(c, "SELECT n FROM counter"), "no lost update");
        }
    }

    @Test
    void pragmaCallFormWritesBesideManualTransactions() throws Exception {
        PooledSqliteDataSource ds = counterDatabase(dir.resolve("pragma-manual.db"));
        ds.getConnection().close();
        onThreads((thread, round) -> {
            try (Connection c = ds.getConnection()) {
                if (thread % 2 == 0) {
                    exec(c, "PRAGMA user_version(" + round + ")");
                    return;
                }
                c.setAutoCommit(false);
                increment(c);
                c.commit();
            }
        });
        try (Connection c = ds.getConnection()) {
            assertEquals(0, busy.get(), "SQLITE_BUSY errors");
            assertEquals(THREADS / 2 * ROUNDS, one(c, "SELECT n FROM counter"), "no lost update");
        }
    }

    @Test
    void returningReadThroughExecuteQueryHoldsTheGateUntilTheResultSetIsDone() throws Exception {
        PooledSqliteDataSource ds = counterDatabase(dir.resolve("returning.db"));
        Set<Long> ids = java.util.Collections.synchronizedSet(new HashSet<>());
        onThreads((thread, round) -> {
            try (Connection c = ds.getConnection()) {
                if (thread % 2 == 0) {
                    try (PreparedStatement p = c.prepareStatement(
                            "INSERT INTO log(thread) VALUES(?), (?) RETURNING id")) {
                        p.setInt(1, thread);
                        p.setInt(2, thread);
                        try (ResultSet rs = p.executeQuery()) {
                            while (rs.next()) {
                                ids.add(rs.getLong(1));
                                one(c, "SELECT count(*) FROM counter");
                            }
                        }
                    }
                    return;
                }
                c.setAutoCommit(false);
                increment(c);
                c.commit();
            }
        });
        try (Connection c = ds.getConnection()) {
            assertEquals(0, busy.get(), "SQLITE_BUSY errors");
            assertEquals(THREADS / 2 * ROUNDS * 2, ids.size(), "every returned id is a row");
            assertEquals(ids.size(), one(c, "SELECT count(*) FROM log"));
        }
    }

    @Test
    void returningInManualTransactionsCommitsEveryRow() throws Exception {
        PooledSqliteDataSource ds = counterDatabase(dir.resolve("returning-manual.db"));
        AtomicInteger returned = new AtomicInteger();
        onThreads((thread, round) -> {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("INSERT INTO log(thread) VALUES(" + thread + ") RETURNING id")) {
                    while (rs.next()) {
                        returned.incrementAndGet();
                    }
                }
                increment(c);
                c.commit();
            }
        });
        try (Connection c = ds.getConnection()) {
            assertEquals(0, busy.get(), "SQLITE_BUSY errors");
            assertEquals(returned.get(), one(c, "SELECT count(*) FROM log"));
            assertEquals(THREADS * ROUNDS, one(c, "SELECT n FROM counter"), "no lost update");
        }
    }

    @Test
    void twoPoolsOnOneFileThroughASymlinkShareOneGate() throws Exception {
        Path real = Files.createDirectory(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        PooledSqliteDataSource viaLink = pool(link.resolve("db.db"));
        viaLink.getConnection().close();
        PooledSqliteDataSource direct = counterDatabase(real.resolve("db.db"));
        assertSame(((ConnectionPool) viaLink.getPoolMXBean()).gate(), ((ConnectionPool) direct.getPoolMXBean()).gate(),
                "one write gate per real file");
        AtomicInteger committed = new AtomicInteger();
        onThreads((thread, round) -> {
            try (Connection c = (thread % 2 == 0 ? viaLink : direct).getConnection()) {
                c.setAutoCommit(false);
                increment(c);
                c.commit();
                committed.incrementAndGet();
            }
        });
        try (Connection c = direct.getConnection()) {
            assertEquals(0, busy.get(), "SQLITE_BUSY errors");
            assertEquals(committed.get(), one(c, "SELECT n FROM counter"), "no lost update");
        }
    }
}
