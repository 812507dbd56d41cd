package io.pooledsqlite;

import static io.pooledsqlite.Databases.queryLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sixteen threads of mixed readers and writers for a minute (system property
 * {@code pooledsqlite.soakSeconds}, default 60): no error, readers always see whole transactions, and at
 * the end the row counts are exactly what was committed.
 */
class SoakTest {
    @TempDir
    Path dir;

    @AfterEach
    void closePools() {
        Databases.closePools(dir);
    }

    @Test
    void sixteenThreadsOfMixedWorkEndWithExactCounts() throws Exception {
        long seconds = Long.getLong("pooledsqlite.soakSeconds", 60);
        String url = Databases.url(dir, "maxPoolSize=8&statementCacheSize=32");
        Databases.execute(url, "create table item(id integer primary key, owner int, v text)");
        Databases.execute(url, "create table tally(owner integer primary key, n int)");
        for (int t = 0; t < 8; t++) {
            Databases.execute(url, "insert into tally values (" + t + ", 0)");
        }
        AtomicLong inserted = new AtomicLong();
        AtomicLong deleted = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService threads = Executors.newFixedThreadPool(16);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            final int owner = t;
            work.add(threads.submit(() -> {
                long round = 0;
                while (System.nanoTime() < end) {
                    try (Connection c = DriverManager.getConnection(url)) {
                        c.setAutoCommit(false);
                        int rows = 1 + (int) (round % 3);
                        try (PreparedStatement ins = c.prepareStatement("insert into item(owner, v) values (?, ?)");
                             PreparedStatement tally = c.prepareStatement(
                                     "update tally set n = n + ? where owner = ?")) {
                            for (int i = 0; i < rows; i++) {
                                ins.setInt(1, owner);
                                ins.setString(2, "r" + round);
                                ins.executeUpdate();
                            }
                            tally.setInt(1, rows);
                            tally.setInt(2, owner);
                            tally.executeUpdate();
                        }
                        if (round % 10 == 9) {
                            try (PreparedStatement del = c.prepareStatement(
                                    "delete from item where id = (select min(id) from item where owner = ?)");
                                 PreparedStatement tally = c.prepareStatement(
                                         "update tally set n = n - ? where owner = ?")) {
                                del.setInt(1, owner);
                                int gone = del.executeUpdate();
                                tally.setInt(1, gone);
                                tally.setInt(2, owner);
                                tally.executeUpdate();
                                c.commit();
                                deleted.addAndGet(gone);
                            }
                        } else {
                            c.commit();
                        }
                        inserted.addAndGet(rows);
                        round++;
                    }
                }
                return null;
            }));
            work.add(threads.submit(() -> {
                while (System.nanoTime() < end) {
                    try (Connection c = DriverManager.getConnection(url)) {
                        c.setReadOnly(owner % 2 == 0);
                        c.setAutoCommit(false);
                        long items = queryLong(c, "select count(*) from item where owner = " + owner);
                        long tally = queryLong(c, "select n from tally where owner = " + owner);
                        c.commit();
                        assertEquals(tally, items, "a reader saw half a transaction");
                        reads.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        threads.shutdown();
        try (Connection c = DriverManager.getConnection(url)) {
            assertEquals(inserted.get() - deleted.get(), queryLong(c, "select count(*) from item"));
            assertEquals(inserted.get() - deleted.get(), queryLong(c, "select sum(n) from tally"));
        }
        assertEquals(0, PooledSqliteDriver.pool(url, null).getActiveConnections());
        assertTrue(reads.get() > 0 && inserted.get() > 0);
    }
}
