package io.pooledsqlite.pool;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A pool clock for tests: the system's time plus what the test added by hand. */
final class ManualClock implements NanoClock {
    private final AtomicLong offset = new AtomicLong();

    @Override
    public long at(long systemNanos) {
        return systemNanos + offset.get();
    }

    void advance(Duration d) {
        offset.addAndGet(d.toNanos());
    }
}
