package io.pooledsqlite.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

/**
 * The everyday pattern: borrow, {@code prepareStatement} (every time), execute, read one row, close all.
 * pooledsqlite with its statement cache (256) against the same pool with the cache off.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class PointSelectBenchmark {

    static final String SELECT = "select name from item where id = ?";

    @Param({"sqlite-jdbc-open", "sqlite-jdbc-shared", "hikari", "pooledsqlite", "pooledsqlite-nocache",
            "pooledsqlite-wasm", "sqlite4j-shared"})
    public String peer;

    private Trial trial;
    private ConnectionSource source;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        trial = Trial.open(peer, file -> Schema.createItems(file, Schema.ITEM_ROWS, 64), Map.of());
        source = trial.source();
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        trial.close();
    }

    @Benchmark
    public String pointSelect() throws SQLException {
        Connection c = source.borrow();
        try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setInt(1, ThreadLocalRandom.current().nextInt(1, Schema.ITEM_ROWS + 1));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } finally {
            source.release(c);
        }
    }
}
