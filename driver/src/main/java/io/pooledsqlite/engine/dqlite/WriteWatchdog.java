package io.pooledsqlite.engine.dqlite;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds socket writes, which Java cannot time out: a write that is still blocked after the deadline
 * (the node stopped reading, or the network went silent with the send buffer full) has its socket
 * closed, which ends the write with an exception. Only large messages are guarded; a small one fits in
 * the kernel's send buffer and cannot block, since each request is answered before the next is sent.
 */
final class WriteWatchdog {
    /** Messages up to this size are written without a guard. */
    static final int UNGUARDED_BYTES = 32 * 1024;

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pooledsqlite-dqlite-write-watchdog");
        t.setDaemon(true);
        return t;
    });

    private WriteWatchdog() {
    }

    /** Closes {@code socket} unless the returned guard is cancelled within {@code timeoutMs}. */
    static ScheduledFuture<?> guard(Closeable socket, long timeoutMs) {
        return TIMER.schedule(() -> {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is the whole point; nothing else to do
            }
        }, timeoutMs, TimeUnit.MILLISECONDS);
    }
}
