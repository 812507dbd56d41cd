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
 * The ceiling for {@link ReadModifyWriteBenchmark}: SQLite runs one write transaction at a time, so one
 * thread on one raw connection with statements prepared once is as fast as that workload can go.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class ReadModifyWriteCeilingBenchmark {

    @Param({"sqlite-jdbc-shared"})
    public String peer;

    private Trial trial;
    private Connection connection;
    private PreparedStatement select;
    private PreparedStatement update;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        trial = Trial.open(peer, file -> Schema.createCounters(file, Schema.COUNTER_ROWS), Map.of());
        connection = trial.source().borrow();
        connection.setAutoCommit(false);
        select = connection.prepareStatement(ReadModifyWriteBenchmark.SELECT);
        update = connection.prepareStatement(ReadModifyWriteBenchmark.UPDATE);
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        select.close();
        update.close();
        connection.setAutoCommit(true);
        trial.source().release(connection);
        trial.close();
    }

    @Benchmark
    public void readModifyWrite(Outcomes outcomes) throws SQLException {
        try {
            rawTransaction(connection, select, update);
            outcomes.committed++;
        } catch (SQLException e) {
            outcomes.failed(e);
            connection.rollback();
        }
    }

    /**
     * One read-modify-write transaction on a raw connection whose statements were prepared once (also
     * the limit's loop in {@link PhysicalLimits}).
     */
    static void rawTransaction(Connection c, PreparedStatement select, PreparedStatement update)
            throws SQLException {
        int id = ThreadLocalRandom.current().nextInt(1, Schema.COUNTER_ROWS + 1);
        select.setInt(1, id);
        long n;
        try (ResultSet rs = select.executeQuery()) {
            rs.next();
            n = rs.getLong(1);
        }
        update.setLong(1, n + 1);
        update.setInt(2, id);
        update.executeUpdate();
        c.commit();
    }
}
