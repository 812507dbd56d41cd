package io.pooledsqlite.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * HikariCP and pooledsqlite in the same trial, alternating in random order, each timed over a short batch:
 * the single-thread comparisons of {@link ConnectionAcquireBenchmark}, {@link PointSelectBenchmark} and
 * {@link BatchInsertBenchmark} (WAL) made robust against a shared machine whose load drifts between JMH forks. Each pool has its own copy
 * of the database. Per-pool figures come from {@link HeadToHeadTimings}; JMH's own score is the rate of
 * rounds (one batch on each pool).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class HeadToHeadBenchmark {

    private static final int ACQUIRE_BATCH = 100;
    private static final int SELECT_BATCH = 10;

    private Trial hikari;
    private Trial pooled;
    private long nextId;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        Trial.SchemaSetup items = file -> {
            Schema.createItems(file, Schema.ITEM_ROWS, 64);
            Schema.createBatchItems(file);
        };
        hikari = Trial.open(Peer.HIKARI.label(), items, Map.of());
        pooled = Trial.open(Peer.POOLEDSQLITE.label(), items, Map.of());
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        try {
            hikari.close();
        } finally {
            pooled.close();
        }
    }

    /** {@value #ACQUIRE_BATCH} × ({@code getConnection()} + {@code close()}) on each pool. */
    @Benchmark
    public void getConnectionAndClose(HeadToHeadTimings timings, Blackhole bh) throws SQLException {
        boolean pooledFirst = ThreadLocalRandom.current().nextBoolean();
        acquireBatch(pooledFirst, timings, bh);
        acquireBatch(!pooledFirst, timings, bh);
    }

    /** {@value #SELECT_BATCH} × (borrow, prepare, point select, close) on each pool. */
    @Benchmark
    public void pointSelect(HeadToHeadTimings timings, Blackhole bh) throws SQLException {
        boolean pooledFirst = ThreadLocalRandom.current().nextBoolean();
        selectBatch(pooledFirst, timings, bh);
        selectBatch(!pooledFirst, timings, bh);
    }

    /** One {@value BatchInsertBenchmark#BATCH}-row batch insert transaction (WAL) on each pool; ops are rows. */
    @Benchmark
    public void insertBatch(HeadToHeadTimings timings) throws SQLException {
        boolean pooledFirst = ThreadLocalRandom.current().nextBoolean();
        insertBatch(pooledFirst, timings);
        insertBatch(!pooledFirst, timings);
    }

    /** Keeps the files from growing across iterations, as in {@link BatchInsertBenchmark}. */
    @Setup(Level.Iteration)
    public void emptyBatchTables() throws SQLException {
        for (Trial trial : new Trial[] {hikari, pooled}) {
            Connection c = trial.source().borrow();
            try (Statement s = c.createStatement()) {
                s.executeUpdate("delete from batch_item");
            } finally {
                trial.source().release(c);
            }
        }
    }

    private void insertBatch(boolean usePooled, HeadToHeadTimings timings) throws SQLException {
        ConnectionSource source = (usePooled ? pooled : hikari).source();
        long start = System.nanoTime();
        Connection c = source.borrow();
        try {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(BatchInsertBenchmark.INSERT)) {
                for (int i = 0; i < BatchInsertBenchmark.BATCH; i++) {
                    long id = ++nextId;
                    ps.setLong(1, id);
                    ps.setString(2, "item-" + id);
                    ps.setLong(3, id % 97);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        } finally {
            c.setAutoCommit(true);
            source.release(c);
        }
        timings.record(usePooled, BatchInsertBenchmark.BATCH, System.nanoTime() - start);
    }

    private void acquireBatch(boolean usePooled, HeadToHeadTimings timings, Blackhole bh) throws SQLException {
        ConnectionSource source = (usePooled ? pooled : hikari).source();
        long start = System.nanoTime();
        for (int i = 0; i < ACQUIRE_BATCH; i++) {
            Connection c = source.borrow();
            bh.consume(c);
            source.release(c);
        }
        timings.record(usePooled, ACQUIRE_BATCH, System.nanoTime() - start);
    }

    private void selectBatch(boolean usePooled, HeadToHeadTimings timings, Blackhole bh) throws SQLException {
        ConnectionSource source = (usePooled ? pooled : hikari).source();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long start = System.nanoTime();
        for (int i = 0; i < SELECT_BATCH; i++) {
            Connection c = source.borrow();
            try (PreparedStatement ps = c.prepareStatement(PointSelectBenchmark.SELECT)) {
                ps.setInt(1, random.nextInt(1, Schema.ITEM_ROWS + 1));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    bh.consume(rs.getString(1));
                }
            } finally {
                source.release(c);
            }
        }
        timings.record(usePooled, SELECT_BATCH, System.nanoTime() - start);
    }
}
