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
 * Justifies (or not) pooledsqlite's {@code cache_size=-8192} / {@code mmap_size=268435456} against SQLite's
 * {@code -2000} / {@code 0}: point selects and 500-row range scans over a file of a few tens of MB
 * (default 200,000 rows of ~220 bytes, about 50 MB), on one raw sqlite-jdbc connection per thread with
 * statements prepared once, so only page access differs between settings. The file is built once and kept
 * in the bench directory ({@code pagecache-<rows>.db}) for later trials; the OS page cache is warm.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class PageCacheBenchmark {

    private static final int RANGE_ROWS = 500;

    @Param({"-2000", "-8192"})
    public String cacheSize;

    @Param({"0", "268435456"})
    public String mmapSize;

    @Param({"200000"})
    public int rows;

    private Connection connection;
    private PreparedStatement point;
    private PreparedStatement range;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        Properties pragmas = new Properties();
        pragmas.setProperty("journal_mode", "WAL");
        pragmas.setProperty("cache_size", cacheSize);
        pragmas.setProperty("mmap_size", mmapSize);
        connection = RawSqlite.open(sharedFile(rows), pragmas);
        requirePragma("cache_size", cacheSize);
        requirePragma("mmap_size", mmapSize);
        point = connection.prepareStatement("select payload from item where id = ?");
        range = connection.prepareStatement("select sum(length(payload)) from item where id between ? and ?");
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        point.close();
        range.close();
        connection.close();
    }

    @Benchmark
    public String pointSelect() throws SQLException {
        point.setInt(1, ThreadLocalRandom.current().nextInt(1, rows + 1));
        try (ResultSet rs = point.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Benchmark
    public long rangeScan() throws SQLException {
        int first = ThreadLocalRandom.current().nextInt(1, Math.max(2, rows - RANGE_ROWS));
        range.setInt(1, first);
        range.setInt(2, first + RANGE_ROWS - 1);
        try (ResultSet rs = range.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void requirePragma(String name, String expected) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("pragma " + name)) {
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
