package io.pooledsqlite.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@code addBatch}/{@code executeBatch} of {@value #BATCH} rows in one transaction, in WAL and in the
 * rollback journal ({@code DELETE}); the score is rows per second. {@code synchronous=NORMAL} in both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class BatchInsertBenchmark {

    static final int BATCH = 1000;
    static final String INSERT = "insert into batch_item (id, name, qty) values (?, ?, ?)";

    @Param({"sqlite-jdbc-shared", "hikari", "pooledsqlite"})
    public String peer;

    @Param({"WAL", "DELETE"})
    public String journal;

    private Trial trial;
    private ConnectionSource source;
    private long nextId;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        trial = Trial.open(peer, Schema::createBatchItems, Map.of("journal_mode", journal));
        source = trial.source();
    }

    /** Starts every iteration from an empty table so the file size does not drift between iterations. */
    @Setup(Level.Iteration)
    public void empty() throws SQLException {
        Connection c = source.borrow();
        try (Statement s = c.createStatement()) {
            s.executeUpdate("delete from batch_item");
        } finally {
            source.release(c);
        }
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        trial.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int[] insertBatch() throws SQLException {
        Connection c = source.borrow();
        try {
            c.setAutoCommit(false);
            int[] counts;
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (int i = 0; i < BATCH; i++) {
                    long id = ++nextId;
                    ps.setLong(1, id);
                    ps.setString(2, "item-" + id);
                    ps.setLong(3, id % 97);
                    ps.addBatch();
                }
                counts = ps.executeBatch();
            }
            c.commit();
            return counts;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
            source.release(c);
        }
    }
}
