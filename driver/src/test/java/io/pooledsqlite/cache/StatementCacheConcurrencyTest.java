package io.pooledsqlite.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.write.StatementKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JDBC lets a program close a statement on one thread while another prepares on the same connection:
 * the cache never lends one physical statement twice at once, and loses none.
 */
class StatementCacheConcurrencyTest {
    private static final int THREADS = 2;
    private static final int ROUNDS = 300_000;
    private static final String SQL = "select 1";

    @TempDir
    Path dir;

    @Test
    void twoThreadsTakingAndGivingNeverShareAStatementAndLoseNone() throws Exception {
        try (Connection physical = Databases.raw(dir.resolve("cache.db"))) {
            // one SQL for both threads, a statement each: they race for the slot and the map entry all the time
            StatementCache cache = new StatementCache(THREADS, new LongAdder(), PreparedStatement::clearParameters);
            List<CachedStatement> made = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                CachedStatement s = new CachedStatement(SQL, physical.prepareStatement(SQL), StatementKind.READ);
                made.add(s);
                cache.give(s);
            }
            Set<CachedStatement> lent = ConcurrentHashMap.newKeySet();
            AtomicInteger shared = new AtomicInteger();
            LongAdder hits = new LongAdder();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                threads.add(new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < ROUNDS; i++) {
                        CachedStatement s = cache.take(SQL);
                        if (s == null) {
                            continue;
                        }
                        hits.increment();
                        if (!lent.add(s)) {
                            shared.incrementAndGet();
                            continue;
                        }
                        lent.remove(s);
                        cache.give(s);
                    }
                }));
            }
            threads.forEach(Thread::start);
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                start.countDown();
                for (Thread t : threads) {
                    t.join();
                }
            });
            assertEquals(0, shared.get(), "a statement lent twice at once");
            assertEquals(THREADS * ROUNDS, hits.sum(), "as many statements as threads: every take found one");
            Set<CachedStatement> idle = new HashSet<>();
            for (CachedStatement s; (s = cache.take(SQL)) != null; ) {
                assertTrue(idle.add(s), "taken twice");
            }
            assertEquals(Set.copyOf(made), idle, "both statements are idle again, neither lost");
            for (CachedStatement s : made) {
                assertFalse(s.statement().isClosed(), "the cache had room for both: it closed none");
            }
        }
    }
}
