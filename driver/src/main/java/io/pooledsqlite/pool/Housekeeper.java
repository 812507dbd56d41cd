package io.pooledsqlite.pool;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/** The one daemon thread all pools share for idle retirement, refilling and leak reports. */
final class Housekeeper {
    private static final ScheduledThreadPoolExecutor EXECUTOR = create();

    private Housekeeper() {
    }

    static ScheduledThreadPoolExecutor executor() {
        return EXECUTOR;
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "pooledsqlite-housekeeper");
            t.setDaemon(true);
            return t;
        });
        // leak-detection tasks are cancelled on almost every return; do not let them pile up
        e.setRemoveOnCancelPolicy(true);
        e.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return e;
    }
}
