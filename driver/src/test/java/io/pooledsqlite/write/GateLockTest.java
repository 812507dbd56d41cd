package io.pooledsqlite.write;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The write gate's lock lets running threads jump the queue, but never starves a waiter. */
class GateLockTest {
    @Test
    void aWaiterIsServedEvenIfAnotherThreadRetakesTheLockAtOnceAfterEveryRelease()
            throws Exception {
        GateLock lock = new GateLock();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch hogging = new CountDownLatch(1);
        ExecutorService hog = Executors.newSingleThreadExecutor();
        Future<?> hogDone = hog.submit(() -> {
            while (!stop.get()) {
                if (lock.tryLock()) {
                    hogging.countDown();
                    // hold it like a short transaction, then release and at once try again
                    long until = System.nanoTime() + 20_000;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    lock.unlock();
                }
            }
        });
        try {
            hogging.await();
            for (int i = 0; i < 50; i++) {
                boolean served = lock.tryLock(TimeUnit.SECONDS.toNanos(5), TimeUnit.MILLISECONDS.toNanos(1));
                assertTrue(served, "waiter " + i + " was starved");
                lock.unlock();
            }
        } finally {
            stop.set(true);
            hogDone.get(5, TimeUnit.SECONDS);
            hog.shutdown();
        }
    }

    @Test
    void anyThreadMayReleaseTheLock() throws Exception {
        GateLock lock = new GateLock();
        assertTrue(lock.tryLock());
        ExecutorService other = Executors.newSingleThreadExecutor();
        other.submit(lock::unlock).get(5, TimeUnit.SECONDS);
        other.shutdown();
        assertTrue(lock.tryLock());
        assertFalse(lock.tryLock(TimeUnit.MILLISECONDS.toNanos(20), TimeUnit.MILLISECONDS.toNanos(5)),
                "held: a bounded wait gives up");
    }

    @Test
    void aWaitNoLongerThanThePatienceGivesUpWhenItEnds() throws Exception {
        GateLock lock = new GateLock();
        assertTrue(lock.tryLock());
        assertFalse(lock.tryLock(TimeUnit.MILLISECONDS.toNanos(5), TimeUnit.MILLISECONDS.toNanos(5)));
        assertFalse(lock.tryLock(TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(5)));
        lock.unlock();
        assertTrue(lock.tryLock(TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(5)), "free again");
    }
}
