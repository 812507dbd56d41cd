package io.pooledsqlite.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
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

/** Issue 3: threads each borrowing a connection for one auto-commit single-row update. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
public class AutocommitUpdateBenchmark {

    static final String INCREMENT = "update counter set n = n + 1 where id = ?";

    @Param({"sqlite-jdbc-open", "sqlite-jdbc-shared", "hikari", "pooledsqlite", "pooledsqlite-wasm"})
    public String peer;

    private Trial trial;
    private ConnectionSource source;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        trial = Trial.open(peer, file -> Schema.createCounters(file, Schema.COUNTER_ROWS), Map.of());
        source = trial.source();
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        trial.close();
    }

    @Benchmark
    public void autocommitUpdate(Outcomes outcomes) throws SQLException {
        Connection c;
        try {
            c = source.borrow();
        } catch (SQLException e) {
            outcomes.failed(e);
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INCREMENT)) {
            ps.setInt(1, ThreadLocalRandom.current().nextInt(1, Schema.COUNTER_ROWS + 1));
            ps.executeUpdate();
            outcomes.committed++;
        } catch (SQLException e) {
            outcomes.failed(e);
        } finally {
            source.release(c);
        }
    }
}
