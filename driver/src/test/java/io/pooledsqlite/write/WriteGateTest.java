package io.pooledsqlite.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The gate's own bookkeeping: who shares it, who holds it, on which thread, and what a wait cost. */
class WriteGateTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final Duration LIMIT = Duration.ofSeconds(5);

    private static String database() {
        return "write-gate-test-" + NAMES.incrementAndGet();
    }

    @Test
    void theGateStaysWhileAnyPoolUsesItAndGoesWithTheLast() {
        String db = database();
        WriteGate first = WriteGate.acquireFor(db);
        assertSame(first, WriteGate.acquireFor(db), "pools on one database share the gate");
        first.releaseUse();
        assertSame(first, WriteGate.acquireFor(db), "one user left: the gate stayed");
        first.releaseUse();
        first.releaseUse();
        WriteGate next = WriteGate.acquireFor(db);
        assertNotSame(first, next, "the last user removed the gate");
        next.releaseUse();
    }

    @Test
    void onlyTheHolderMayReleaseTheGate() throws SQLException {
        WriteGate gate = WriteGate.acquireFor(database());
        Object holder = new Object();
        gate.enter(holder, 0);
        assertThrows(IllegalStateException.class, () -> gate.exit(new Object()));
        gate.exit(holder);
        assertEquals(0, gate.enter(new Object(), 0), "the holder's exit freed it");
        gate.releaseUse();
    }

    /**
     * {@code touch} moves the owner thread only for the holder: another connection touching the gate from
     * a second thread must not make that thread look like the owner (it would be refused at once instead
     * of waiting its turn).
     */
    @Test
    void onlyTheHoldersTouchMovesTheOwnerThread() throws Exception {
        WriteGate gate = WriteGate.acquireFor(database());
        Object holder = new Object();
        gate.enter(holder, 0);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            SQLException e = assertTimeoutPreemptively(LIMIT, () -> other.submit(() -> {
                gate.touch(new Object());
                return assertThrows(SQLException.class, () -> gate.enter(new Object(), 50));
            }).get());
            assertTrue(e.getMessage().contains("waited 50 ms"), "it waited its turn: " + e.getMessage());
            assertEquals(1, gate.waits());
            long waited = gate.waitNanos();
            assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(50) && waited < TimeUnit.MINUTES.toNanos(1),
                    "the wait is counted as it lasted: " + waited);
        } finally {
            other.shutdownNow();
            gate.exit(holder);
            gate.releaseUse();
        }
    }

    @Test
    void theHolderHandedToAnotherThreadMakesThatThreadTheOwner() throws Exception {
        WriteGate gate = WriteGate.acquireFor(database());
        Object holder = new Object();
        gate.enter(holder, 0);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            SQLException e = assertTimeoutPreemptively(LIMIT, () -> other.submit(() -> {
                gate.touch(holder);
                return assertThrows(SQLException.class, () -> gate.enter(new Object(), 5_000));
            }).get());
            assertTrue(e.getMessage().contains("already holds the write lock"), e.getMessage());
        } finally {
            other.shutdownNow();
            gate.exit(holder);
            gate.releaseUse();
        }
    }

    @Test
    void aWriterThatWaitedIsToldHowLongAsTheGateCountedIt() throws Exception {
        WriteGate gate = WriteGate.acquireFor(database());
        Object holder = new Object();
        gate.enter(holder, 0);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Object waiter = new Object();
            Future<Long> entered = other.submit(() -> {
                long waited = gate.enter(waiter, 60_000);
                gate.exit(waiter);
                return waited;
            });
            long waited = assertTimeoutPreemptively(LIMIT, () -> {
                while (gate.waits() == 0) {
                    Thread.onSpinWait();
                }
                gate.exit(holder);
                return entered.get();
            });
            assertTrue(waited > 0, "it waited: " + waited);
            assertEquals(gate.waitNanos(), waited, "the one wait counted");
        } finally {
            other.shutdownNow();
            gate.releaseUse();
        }
    }

    @Test
    void aGatesTextNamesItsDatabase() {
        String db = database();
        WriteGate gate = WriteGate.acquireFor(db);
        assertTrue(gate.toString().contains(db), gate.toString());
        gate.releaseUse();
    }

    @Test
    void aWriterInterruptedWhileWaitingGetsBusyAndKeepsItsInterrupt() throws Exception {
        WriteGate gate = WriteGate.acquireFor(database());
        Object holder = new Object();
        gate.enter(holder, 0);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            boolean[] flagKept = new boolean[1];
            SQLException e = assertTimeoutPreemptively(LIMIT, () -> other.submit(() -> {
                Thread.currentThread().interrupt();
                SQLException busy = assertThrows(SQLException.class, () -> gate.enter(new Object(), 60_000));
                flagKept[0] = Thread.interrupted();
                return busy;
            }).get());
            assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
            assertTrue(flagKept[0], "the interrupt is not swallowed");
        } finally {
            other.shutdownNow();
            gate.exit(holder);
            gate.releaseUse();
        }
    }
}
