package io.pooledsqlite.tier;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one background thread of a pool's tiers: adds the {@link QuotaLedger}'s new counts to the
 * {@link UsageStore} every {@value #PERIOD_SECONDS} s, and a last time when it stops.
 */
final class UsageFlusher {
    private static final System.Logger LOG = System.getLogger(UsageFlusher.class.getName());
    static final long PERIOD_SECONDS = 1;

    private final QuotaLedger ledger;
    private final UsageStore store;
    private final String poolName;
    private final ScheduledExecutorService thread;

    UsageFlusher(QuotaLedger ledger, UsageStore store, String poolName) {
        this.ledger = ledger;
        this.store = store;
        this.poolName = poolName;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pooledsqlite-tier-usage-" + poolName);
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        thread.scheduleWithFixedDelay(this::flushQuietly, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    /** Writes the counts taken since the last write; on failure gives them back for the next try. */
    private void flush() throws SQLException {
        Map<String, Map<String, Long>> batch = ledger.takeUnsaved();
        if (batch.isEmpty()) {
            return;
        }
        try {
            write(batch);
        } catch (SQLException | RuntimeException e) {
            ledger.restore(batch);
            throw e;
        }
    }

    private void write(Map<String, Map<String, Long>> batch) throws SQLException {
        Instant now = ledger.clock().instant();
        store.add(batch, UsageWindows.day(now), UsageWindows.month(now));
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Pool " + poolName + " could not save tier usage; will try again", e);
        }
    }

    /** Stops the background thread, waiting up to {@code waitMs} for a write under way. */
    void stop(long waitMs) {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(waitMs, TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "Pool {0}: the tier usage writer did not stop in time", poolName);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops and writes what is left, on the calling thread (which must not hold the database's write
     * lock through another connection).
     */
    void stopAndFlush(long waitMs) {
        stop(waitMs);
        try {
            flush();
        } catch (SQLException | RuntimeException e) {
            // flush gave the counts back to the ledger; nothing will write them now
            LOG.log(System.Logger.Level.WARNING, "Pool " + poolName + " lost unsaved tier usage on close: "
                    + ledger.takeUnsaved(), e);
        }
    }
}
