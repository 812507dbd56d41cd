package io.pooledsqlite.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Your query on your database: borrow, prepare {@code sql} ({@code @file.sql} reads it from a file, needed
 * when it contains commas, which JMH's {@code -p} treats as separators), bind every {@code ?} to a random integer in
 * 1..{@code maxId}, read all rows, close. Leave {@code dbFile} empty to use a generated {@code item}
 * table. {@code pragmas} ({@code k=v&k=v}, sqlite-jdbc names) go to every contender. Threads with {@code -t}.
 * Point it at a copy: pooledsqlite and the WAL settings given to the others switch the file to WAL.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class UserQueryBenchmark {

    @Param({"sqlite-jdbc-shared", "hikari", "pooledsqlite"})
    public String peer;

    @Param({""})
    public String dbFile;

    @Param({PointSelectBenchmark.SELECT})
    public String sql;

    @Param({"10000"})
    public int maxId;

    @Param({""})
    public String pragmas;

    private ScratchDatabase scratch;
    private ConnectionSource source;
    private String query;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        Path file;
        if (dbFile.isEmpty()) {
            scratch = ScratchDatabase.create("user");
            file = scratch.file();
            Schema.createItems(file, Schema.ITEM_ROWS, 64);
        } else {
            file = Path.of(dbFile);
            if (!file.toFile().isFile()) {
                throw new IllegalArgumentException("dbFile " + file.toAbsolutePath() + " is not a file");
            }
        }
        query = readSql(sql);
        source = Peer.byLabel(peer).open(file, parsePragmas(pragmas));
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        try {
            source.close();
        } finally {
            if (scratch != null) {
                scratch.close();
            }
        }
    }

    @Benchmark
    public void query(Blackhole bh) throws SQLException {
        Connection c = source.borrow();
        try (PreparedStatement ps = c.prepareStatement(query)) {
            int parameters = ps.getParameterMetaData().getParameterCount();
            for (int i = 1; i <= parameters; i++) {
                ps.setInt(i, ThreadLocalRandom.current().nextInt(1, maxId + 1));
            }
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        bh.consume(rs.getObject(i));
                    }
                }
            }
        } finally {
            source.release(c);
        }
    }

    /** The SQL itself, or with a leading {@code @} the content of that file (JMH splits -p values at commas). */
    static String readSql(String spec) {
        if (!spec.startsWith("@")) {
            return spec;
        }
        Path file = Path.of(spec.substring(1));
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sql file " + file.toAbsolutePath(), e);
        }
    }

    static Map<String, String> parsePragmas(String spec) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String pair : spec.split("&")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("pragmas must look like k=v&k=v, got '" + pair + "'");
            }
            result.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return result;
    }
}
