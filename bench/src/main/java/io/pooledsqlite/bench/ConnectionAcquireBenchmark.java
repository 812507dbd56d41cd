package io.pooledsqlite.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
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

/** Issue 2: {@code getConnection()} + {@code close()} on one thread; the borrow/return path alone. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class ConnectionAcquireBenchmark {

    @Param({"sqlite-jdbc-open", "hikari", "pooledsqlite", "pooledsqlite+metrics", "pooledsqlite-wasm"})
    public String peer;

    private Trial trial;
    private ConnectionSource source;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        trial = Trial.open(peer, file -> Schema.createItems(file, 100, 16), Map.of());
        source = trial.source();
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        trial.close();
    }

    @Benchmark
    public void getConnectionAndClose(Blackhole bh) throws SQLException {
        Connection c = source.borrow();
        bh.consume(c);
        source.release(c);
    }
}
