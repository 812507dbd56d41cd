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
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One writer updating in small transactions while readers run point selects; the readers' latency
 * distribution (sample time) shows whether writes stall reads. Default 1 writer + 3 readers; change the
 * split with JMH's {@code -tg 1,N}.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MixedReadWriteBenchmark {

    @Param({"sqlite-jdbc-open", "hikari", "pooledsqlite", "pooledsqlite-wasm"})
    public String peer;

    private Trial trial;
    private ConnectionSource source;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        trial = Trial.open(peer, file -> {
            Schema.createItems(file, Schema.ITEM_ROWS, 64);
            Schema.createCounters(file, Schema.COUNTER_ROWS);
        }, Map.of());
        source = trial.source();
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        trial.close();
    }

    /** Ten single-row increments in one transaction. */
    @Benchmark
    @Group("mixed")
    @GroupThreads(1)
    public void writer() throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Connection c = source.borrow();
        try {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(AutocommitUpdateBenchmark.INCREMENT)) {
                for (int i = 0; i < 10; i++) {
                    ps.setInt(1, random.nextInt(1, Schema.COUNTER_ROWS + 1));
                    ps.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
            source.release(c);
        }
    }

    /** A point select on a freshly borrowed connection, statement prepared each time. */
    @Benchmark
    @Group("mixed")
    @GroupThreads(3)
    public String reader() throws SQLException {
        Connection c = source.borrow();
        try (PreparedStatement ps = c.prepareStatement(PointSelectBenchmark.SELECT)) {
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
