package io.pooledsqlite.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
 * Issue 3: threads running {@code select n} then {@code update n} in an explicit transaction, the pattern
 * that makes deferred SQLite transactions fail with {@code SQLITE_BUSY(_SNAPSHOT)}. The score counts
 * attempts; {@code committed}, {@code busyErrors} and {@code otherErrors} say how they ended. After the
 * trial the counters must add up to the commits, or the trial fails (a lost update). The two
 * {@code hikari+…-lock} contenders hold one JVM lock per transaction (fair / non-fair): models of a write
 * gate, to show what fairness costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
public class ReadModifyWriteBenchmark {

    static final String SELECT = "select n from counter where id = ?";
    static final String UPDATE = "update counter set n = ? where id = ?";

    @Param({"sqlite-jdbc-open", "hikari", "hikari+fair-lock", "hikari+unfair-lock", "pooledsqlite",
            "pooledsqlite-wasm"})
    public String peer;

    private Trial trial;
    private ConnectionSource source;
    private final LongAdder commits = new LongAdder();

    @Setup(Level.Trial)
    public void open() throws SQLException {
        trial = Trial.open(peer, file -> Schema.createCounters(file, Schema.COUNTER_ROWS), Map.of());
        source = trial.source();
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        try {
            trial.source().close();
            long total = Schema.counterTotal(trial.file());
            if (total != commits.sum()) {
                throw new IllegalStateException(peer + " lost updates: " + commits.sum()
                        + " transactions committed but the counters add up to " + total);
            }
        } finally {
            trial.close();
        }
    }

    @Benchmark
    public void readModifyWrite(Outcomes outcomes) throws SQLException {
        int id = ThreadLocalRandom.current().nextInt(1, Schema.COUNTER_ROWS + 1);
        Connection c;
        try {
            c = source.borrow();
        } catch (SQLException e) {
            outcomes.failed(e);
            return;
        }
        try {
            c.setAutoCommit(false);
            long n;
            try (PreparedStatement select = c.prepareStatement(SELECT)) {
                select.setInt(1, id);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    n = rs.getLong(1);
                }
            }
            try (PreparedStatement update = c.prepareStatement(UPDATE)) {
                update.setLong(1, n + 1);
                update.setInt(2, id);
                update.executeUpdate();
            }
            c.commit();
            commits.increment();
            outcomes.committed++;
        } catch (SQLException e) {
            outcomes.failed(e);
            c.rollback();
        } finally {
            c.setAutoCommit(true);
            source.release(c);
        }
    }
}
