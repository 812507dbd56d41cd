package io.pooledsqlite.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The pool's own cost against SQLite's physical limit, every contender timed in one JVM in rotating
 * slices (random order each round, medians of the rounds), so all see the same machine load. Four
 * workloads, the four ratios of issue 18:
 *
 * <ul>
 *   <li>read-modify-write transactions, 8 threads: pooledsqlite and HikariCP against the limit, one raw
 *       connection on one thread with statements prepared once (SQLite writes are serial); also pooledsqlite
 *       on 1 thread, whose ratio shows the pool's own cost per transaction without the gate's hand-offs
 *       (and which, unlike the 8-thread one, other load on the machine does not favour); and the limit's
 *       loop alternating between two raw connections, what SQLite itself loses when consecutive
 *       transactions run on different connections; and pooledsqlite with {@code mmap_size=0} (the limit
 *       and HikariCP run without mmap, pooledsqlite's default maps 256 MiB);</li>
 *   <li>point select with {@code prepareStatement} each time, 1 thread: against one reused raw statement;</li>
 *   <li>borrow + close, 1 thread: pooledsqlite against HikariCP;</li>
 *   <li>auto-commit single-row update, 8 threads: pooledsqlite against HikariCP.</li>
 * </ul>
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.pooledsqlite.bench.PhysicalLimits [sliceMillis] [rounds]
 * [workload]} (defaults 1000, 5 and all four). {@code workload} ({@code rmw}, {@code select}, {@code borrow} or
 * {@code update}) runs that one alone, e.g. under a profiler; its ratio line is then the only one.
 */
public final class PhysicalLimits {
    private static final int WRITERS = 8;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * One timed slice of one contender: runs until {@code stop}, counting operations; its threads add the
     * CPU time they used to {@code cpuNanos}.
     */
    @FunctionalInterface
    interface Work {
        void run(AtomicBoolean stop, LongAdder ops, LongAdder errors, LongAdder cpuNanos) throws SQLException;
    }

    /** Suffix of the figures per second of the contender's own CPU time, which other load barely moves. */
    static final String PER_CPU_SECOND = " per cpu-s";

    /** The four workloads, by the name the command line selects them with. */
    static final List<String> WORKLOADS = List.of("rmw", "select", "borrow", "update");

    private final long sliceMillis;
    private final int rounds;
    private final List<String> workloads;
    /** Per workload run, each contender's median operations per second. */
    private final Map<String, Map<String, Double>> medians = new LinkedHashMap<>();

    PhysicalLimits(long sliceMillis, int rounds, List<String> workloads) {
        if (!WORKLOADS.containsAll(workloads)) {
            throw new IllegalArgumentException("workloads are " + WORKLOADS + ", not " + workloads);
        }
        this.sliceMillis = sliceMillis;
        this.rounds = rounds;
        this.workloads = workloads;
    }

    public static void main(String[] args) throws Exception {
        long slice = args.length > 0 ? Long.parseLong(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> workloads = args.length > 2 ? List.of(args[2]) : WORKLOADS;
        for (String line : new PhysicalLimits(slice, rounds, workloads).run()) {
            System.out.println(line);
        }
    }

    /** Runs all four workloads and returns the report, one line each, ratios last. */
    List<String> run() throws Exception {
        List<String> report = new ArrayList<>();
        List<String> ratios = new ArrayList<>();
        try (Trial limitDb = Trial.open(Peer.SQLITE_JDBC_SHARED.label(), PhysicalLimits::schema, Map.of());
             Trial pooled = Trial.open(Peer.POOLEDSQLITE.label(), PhysicalLimits::schema, Map.of());
             Trial hikari = Trial.open(Peer.HIKARI.label(), PhysicalLimits::schema, Map.of());
             Trial pooledNoMmap = Trial.open(Peer.POOLEDSQLITE.label(), PhysicalLimits::schema,
                     Map.of("mmap_size", "0"));
             ConnectionSource second = Peer.SQLITE_JDBC_SHARED.open(limitDb.file(), Map.of())) {
            if (workloads.contains("rmw")) {
                Map<String, double[]> rmw = measure(Map.of(
                        "limit", threads(1, rawReadModifyWrite(limitDb.source())),
                        "limit-2-connections-in-turn",
                                threads(1, rawReadModifyWriteInTurn(limitDb.source(), second)),
                        "pooledsqlite", threads(WRITERS, readModifyWrite(pooled.source())),
                        "pooledsqlite-mmap_size=0", threads(WRITERS, readModifyWrite(pooledNoMmap.source())),
                        "pooledsqlite-1-thread", threads(1, readModifyWrite(pooled.source())),
                        "hikari", threads(WRITERS, readModifyWrite(hikari.source()))));
                describe(report, "read-modify-write tx, 8 threads (limit: 1 raw connection, 1 thread)", rmw);
                ratios.add(String.format("ratio rmw pooledsqlite/limit %.2f (goal >= 0.9), hikari/limit %.2f,"
                        + " pooledsqlite on 1 thread/limit %.2f, 2 raw connections in turn/limit %.2f,"
                        + " pooledsqlite with mmap_size=0/limit %.2f",
                        ratio(rmw, "pooledsqlite", "limit"), ratio(rmw, "hikari", "limit"),
                        ratio(rmw, "pooledsqlite-1-thread", "limit"),
                        ratio(rmw, "limit-2-connections-in-turn", "limit"),
                        ratio(rmw, "pooledsqlite-mmap_size=0", "limit")));
                ratios.add(cpuRatio("rmw", rmw, "pooledsqlite-1-thread", "limit"));
            }
            if (workloads.contains("select")) {
                Map<String, double[]> select = measure(Map.of(
                        "limit", threads(1, rawPointSelect(limitDb.source())),
                        "pooledsqlite", threads(1, pointSelect(pooled.source())),
                        "hikari", threads(1, pointSelect(hikari.source()))));
                describe(report, "point select, prepareStatement each time (limit: a reused raw statement)", select);
                ratios.add(String.format("ratio select pooledsqlite/limit %.2f (goal >= 0.95), hikari/limit %.2f",
                        ratio(select, "pooledsqlite", "limit"), ratio(select, "hikari", "limit")));
                ratios.add(cpuRatio("select", select, "pooledsqlite", "limit"));
            }
            if (workloads.contains("borrow")) {
                Map<String, double[]> borrow = measure(Map.of(
                        "pooledsqlite", threads(1, borrowAndClose(pooled.source())),
                        "hikari", threads(1, borrowAndClose(hikari.source()))));
                describe(report, "borrow + close, 1 thread", borrow);
                ratios.add(String.format("ratio borrow pooledsqlite/hikari %.2f (goal >= 1.0)",
                        ratio(borrow, "pooledsqlite", "hikari")));
                ratios.add(cpuRatio("borrow", borrow, "pooledsqlite", "hikari"));
            }
            if (workloads.contains("update")) {
                Map<String, double[]> update = measure(Map.of(
                        "pooledsqlite", threads(WRITERS, autoCommitUpdate(pooled.source())),
                        "hikari", threads(WRITERS, autoCommitUpdate(hikari.source()))));
                describe(report, "auto-commit single-row update, 8 threads", update);
                ratios.add(String.format("ratio update pooledsqlite/hikari %.2f (goal >= 1.1)",
                        ratio(update, "pooledsqlite", "hikari")));
                ratios.add(cpuRatio("update", update, "pooledsqlite", "hikari"));
            }
        }
        report.addAll(ratios);
        return report;
    }

    private static void schema(Path file) throws SQLException {
        Schema.createItems(file, Schema.ITEM_ROWS, 64);
        Schema.createCounters(file, Schema.COUNTER_ROWS);
    }

    /** Rounds of one slice per contender, in a new random order each round; committed operations per second. */
    private Map<String, double[]> measure(Map<String, Work> contenders) throws Exception {
        Map<String, double[]> rates = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(contenders.keySet());
        Collections.sort(names);
        for (String n : names) {
            rates.put(n, new double[rounds]);
            rates.put(n + PER_CPU_SECOND, new double[rounds]);
            slice(contenders.get(n), sliceMillis / 4);
        }
        for (int r = 0; r < rounds; r++) {
            Collections.shuffle(names);
            for (String n : names) {
                double[] wallAndCpu = slice(contenders.get(n), sliceMillis);
                rates.get(n)[r] = wallAndCpu[0];
                rates.get(n + PER_CPU_SECOND)[r] = wallAndCpu[1];
            }
        }
        return rates;
    }

    /** Operations per second of wall-clock time and per second of the contender's CPU time. */
    private static double[] slice(Work work, long millis) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder ops = new LongAdder();
        LongAdder errors = new LongAdder();
        LongAdder cpuNanos = new LongAdder();
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            stop.set(true);
        });
        long start = System.nanoTime();
        timer.start();
        work.run(stop, ops, errors, cpuNanos);
        long nanos = System.nanoTime() - start;
        timer.join();
        return new double[] {ops.sum() * 1e9 / nanos, ops.sum() * 1e9 / Math.max(1, cpuNanos.sum())};
    }

    /** After {@link #run()}: per workload run, each contender's median operations per second (wall clock). */
    Map<String, Map<String, Double>> medians() {
        return medians;
    }

    private void describe(List<String> report, String title, Map<String, double[]> rates) {
        Map<String, Double> figures = new LinkedHashMap<>();
        for (String name : rates.keySet()) {
            if (!name.endsWith(PER_CPU_SECOND)) {
                figures.put(name, median(rates, name));
            }
        }
        medians.put(title, figures);
        StringBuilder line = new StringBuilder(title).append(":");
        for (Map.Entry<String, double[]> e : rates.entrySet()) {
            line.append(String.format(" %s %,.0f/s", e.getKey(), median(rates, e.getKey())));
        }
        report.add(line.toString());
    }

    /** The ratio of operations per CPU second: the cost per operation, whatever else the machine runs. */
    private static String cpuRatio(String workload, Map<String, double[]> rates, String name, String base) {
        return String.format("cpu ratio %s %s/%s %.2f (operations per second of own CPU time)", workload, name, base,
                ratio(rates, name + PER_CPU_SECOND, base + PER_CPU_SECOND));
    }

    private static double ratio(Map<String, double[]> rates, String name, String base) {
        return median(rates, name) / median(rates, base);
    }

    private static double median(Map<String, double[]> rates, String name) {
        double[] v = rates.get(name).clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    /** Runs {@code body} on {@code n} threads at once until the slice ends. */
    private static Work threads(int n, Work body) {
        return (stop, ops, errors, cpuNanos) -> {
            CountDownLatch done = new CountDownLatch(n);
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < n; i++) {
                new Thread(() -> {
                    try {
                        long cpu0 = THREADS.getCurrentThreadCpuTime();
                        try {
                            body.run(stop, ops, errors, cpuNanos);
                        } finally {
                            cpuNanos.add(THREADS.getCurrentThreadCpuTime() - cpu0);
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                    } finally {
                        done.countDown();
                    }
                }).start();
            }
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!failures.isEmpty()) {
                throw new SQLException("a benchmark thread failed", failures.get(0));
            }
        };
    }

    private static Work rawReadModifyWrite(ConnectionSource shared) {
        return (stop, ops, errors, cpuNanos) -> {
            Connection c = shared.borrow();
            c.setAutoCommit(false);
            try (PreparedStatement select = c.prepareStatement(ReadModifyWriteBenchmark.SELECT);
                 PreparedStatement update = c.prepareStatement(ReadModifyWriteBenchmark.UPDATE)) {
                while (!stop.get()) {
                    ReadModifyWriteCeilingBenchmark.rawTransaction(c, select, update);
                    ops.increment();
                }
            } finally {
                c.setAutoCommit(true);
                shared.release(c);
            }
        };
    }

    /**
     * The limit's loop on one thread, each transaction on the other of two raw connections to the file:
     * what changing connections between writers costs SQLite itself (a connection drops its page cache
     * when it finds that another connection committed since its last transaction).
     */
    private static Work rawReadModifyWriteInTurn(ConnectionSource first, ConnectionSource second) {
        return (stop, ops, errors, cpuNanos) -> {
            Connection[] c = {first.borrow(), second.borrow()};
            PreparedStatement[] select = new PreparedStatement[2];
            PreparedStatement[] update = new PreparedStatement[2];
            try {
                for (int i = 0; i < 2; i++) {
                    c[i].setAutoCommit(false);
                    select[i] = c[i].prepareStatement(ReadModifyWriteBenchmark.SELECT);
                    update[i] = c[i].prepareStatement(ReadModifyWriteBenchmark.UPDATE);
                }
                for (int i = 0; !stop.get(); i = 1 - i) {
                    ReadModifyWriteCeilingBenchmark.rawTransaction(c[i], select[i], update[i]);
                    ops.increment();
                }
            } finally {
                for (int i = 0; i < 2; i++) {
                    if (select[i] != null) {
                        select[i].close();
                    }
                    if (update[i] != null) {
                        update[i].close();
                    }
                    c[i].setAutoCommit(true);
                }
                first.release(c[0]);
                second.release(c[1]);
            }
        };
    }

    private static Work readModifyWrite(ConnectionSource source) {
        return (stop, ops, errors, cpuNanos) -> {
            while (!stop.get()) {
                int id = ThreadLocalRandom.current().nextInt(1, Schema.COUNTER_ROWS + 1);
                Connection c = source.borrow();
                try {
                    c.setAutoCommit(false);
                    long n;
                    try (PreparedStatement select = c.prepareStatement(ReadModifyWriteBenchmark.SELECT)) {
                        select.setInt(1, id);
                        try (ResultSet rs = select.executeQuery()) {
                            rs.next();
                            n = rs.getLong(1);
                        }
                    }
                    try (PreparedStatement update = c.prepareStatement(ReadModifyWriteBenchmark.UPDATE)) {
                        update.setLong(1, n + 1);
                        update.setInt(2, id);
                        update.executeUpdate();
                    }
                    c.commit();
                    ops.increment();
                } catch (SQLException e) {
                    if (!SqliteErrors.isBusy(e)) {
                        throw e;
                    }
                    errors.increment();
                    c.rollback();
                } finally {
                    c.setAutoCommit(true);
                    source.release(c);
                }
            }
        };
    }

    private static Work rawPointSelect(ConnectionSource shared) {
        return (stop, ops, errors, cpuNanos) -> {
            Connection c = shared.borrow();
            try (PreparedStatement ps = c.prepareStatement(PointSelectBenchmark.SELECT)) {
                while (!stop.get()) {
                    ps.setInt(1, ThreadLocalRandom.current().nextInt(1, Schema.ITEM_ROWS + 1));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        rs.getString(1);
                    }
                    ops.increment();
                }
            } finally {
                shared.release(c);
            }
        };
    }

    private static Work pointSelect(ConnectionSource source) {
        return (stop, ops, errors, cpuNanos) -> {
            Connection c = source.borrow();
            try {
                while (!stop.get()) {
                    try (PreparedStatement ps = c.prepareStatement(PointSelectBenchmark.SELECT)) {
                        ps.setInt(1, ThreadLocalRandom.current().nextInt(1, Schema.ITEM_ROWS + 1));
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            rs.getString(1);
                        }
                    }
                    ops.increment();
                }
            } finally {
                source.release(c);
            }
        };
    }

    private static Work borrowAndClose(ConnectionSource source) {
        return (stop, ops, errors, cpuNanos) -> {
            while (!stop.get()) {
                for (int i = 0; i < 100; i++) {
                    source.release(source.borrow());
                }
                ops.add(100);
            }
        };
    }

    private static Work autoCommitUpdate(ConnectionSource source) {
        return (stop, ops, errors, cpuNanos) -> {
            while (!stop.get()) {
                Connection c = source.borrow();
                try (PreparedStatement ps = c.prepareStatement(AutocommitUpdateBenchmark.INCREMENT)) {
                    ps.setInt(1, ThreadLocalRandom.current().nextInt(1, Schema.COUNTER_ROWS + 1));
                    ps.executeUpdate();
                    ops.increment();
                } catch (SQLException e) {
                    if (!SqliteErrors.isBusy(e)) {
                        throw e;
                    }
                    errors.increment();
                } finally {
                    source.release(c);
                }
            }
        };
    }
}
