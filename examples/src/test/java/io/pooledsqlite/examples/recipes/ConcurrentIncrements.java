package io.pooledsqlite.examples.recipes;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * The workload every recipe runs through its framework: threads that each read a counter and write it
 * back plus one, in a transaction. On plain {@code jdbc:sqlite:} such transactions fail with
 * {@code SQLITE_BUSY}; through pooledsqlite none may fail and the count must be exact.
 */
final class ConcurrentIncrements {
    static final int THREADS = 8;
    static final int PER_THREAD = 50;

    /** One read-modify-write transaction through the framework under test. */
    interface Increment {
        void run() throws Exception;
    }

    private ConcurrentIncrements() {
    }

    /** Creates {@code counter(id, n)} with one row, n = 0. */
    static void createCounter(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("create table counter (id integer primary key, n integer not null)");
            s.executeUpdate("insert into counter (id, n) values (1, 0)");
        }
    }

    /** Runs {@link #THREADS} threads of {@link #PER_THREAD} increments; returns how many failed. */
    static int run(Increment increment) throws Exception {
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        try {
                            increment.run();
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return failures.get();
    }

    /** The counter's value, read with plain JDBC. */
    static int value(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("select n from counter where id = 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
