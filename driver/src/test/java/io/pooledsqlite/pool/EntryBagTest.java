package io.pooledsqlite.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pooledsqlite.Databases;
import io.pooledsqlite.cache.StatementCache;
import io.pooledsqlite.config.ConfigParser;
import io.pooledsqlite.config.PoolConfig;
import io.pooledsqlite.engine.resolve.EngineResolver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bag on its own, with entries over real sqlite-jdbc connections: who gets an entry, when, and what
 * it refuses after a drain. The waits are bounded: a broken hand-off shows as a borrower still waiting
 * when the bound runs out, not as a slow pass.
 */
class EntryBagTest {
    private static final Duration BOUND = Duration.ofSeconds(5);
    /** Longer than {@link #BOUND}: a borrower that only a hand-off can serve waits for it, not its deadline. */
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path dir;

    private ConnectionPool pool;
    private final List<Connection> physicals = new ArrayList<>();
    private final EntryBag bag = new EntryBag();

    @BeforeEach
    void startPool() throws SQLException {
        PoolConfig config = ConfigParser.parse(Databases.url(dir, "maxPoolSize=1"), new Properties());
        pool = new ConnectionPool(config, EngineResolver.resolve(config));
    }

    @AfterEach
    void close() throws SQLException {
        pool.close();
        for (Connection c : physicals) {
            c.close();
        }
    }

    /** An entry over its own physical connection, in use by its creator, as a pool makes them. */
    private PoolEntry entry() throws SQLException {
        Connection physical = Databases.raw(dir.resolve("db.sqlite"));
        physicals.add(physical);
        StatementCache cache = new StatementCache(4, new LongAdder(), PreparedStatement::clearParameters);
        return new PoolEntry(pool, physical, cache, null, 0);
    }

    /** A source that never has room: the borrower can only be served from the bag. */
    private static final class Full implements EntryBag.Source {
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public PoolEntry createIfRoom() {
            asked.incrementAndGet();
            return null;
        }

        @Override
        public SQLException timedOut() {
            return new SQLException("timed out", "08001");
        }
    }

    private CompletableFuture<PoolEntry> borrowInBackground(EntryBag.Source source, long waitNanos) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return bag.borrow(System.nanoTime() + waitNanos, source);
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void awaitWaiters(int n) {
        assertTimeoutPreemptively(BOUND, () -> {
            while (bag.waiting() != n) {
                Thread.onSpinWait();
            }
        });
    }

    @Test
    void aReturnedEntryIsHandedStraightToAThreadWaitingForOne() throws Exception {
        // the entry was never added to the bag: a waiter's own looks cannot find it, only the hand-off
        PoolEntry returning = entry();
        CompletableFuture<PoolEntry> waiter = borrowInBackground(new Full(), WAIT_NANOS);
        awaitWaiters(1);

        assertTrue(bag.requite(returning));

        PoolEntry got = assertTimeoutPreemptively(BOUND, () -> waiter.get());
        assertSame(returning, got);
        assertEquals(PoolEntry.IN_USE, got.state());
        awaitWaiters(0);
    }

    @Test
    void anIdleEntryIsLentBeforeTheSourceIsAskedForANewOne() throws Exception {
        PoolEntry idle = entry();
        assertTrue(bag.add(idle));
        assertTrue(bag.makeIdle(idle));
        Full source = new Full();

        assertSame(idle, bag.borrow(System.nanoTime() + WAIT_NANOS, source));
        assertEquals(PoolEntry.IN_USE, idle.state());
        assertEquals(0, source.asked.get());
    }

    @Test
    void anEntryIsNeverLentTwice() throws Exception {
        PoolEntry only = entry();
        bag.add(only);
        bag.makeIdle(only);
        assertSame(only, bag.borrow(System.nanoTime() + WAIT_NANOS, new Full()));

        SQLException timedOut = assertThrows(SQLException.class,
                () -> bag.borrow(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50), new Full()));
        assertEquals("timed out", timedOut.getMessage());
        assertEquals(0, bag.waiting());
    }

    @Test
    void theThreadThatReturnedAnEntryGetsThatEntryBackFirst() throws Exception {
        PoolEntry first = entry();
        PoolEntry second = entry();
        bag.add(first);
        bag.add(second);
        bag.makeIdle(first);
        bag.requite(second);

        assertSame(second, bag.borrow(System.nanoTime() + WAIT_NANOS, new Full()));
        assertSame(first, bag.borrow(System.nanoTime() + WAIT_NANOS, new Full()));
    }

    @Test
    void aWaiterTakesAnEntryMadeIdleWithoutAHandOffAtItsNextLook() throws Exception {
        PoolEntry entry = entry();
        bag.add(entry);
        CompletableFuture<PoolEntry> waiter = borrowInBackground(new Full(), WAIT_NANOS);
        awaitWaiters(1);

        assertTrue(bag.makeIdle(entry));

        assertSame(entry, assertTimeoutPreemptively(BOUND, () -> waiter.get()));
    }

    @Test
    void aWaiterIsGivenRoomTheSourceMakesWhileItWaits() throws Exception {
        PoolEntry created = entry();
        AtomicInteger asked = new AtomicInteger();
        EntryBag.Source roomOnThirdLook = new EntryBag.Source() {
            @Override
            public PoolEntry createIfRoom() {
                return asked.incrementAndGet() >= 3 ? created : null;
            }

            @Override
            public SQLException timedOut() {
                return new SQLException("timed out", "08001");
            }
        };

        CompletableFuture<PoolEntry> waiter = borrowInBackground(roomOnThirdLook, WAIT_NANOS);

        assertSame(created, assertTimeoutPreemptively(BOUND, () -> waiter.get()));
        assertEquals(0, bag.waiting());
    }

    @Test
    void aWaiterPastItsDeadlineGetsTheSourcesTimeoutError() {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> assertTimeoutPreemptively(BOUND,
                () -> borrowInBackground(new Full(), TimeUnit.MILLISECONDS.toNanos(100)).get()));
        assertEquals("timed out", failed.getCause().getCause().getMessage());
        assertEquals(0, bag.waiting());
    }

    @Test
    void aDrainedBagRefusesNewEntriesAndReleasesItsWaiters() throws Exception {
        PoolEntry idle = entry();
        PoolEntry busy = entry();
        bag.add(idle);
        bag.add(busy);
        bag.makeIdle(idle);
        CompletableFuture<PoolEntry> waiter = borrowInBackground(new Full(), WAIT_NANOS);
        // the waiter took the idle entry; wait for a second one
        assertSame(idle, assertTimeoutPreemptively(BOUND, () -> waiter.get()));
        CompletableFuture<PoolEntry> second = borrowInBackground(new Full(), WAIT_NANOS);
        awaitWaiters(1);

        List<PoolEntry> drained = bag.drain();

        assertTrue(drained.isEmpty(), "both entries are in use");
        assertTrue(busy.evictOnReturn);
        assertTrue(idle.evictOnReturn);
        assertNull(assertTimeoutPreemptively(BOUND, () -> second.get()));
        assertTrue(bag.isDrained());
        assertFalse(bag.add(entry()));
        assertFalse(bag.requite(busy), "a return after the drain is closed by the caller");
        assertEquals(PoolEntry.REMOVED, busy.state());
    }

    @Test
    void drainingHandsBackTheIdleEntriesMarkedRemoved() throws Exception {
        PoolEntry idle = entry();
        PoolEntry busy = entry();
        bag.add(idle);
        bag.add(busy);
        bag.makeIdle(idle);
        assertFalse(bag.isDrained());

        List<PoolEntry> drained = bag.drain();

        assertTrue(bag.isDrained());
        assertEquals(List.of(idle), drained);
        assertEquals(PoolEntry.REMOVED, idle.state());
        assertFalse(idle.evictOnReturn);
        assertTrue(busy.evictOnReturn);
    }

    @Test
    void removeTakesOnlyThatEntryOutAndOnlyOnce() throws Exception {
        PoolEntry a = entry();
        PoolEntry b = entry();
        PoolEntry c = entry();
        bag.add(a);
        bag.add(b);
        bag.add(c);

        assertTrue(bag.remove(b));
        assertFalse(bag.remove(b));

        assertEquals(2, bag.size());
        assertSame(a, bag.entries()[0]);
        assertSame(c, bag.entries()[1]);
        assertEquals(PoolEntry.REMOVED, b.state());
    }

    @Test
    void aReservedEntryIsNotLentUntilMadeIdleAgain() throws Exception {
        PoolEntry entry = entry();
        bag.add(entry);
        bag.makeIdle(entry);

        assertTrue(bag.reserve(entry));
        assertFalse(bag.reserve(entry));
        assertEquals(1, bag.count(PoolEntry.RESERVED));
        assertEquals(0, bag.count(PoolEntry.IDLE));
        assertThrows(SQLException.class,
                () -> bag.borrow(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30), new Full()));

        bag.makeIdle(entry);
        assertSame(entry, bag.borrow(System.nanoTime() + WAIT_NANOS, new Full()));
    }

    @Test
    void anEntryReturnedWithNoOneWaitingStaysIdleInTheBag() throws Exception {
        PoolEntry entry = entry();
        bag.add(entry);

        assertTrue(bag.requite(entry));

        assertEquals(PoolEntry.IDLE, entry.state());
        assertEquals(1, bag.count(PoolEntry.IDLE));
        assertSame(entry, bag.borrow(System.nanoTime() + WAIT_NANOS, new Full()));
    }

    @Test
    void aReturningThreadKeepsOfferingTheEntryToAWaiterBusyElsewhere() throws Exception {
        // the waiter is asking the source for room when the entry comes back: no one takes the first offers.
        // The entry was never added to the bag, so the waiter can get it only by a later offer.
        PoolEntry returning = entry();
        CountDownLatch inSource = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        EntryBag.Source busySecondLook = new EntryBag.Source() {
            @Override
            public PoolEntry createIfRoom() {
                if (asked.incrementAndGet() == 2) {
                    inSource.countDown();
                    try {
                        release.await(2 * BOUND.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return null;
            }

            @Override
            public SQLException timedOut() {
                return new SQLException("timed out", "08001");
            }
        };
        CompletableFuture<PoolEntry> waiter = borrowInBackground(busySecondLook, WAIT_NANOS);
        assertTrue(inSource.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));

        CompletableFuture<Boolean> requited = new CompletableFuture<>();
        Thread returner = new Thread(() -> requited.complete(bag.requite(returning)), "returner");
        returner.setDaemon(true);
        returner.start();
        // the returner has offered in vain for a while (it parks between rounds of tries), or given up
        assertTimeoutPreemptively(BOUND, () -> {
            while (!requited.isDone() && returner.getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
        });
        release.countDown();

        assertSame(returning, assertTimeoutPreemptively(BOUND, () -> waiter.get()));
        assertTrue(assertTimeoutPreemptively(BOUND, () -> requited.get()));
    }

    @Test
    void removeTakesOutTheFirstAndTheLastEntryToo() throws Exception {
        PoolEntry a = entry();
        PoolEntry b = entry();
        PoolEntry c = entry();
        bag.add(a);
        bag.add(b);
        bag.add(c);

        assertTrue(bag.remove(a));
        assertEquals(List.of(b, c), List.of(bag.entries()));
        assertTrue(bag.remove(c));
        assertEquals(List.of(b), List.of(bag.entries()));
        assertTrue(bag.remove(b));
        assertEquals(0, bag.size());
        assertFalse(bag.remove(a));
    }

    @Test
    void aBorrowerTheSourceHasRoomForGetsANewEntryWithoutWaiting() throws Exception {
        PoolEntry created = entry();
        List<Integer> waitingWhenAsked = new ArrayList<>();
        EntryBag.Source room = new EntryBag.Source() {
            @Override
            public PoolEntry createIfRoom() {
                waitingWhenAsked.add(bag.waiting());
                return created;
            }

            @Override
            public SQLException timedOut() {
                return new SQLException("timed out", "08001");
            }
        };

        // no time to wait at all: none is needed
        assertSame(created, bag.borrow(System.nanoTime(), room));
        assertEquals(List.of(0), waitingWhenAsked);
    }

    @Test
    void aReturningThreadStopsOfferingAnEntrySomeoneElseTookMeanwhile() throws Exception {
        PoolEntry returning = entry();
        bag.add(returning);
        CountDownLatch inSource = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger asked = new AtomicInteger();
        EntryBag.Source busySecondLook = new EntryBag.Source() {
            @Override
            public PoolEntry createIfRoom() {
                if (asked.incrementAndGet() == 2) {
                    inSource.countDown();
                    try {
                        release.await(2 * BOUND.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return null;
            }

            @Override
            public SQLException timedOut() {
                return new SQLException("timed out", "08001");
            }
        };
        CompletableFuture<PoolEntry> waiter = borrowInBackground(busySecondLook, TimeUnit.MILLISECONDS.toNanos(300));
        try {
            assertTrue(inSource.await(BOUND.toMillis(), TimeUnit.MILLISECONDS));
            CompletableFuture<Boolean> requited = new CompletableFuture<>();
            Thread returner = new Thread(() -> requited.complete(bag.requite(returning)), "returner");
            returner.setDaemon(true);
            returner.start();
            assertTimeoutPreemptively(BOUND, () -> {
                while (!requited.isDone() && returner.getState() != Thread.State.TIMED_WAITING) {
                    Thread.onSpinWait();
                }
            });

            assertTrue(bag.reserve(returning), "taken from the bag while the returner still offers it");

            assertTrue(assertTimeoutPreemptively(BOUND, () -> requited.get()), "the returner gave up offering");
            assertEquals(PoolEntry.RESERVED, returning.state());
        } finally {
            release.countDown();
        }
        ExecutionException timedOut = assertThrows(ExecutionException.class,
                () -> assertTimeoutPreemptively(BOUND, () -> waiter.get()));
        assertEquals("timed out", timedOut.getCause().getCause().getMessage());
    }
}
