package io.pooledsqlite.write;

import static io.pooledsqlite.Databases.queryLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.PooledSqliteDriver;
import io.pooledsqlite.metrics.PoolMXBean;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent writers never see SQLITE_BUSY and lose no update; readers never wait for writers; nothing
 * hangs.
 */
class WritePathTest {
    @TempDir
    Path dir;
    String url;

    @BeforeEach
    void createCounter() throws SQLException {
        url = Databases.url(dir, "maxPoolSize=10");
        Databases.execute(url, "create table counter(id integer primary key, n integer not null)");
        Databases.execute(url, "insert into counter values (1, 0), (2, 0)");
    }

    @AfterEach
    void closePools() {
        Databases.closePools(dir);
    }

    /** {@code n} read-modify-write transactions; returns how many committed. */
    static int increment(String url, int n) throws SQLException {
        int committed = 0;
        for (int i = 0; i < n; i++) {
            try (Connection c = DriverManager.getConnection(url)) {
                c.setAutoCommit(false);
                long value;
                try (PreparedStatement read = c.prepareStatement("select n from counter where id = 1");
                     ResultSet rs = read.executeQuery()) {
                    rs.next();
                    value = rs.getLong(1);
                }
                try (PreparedStatement write = c.prepareStatement("update counter set n = ? where id = 1")) {
                    write.setLong(1, value + 1);
                    write.executeUpdate();
                }
                c.commit();
                committed++;
            }
        }
        return committed;
    }

    @Test
    void eightThreadsOfReadModifyWriteTransactionsLoseNoUpdateAndSeeNoError() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        AtomicLong committed = new AtomicLong();
        // a fixed amount of work, not a fixed time: mutation testing runs this test for many mutants
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            results.add(threads.submit(() -> {
                start.await();
                committed.addAndGet(increment(url, 250));
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : results) {
            f.get();
        }
        threads.shutdown();
        assertEquals(8 * 250, committed.get(), "every transaction committed, none failed");
        try (Connection c = DriverManager.getConnection(url)) {
            assertEquals(8 * 250, queryLong(c, "select n from counter where id = 1"), "no update lost");
        }
    }

    @Test
    void readersSeeConsistentSnapshotsWhileWritersCommit() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        // readers read for as long as writers write a fixed number of transactions (work, not time, bounds it)
        AtomicInteger writing = new AtomicInteger(4);
        AtomicLong reads = new AtomicLong();
        List<Future<?>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            results.add(threads.submit(() -> {
                try {
                    for (int i = 0; i < 150; i++) {
                        try (Connection c = DriverManager.getConnection(url)) {
                            c.setAutoCommit(false);
                            c.createStatement().executeUpdate("update counter set n = n + 1 where id = 1");
                            c.createStatement().executeUpdate("update counter set n = n + 1 where id = 2");
                            c.commit();
                        }
                    }
                } finally {
                    writing.decrementAndGet();
                }
                return null;
            }));
            results.add(threads.submit(() -> {
                do {
                    try (Connection c = DriverManager.getConnection(url)) {
                        c.setReadOnly(true);
                        c.setAutoCommit(false);
                        long a = queryLong(c, "select n from counter where id = 1");
                        long b = queryLong(c, "select n from counter where id = 2");
                        c.commit();
                        assertEquals(a, b, "a read transaction sees whole transactions only");
                        assertEquals(queryLong(c, "select n from counter where id = 1"),
                                queryLong(c, "select n from counter where id = 2"), "so does an auto-commit read");
                        reads.incrementAndGet();
                    }
                } while (writing.get() > 0);
                return null;
            }));
        }
        for (Future<?> f : results) {
            f.get();
        }
        threads.shutdown();
        assertTrue(reads.get() >= 4, "every reader read at least once");
        try (Connection c = DriverManager.getConnection(url)) {
            assertEquals(4 * 150, queryLong(c, "select n from counter where id = 2"), "every writer committed");
        }
    }

    @Test
    void turningAutoCommitOffTakesNoLockUntilTheFirstStatement() throws Exception {
        try (Connection idle = DriverManager.getConnection(url); Connection writer = DriverManager.getConnection(url)) {
            idle.setAutoCommit(false);
            assertTimeoutPreemptively(Duration.ofSeconds(2),
                    () -> writer.createStatement().executeUpdate("update counter set n = 5 where id = 1"));
            assertEquals(5, queryLong(idle, "select n from counter where id = 1"),
                    "the transaction starts at its first statement and sees the earlier commit");
            idle.commit();
        }
    }

    @Test
    void readOnlyTransactionsDoNotWaitForAWriterHoldingTheGate() throws Exception {
        Connection writer = DriverManager.getConnection(url);
        writer.setAutoCommit(false);
        writer.createStatement().executeUpdate("update counter set n = 99 where id = 1");
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<Long> read = other.submit(() -> {
                try (Connection reader = DriverManager.getConnection(url)) {
                    reader.setReadOnly(true);
                    reader.setAutoCommit(false);
                    long n = queryLong(reader, "select n from counter where id = 1");
                    reader.commit();
                    return n;
                }
            });
            assertEquals(0, read.get(5, TimeUnit.SECONDS), "the reader ran while the writer held the gate");
        } finally {
            writer.rollback();
            writer.close();
            other.shutdown();
        }
    }

    @Test
    void aSecondConnectionOnTheThreadHoldingTheGateGetsSqliteBusyInsteadOfHanging() throws Exception {
        String shortWait = url + "&busy_timeout=200";  // a broken gate fails in a second, not after 4 x 5 s
        try (Connection first = DriverManager.getConnection(shortWait);
             Connection second = DriverManager.getConnection(shortWait)) {
            first.setAutoCommit(false);
            first.createStatement().executeUpdate("update counter set n = 1 where id = 1");
            // same thread on purpose: a preemptive timeout would run the write on another thread
            SQLException e = assertTimeout(Duration.ofSeconds(2), () -> assertThrows(SQLException.class,
                    () -> second.createStatement().executeUpdate("update counter set n = 2 where id = 2")));
            assertEquals(5, e.getErrorCode(), "SQLITE_BUSY");
            assertTrue(e.getMessage().contains("database is locked"), e.getMessage());
            assertTrue(e.getMessage().contains("already holds the write lock"), "the gate refused: " + e.getMessage());
            assertEquals("HYT00", e.getSQLState());
            assertEquals(0, queryLong(second, "select n from counter where id = 1"), "reads still work");
            first.commit();
            second.createStatement().executeUpdate("update counter set n = 2 where id = 2");
        }
    }

    @Test
    void aWriterWaitsAtMostBusyTimeoutForTheGate() throws Exception {
        String shortWait = url + "&busy_timeout=200";
        try (Connection holder = DriverManager.getConnection(url)) {
            holder.setAutoCommit(false);
            holder.createStatement().executeUpdate("update counter set n = 1 where id = 1");
            ExecutorService other = Executors.newSingleThreadExecutor();
            Future<SQLException> attempt = other.submit(() -> {
                try (Connection c = DriverManager.getConnection(shortWait)) {
                    c.createStatement().executeUpdate("update counter set n = 2 where id = 2");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            SQLException e = attempt.get(10, TimeUnit.SECONDS);
            other.shutdown();
            assertEquals(5, e.getErrorCode(), String.valueOf(e));
            assertTrue(e.getMessage().contains("busy_timeout"), e.getMessage());
            holder.rollback();
        }
    }

    @Test
    void theCallersOwnBeginAndCommitTakeAndReleaseTheGate() throws Exception {
        // a second pool on the same file shares the gate; its short busy_timeout keeps a broken gate fast
        try (Connection c = DriverManager.getConnection(url);
             Connection other = DriverManager.getConnection(url + "&busy_timeout=200")) {
            c.createStatement().execute("BEGIN");
            c.createStatement().executeUpdate("update counter set n = 7 where id = 1");
            SQLException refused = assertTimeout(Duration.ofSeconds(2), () -> assertThrows(SQLException.class,
                    () -> other.createStatement().executeUpdate("update counter set n = 8 where id = 2"),
                    "the gate is held until the caller's COMMIT"));
            assertTrue(refused.getMessage().contains("already holds the write lock"),
                    "refused by the gate, not by SQLite: " + refused.getMessage());
            c.createStatement().execute("COMMIT");
            other.createStatement().executeUpdate("update counter set n = 8 where id = 2");
            assertEquals(15, queryLong(other, "select sum(n) from counter"));
        }
    }

    @Test
    void aWriterOnAnotherThreadQueuesAtTheGateUntilTheHolderCommits() throws Exception {
        try (Connection holder = DriverManager.getConnection(url)) {
            holder.setAutoCommit(false);
            holder.createStatement().executeUpdate("update counter set n = 1 where id = 1");
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                Future<Integer> queued = other.submit(() -> {
                    try (Connection c = DriverManager.getConnection(url)) {
                        return c.createStatement().executeUpdate("update counter set n = 2 where id = 2");
                    }
                });
                PoolMXBean pool = PooledSqliteDriver.pool(url, null);
                assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
                    while (pool.getWriteGateWaits() == 0) {
                        Thread.onSpinWait();
                    }
                }, "the second writer waits at the in-JVM gate");
                assertFalse(queued.isDone(), "it cannot write while the gate is held");
                holder.commit();
                assertEquals(1, queued.get(5, TimeUnit.SECONDS));
            } finally {
                other.shutdownNow();
            }
        }
    }

    @Test
    void aSecondProcessWritingTheSameFileAtTheSameTimeLosesNothing() throws Exception {
        int each = 300;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CounterWriter.class.getName(), url, Integer.toString(each))
                .redirectError(new File(dir.toFile(), "child.err")).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("ready", out.readLine());
        int mine = increment(url, each);
        String childCommitted = out.readLine();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the other process finished");
        assertEquals(0, child.exitValue(), "the other process saw no error");
        assertEquals("committed " + each, childCommitted);
        try (Connection c = DriverManager.getConnection(url)) {
            assertEquals(mine + each, queryLong(c, "select n from counter where id = 1"));
        }
    }
}
