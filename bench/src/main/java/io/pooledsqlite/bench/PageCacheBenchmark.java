package io.pooledsqlite.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The benchmark behind pooledsqlite's page-cache defaults: SQLite's {@code cache_size=-2000} with
 * {@code mmap_size=268435456} (what the pool uses), against SQLite's own {@code -2000} / {@code 0} and a
 * larger {@code -8192} cache with and without the memory map, on a file of a few tens of MB (default 200,000 rows of ~220 bytes, ~50 MB):
 * uniform point selects, point selects where 90 % hit a ~5 MB hot set (bigger than 2 MB, smaller than 8 MB),
 * and 500-row range scans.
 *
 * <p>The four combinations run <em>interleaved</em> in one trial, each on its own raw sqlite-jdbc
 * connection with statements prepared once: every operation queries all four in a rotating order and times
 * each query. On a shared machine whose load drifts by the second, running the settings one after another
 * would measure the drift; interleaving exposes all four to the same load. The per-setting figures are the
 * {@link PageCacheTimings} counters (queries and nanoseconds each), reported by the suite as queries per
 * second; JMH's own score is the rate of four-query rounds.
 *
 * <p>The file is built once and kept in the bench directory ({@code pagecache-<rows>.db}); the OS page cache
 * is warm, as on a server that has been up for a while.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class PageCacheBenchmark {

    /** The settings compared, in counter order: SQLite defaults, mmap only (pooledsqlite's), cache only, both. */
    static final String[][] SETTINGS = {
        {"-2000", "0"}, {"-2000", "268435456"}, {"-8192", "0"}, {"-8192", "268435456"}
    };

    private static final int RANGE_ROWS = 500;
    private static final int HOT_ROWS = 20_000;

    @Param({"200000"})
    public int rows;

    private final Connection[] connections = new Connection[SETTINGS.length];
    private final PreparedStatement[] points = new PreparedStatement[SETTINGS.length];
    private final PreparedStatement[] ranges = new PreparedStatement[SETTINGS.length];

    @Setup(Level.Trial)
    public void open() throws SQLException {
        Path file = sharedFile(rows);
        for (int i = 0; i < SETTINGS.length; i++) {
            Properties pragmas = new Properties();
            pragmas.setProperty("journal_mode", "WAL");
            pragmas.setProperty("cache_size", SETTINGS[i][0]);
            pragmas.setProperty("mmap_size", SETTINGS[i][1]);
            connections[i] = RawSqlite.open(file, pragmas);
            requirePragma(connections[i], "cache_size", SETTINGS[i][0]);
            requirePragma(connections[i], "mmap_size", SETTINGS[i][1]);
            points[i] = connections[i].prepareStatement("select payload from item where id = ?");
            ranges[i] = connections[i].prepareStatement(
                    "select sum(length(payload)) from item where id between ? and ?");
        }
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        for (int i = 0; i < SETTINGS.length; i++) {
            points[i].close();
            ranges[i].close();
            connections[i].close();
        }
    }

    /** Uniformly random point selects: the worst case for any cache. */
    @Benchmark
    public long pointSelect(PageCacheTimings timings) throws SQLException {
        return interleave(timings, Query.POINT);
    }

    /** Point selects, 90 % of them within the first {@value #HOT_ROWS} rows (~5 MB). */
    @Benchmark
    public long pointSelectHot(PageCacheTimings timings) throws SQLException {
        return interleave(timings, Query.HOT_POINT);
    }

    /** {@code sum(length(payload))} over {@value #RANGE_ROWS} consecutive rows. */
    @Benchmark
    public long rangeScan(PageCacheTimings timings) throws SQLException {
        return interleave(timings, Query.RANGE);
    }

    private enum Query { POINT, HOT_POINT, RANGE }

    private long interleave(PageCacheTimings timings, Query query) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int first = random.nextInt(SETTINGS.length);
        long sink = 0;
        for (int k = 0; k < SETTINGS.length; k++) {
            int setting = (first + k) % SETTINGS.length;
            long start = System.nanoTime();
            sink += run(setting, query, random);
            timings.record(setting, System.nanoTime() - start);
        }
        return sink;
    }

    private long run(int setting, Query query, ThreadLocalRandom random) throws SQLException {
        PreparedStatement ps;
        switch (query) {
            case POINT:
                ps = points[setting];
                ps.setInt(1, random.nextInt(1, rows + 1));
                break;
            case HOT_POINT:
                ps = points[setting];
                int bound = random.nextInt(10) == 0 ? rows : Math.min(rows, HOT_ROWS);
                ps.setInt(1, random.nextInt(1, bound + 1));
                break;
            default:
                ps = ranges[setting];
                int from = random.nextInt(1, Math.max(2, rows - RANGE_ROWS));
                ps.setInt(1, from);
                ps.setInt(2, from + RANGE_ROWS - 1);
                break;
        }
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return query == Query.RANGE ? rs.getLong(1) : rs.getString(1).length();
        }
    }

    private static void requirePragma(Connection c, String name, String expected) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("pragma " + name)) {
            String actual = rs.next() ? rs.getString(1) : "<none>";
            if (!expected.equals(actual)) {
                throw new IllegalStateException(name + " asked " + expected + " but SQLite reports " + actual);
            }
        }
    }

    /** The shared read-only file for {@code rows}, built on first use (atomically, so a crash leaves none). */
    static synchronized Path sharedFile(int rows) throws SQLException {
        try {
            Path file = ScratchDatabase.benchDirectory().resolve("pagecache-" + rows + ".db");
            if (Files.exists(file)) {
                return file;
            }
            ScratchDatabase scratch = ScratchDatabase.create("pagecache");
            try {
                Schema.createItems(scratch.file(), rows, 200);
                // leaving WAL checkpoints and removes the -wal file, so one file holds everything
                Properties rollback = new Properties();
                rollback.setProperty("journal_mode", "DELETE");
                RawSqlite.open(scratch.file(), rollback).close();
                Files.move(scratch.file(), file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                scratch.close();
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
