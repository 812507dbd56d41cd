package io.pooledsqlite.pool;

import io.pooledsqlite.config.PoolConfig;
import io.pooledsqlite.engine.Engine;
import io.pooledsqlite.error.SqliteErrors;
import io.pooledsqlite.metrics.MicrometerSupport;
import io.pooledsqlite.metrics.PoolMXBean;
import io.pooledsqlite.metrics.PoolMetrics;
import io.pooledsqlite.proxy.ConnectionProxy;
import io.pooledsqlite.write.WriteGate;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToLongFunction;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * A pool of physical SQLite connections to one database. The whole borrow and return path is here:
 * {@link #getConnection()} and {@link #release(PoolEntry, boolean)}.
 *
 * <p>Borrowing tries, in order: the connection this thread returned last (no contention in the common
 * case), any idle connection (a lock-free scan of an array snapshot), a new connection if the pool has
 * room, and finally waits for a returning connection handed over directly, up to
 * {@code connectionTimeout}. Nothing is allocated on this path but the logical connection itself, which
 * must be new on every borrow so a stale reference can never reach the next borrower's work.
 */
public final class ConnectionPool implements PoolMXBean, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ConnectionPool.class.getName());
    /** A connection used this recently is not validated again on borrow (as HikariCP does). */
    private static final long VALIDATION_BYPASS_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** Waiters look again this often, for room made by evictions rather than by returns. */
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final ConcurrentHashMap<String, Boolean> LIVE_NAMES = new ConcurrentHashMap<>();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final PoolConfig config;
    private final Engine engine;
    private final String name;
    private final String physicalTarget;
    private final WriteGate gate;
    private final int maxSize;
    private final int minIdle;
    private final long connectionTimeoutNanos;
    private final long idleTimeoutNanos;
    private final long maxLifetimeNanos;
    private final int validationTimeoutSeconds;
    private final long busyTimeoutMs;
    private final long leakDetectionThresholdMs;
    private final boolean translateErrors;

    private volatile PoolEntry[] entries = new PoolEntry[0];
    private final ThreadLocal<PoolEntry> lastReturned = new ThreadLocal<>();
    private final SynchronousQueue<PoolEntry> handoff = new SynchronousQueue<>(true);
    /** Open connections plus those being opened; never above {@link #maxSize}. */
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicInteger waiters = new AtomicInteger();

    private final LongAdder borrows = new LongAdder();
    private final LongAdder created = new LongAdder();
    private final LongAdder closedConnections = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder leaks = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder cacheMisses = new LongAdder();
    private final LongAdder cacheEvictions = new LongAdder();
    private final LongAdder busyRetries = new LongAdder();
    private final LongAdder retiredReturns = new LongAdder();
    /** Acquire and usage time of connections already closed; open ones keep their own totals. */
    private final LongAdder retiredAcquireNanos = new LongAdder();
    private final LongAdder retiredUsageNanos = new LongAdder();

    private volatile PoolMetrics metrics = PoolMetrics.NONE;
    private final DatabaseFileWatch watch;
    private final DatabaseFileWatch.Reaction dropConnections = this::dropConnections;
    private final ScheduledFuture<?> housekeeping;
    private final ObjectName mbeanName;
    private volatile boolean closed;
    /** The database is read-only: physical connections open without the pool's journal_mode default. */
    private volatile boolean keepFileJournalMode;
    /** For {@code :memory:}: a connection never lent, which keeps the database alive until the pool closes. */
    private Connection memoryAnchor;
    private final AtomicBoolean drained = new AtomicBoolean();

    /**
     * Starts a pool: opens {@code minIdle} connections (so a bad file fails here, with the cause) and
     * registers the MXBean.
     */
    public ConnectionPool(PoolConfig config, Engine engine) throws SQLException {
        this.config = config;
        this.engine = engine;
        this.maxSize = engine.maxConnections(config.maxPoolSize());
        this.minIdle = Math.min(config.minIdle(), maxSize);
        this.connectionTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(config.connectionTimeoutMs());
        // a private in-memory database dies with its last connection: never retire healthy ones
        this.idleTimeoutNanos = config.inMemory() ? 0 : TimeUnit.MILLISECONDS.toNanos(config.idleTimeoutMs());
        this.maxLifetimeNanos = config.inMemory() ? 0 : TimeUnit.MILLISECONDS.toNanos(config.maxLifetimeMs());
        this.validationTimeoutSeconds = (int) Math.max(1, (config.validationTimeoutMs() + 999) / 1000);
        this.busyTimeoutMs = config.busyTimeoutMs();
        this.leakDetectionThresholdMs = config.leakDetectionThresholdMs();
        this.translateErrors = config.translateErrors();
        long seq = SEQUENCE.incrementAndGet();
        String tag = seq + "-" + System.nanoTime();
        this.physicalTarget = config.parsedTarget().physical(tag);
        checkParentDirectory(config);
        this.name = uniqueName(config.poolName().isEmpty() ? "pooledsqlite-" + seq : config.poolName());
        this.gate = WriteGate.acquireFor(config.parsedTarget().gateKey(tag));
        try {
            // a connection replaced on return must not take the only copy of an in-memory database along
            // (an engine of one connection per database has nowhere to share it: there the entry is the anchor)
            this.memoryAnchor = config.inMemory() && engine.maxConnections(2) > 1
                    ? engine.open(physicalTarget, config.sqliteProperties()) : null;
            if (config.metrics()) {
                metrics = MicrometerSupport.toGlobalRegistry(this);
            }
            for (int i = 0; i < Math.max(1, minIdle); i++) {
                PoolEntry e = createIfRoom();
                if (i == 0) {
                    checkIntegrity(e.physical());
                }
                e.lastAccessNanos = System.nanoTime();
                makeIdle(e);
            }
        } catch (SQLException | RuntimeException e) {
            shutdown();
            LIVE_NAMES.remove(name);
            setMetrics(PoolMetrics.NONE);
            throw e;
        }
        this.watch = config.plainFile() ? new DatabaseFileWatch(name, config.target()) : null;
        this.mbeanName = config.registerMbeans() ? registerMBean() : null;
        long period = housekeepingPeriodNanos();
        this.housekeeping = Housekeeper.executor().scheduleWithFixedDelay(
                this::houseKeep, period, period, TimeUnit.NANOSECONDS);
        LOG.log(System.Logger.Level.INFO, "Pool {0} started on engine {1} for {2}: maxPoolSize={3}, minIdle={4},"
                + " statementCacheSize={5}, SQLite settings {6}", name, engine.name(), config.target(), maxSize,
                minIdle, config.statementCacheSize(), config.sqliteSettings());
    }

    // ---------------------------------------------------------------- borrow and return

    /** Lends a connection, waiting at most {@code connectionTimeout}. */
    public Connection getConnection() throws SQLException {
        return getConnection(System.nanoTime() + connectionTimeoutNanos, null);
    }

    /**
     * Lends a connection, waiting until {@code deadline} ({@link System#nanoTime()}) at the latest: a caller
     * that already waited elsewhere for the same request passes the rest of its one deadline.
     * {@code whenReturned}, if not null, runs once, after the connection is back in the pool.
     */
    public Connection getConnection(long deadline, Runnable whenReturned) throws SQLException {
        final long start = System.nanoTime();
        while (true) {
            if (closed) {
                throw poolClosed();
            }
            if (watch != null) {
                watch.check(start, dropConnections);
            }
            PoolEntry e = takeIdle();
            if (e == null) {
                e = createIfRoom();
            }
            if (e == null) {
                e = awaitEntry(deadline);
            }
            long now = System.nanoTime();
            if (expired(e, now)) {
                retire(e, "reached maxLifetime");
                continue;
            }
            if (now - e.lastAccessNanos > VALIDATION_BYPASS_NANOS && !isAlive(e)) {
                retire(e, "failed validation");
                continue;
            }
            borrows.increment();
            e.borrowedNanos = now;
            e.addAcquireNanos(now - start);
            metrics.connectionAcquired(now - start);
            if (leakDetectionThresholdMs > 0) {
                e.leakTask = Housekeeper.executor().schedule(new LeakReport(Thread.currentThread().getName()),
                        leakDetectionThresholdMs, TimeUnit.MILLISECONDS);
            }
            ConnectionProxy c = new ConnectionProxy(this, e);
            if (whenReturned != null) {
                c.whenReturned(whenReturned);
            }
            return c;
        }
    }

    private PoolEntry takeIdle() {
        PoolEntry mine = lastReturned.get();
        if (mine != null && mine.compareAndSet(PoolEntry.IDLE, PoolEntry.IN_USE)) {
            return mine;
        }
        for (PoolEntry e : entries) {
            if (e.compareAndSet(PoolEntry.IDLE, PoolEntry.IN_USE)) {
                return e;
            }
        }
        return null;
    }

    /** Opens a new connection (already marked in use) if the pool has room, else returns null. */
    private PoolEntry createIfRoom() throws SQLException {
        int n;
        do {
            n = size.get();
            if (n >= maxSize) {
                return null;
            }
        } while (!size.compareAndSet(n, n + 1));
        try {
            long start = System.nanoTime();
            Connection physical = openPhysical();
            SessionReset session;
            try {
                session = SessionReset.capture(physical, config.sqliteSettings().getOrDefault("case_sensitive_like",
                        "false"));
            } catch (SQLException | RuntimeException failed) {
                physical.close();
                throw failed;
            }
            metrics.connectionCreated(System.nanoTime() - start);
            PoolEntry e = new PoolEntry(this, physical, new StatementCache(config.statementCacheSize(),
                    cacheEvictions), session);
            synchronized (this) {
                PoolEntry[] grown = Arrays.copyOf(entries, entries.length + 1);
                grown[grown.length - 1] = e;
                entries = grown;
            }
            created.increment();
            return e;
        } catch (SQLException e) {
            size.decrementAndGet();
            throw openFailed(e);
        } catch (RuntimeException | Error e) {
            size.decrementAndGet();
            throw e;
        }
    }

    /**
     * Opens a physical connection with the pool's settings. A read-only database cannot be switched to
     * WAL: when the pool's own default asked for it, the connection opens in the file's journal mode
     * instead, and one log line says so.
     */
    private Connection openPhysical() throws SQLException {
        Properties settings = config.sqliteProperties();
        if (keepFileJournalMode) {
            settings.remove("journal_mode");
        }
        try {
            return engine.open(physicalTarget, settings);
        } catch (SQLException e) {
            if (keepFileJournalMode || config.isExplicit("journal_mode")
                    || SqliteErrors.resultCode(e) != SqliteErrors.READONLY) {
                throw e;
            }
            settings.remove("journal_mode");
            Connection physical = engine.open(physicalTarget, settings);
            keepFileJournalMode = true;
            LOG.log(System.Logger.Level.INFO, "Pool {0}: {1} is read-only, so it stays in its own journal mode"
                    + " (journal_mode=WAL not applied)", name, config.target());
            return physical;
        }
    }

    private PoolEntry awaitEntry(long deadline) throws SQLException {
        waiters.incrementAndGet();
        try {
            while (true) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    timeouts.increment();
                    throw new SQLTransientConnectionException(name + " - Connection is not available, request timed"
                            + " out after " + config.connectionTimeoutMs() + " ms (" + counts() + ")", "08001");
                }
                PoolEntry e = handoff.poll(Math.min(remaining, WAIT_SLICE_NANOS), TimeUnit.NANOSECONDS);
                if (e != null && e.compareAndSet(PoolEntry.IDLE, PoolEntry.IN_USE)) {
                    return e;
                }
                if (closed) {
                    throw poolClosed();
                }
                e = takeIdle();
                if (e == null) {
                    e = createIfRoom();
                }
                if (e != null) {
                    return e;
                }
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException(name + " - interrupted while waiting for a connection ("
                    + counts() + ")", "08001", ie);
        } finally {
            waiters.decrementAndGet();
        }
    }

    /**
     * Takes a connection back after its logical connection reset it. A broken, expired or evicted one is
     * closed instead; an idle one is handed straight to a waiting thread if there is one.
     */
    public void release(PoolEntry e, boolean broken) {
        ScheduledFuture<?> leak = e.leakTask;
        if (leak != null) {
            leak.cancel(false);
            e.leakTask = null;
        }
        long now = System.nanoTime();
        e.returned(now - e.borrowedNanos);
        metrics.connectionReturned(now - e.borrowedNanos);
        String why = whyNotLentAgain(e, broken, now);
        if (why != null) {
            retire(e, why);
            if (!closed) {
                refill();
            }
            return;
        }
        e.lastAccessNanos = now;
        if (!makeIdle(e)) {
            return;
        }
        lastReturned.set(e);
        for (int i = 0; waiters.get() > 0; i++) {
            if (e.state() != PoolEntry.IDLE || handoff.offer(e)) {
                return;
            }
            if ((i & 0xff) == 0xff) {
                LockSupport.parkNanos(10_000);
            } else {
                Thread.yield();
            }
        }
    }

    /**
     * Why a returned entry must be closed instead of lent again, or {@code null} if it may be lent. The
     * session reset runs last, only for an entry that would otherwise be kept.
     */
    private String whyNotLentAgain(PoolEntry e, boolean broken, long now) {
        if (broken) {
            return "broken";
        }
        if (closed) {
            return "pool closed";
        }
        if (e.evictOnReturn || expired(e, now)) {
            return "evicted or expired";
        }
        if (!e.resetSession()) {
            return "the borrower changed state a fresh connection does not have";
        }
        return null;
    }

    /**
     * Lends the entry out again. If the pool closed meanwhile, its shutdown may have passed the entry by
     * while it was busy: it is closed here instead (the volatile write of the state and the read of
     * {@code closed} pair with shutdown's write of {@code closed} and read of the state).
     *
     * @return false if the entry was closed because the pool is closed
     */
    private boolean makeIdle(PoolEntry e) {
        e.setState(PoolEntry.IDLE);
        if (closed && e.compareAndSet(PoolEntry.IDLE, PoolEntry.REMOVED)) {
            retire(e, "pool closed");
            return false;
        }
        return !closed;
    }

    private boolean expired(PoolEntry e, long now) {
        return maxLifetimeNanos > 0 && e.ageNanos(now) > maxLifetimeNanos;
    }

    private boolean isAlive(PoolEntry e) {
        try {
            return e.physical().isValid(validationTimeoutSeconds);
        } catch (SQLException ex) {
            return false;
        }
    }

    private void retire(PoolEntry e, String why) {
        e.setState(PoolEntry.REMOVED);
        synchronized (this) {
            PoolEntry[] current = entries;
            int at = Arrays.asList(current).indexOf(e);
            if (at < 0) {
                return;
            }
            PoolEntry[] shrunk = new PoolEntry[current.length - 1];
            System.arraycopy(current, 0, shrunk, 0, at);
            System.arraycopy(current, at + 1, shrunk, at, current.length - at - 1);
            entries = shrunk;
        }
        // closed before it is counted: whoever sees the count sees the connection closed
        e.closePhysical();
        retiredAcquireNanos.add(e.acquireNanos());
        retiredUsageNanos.add(e.usageNanos());
        retiredReturns.add(e.returns());
        size.decrementAndGet();
        closedConnections.increment();
        LOG.log(System.Logger.Level.DEBUG, "Pool {0} closed a connection: {1}", name, why);
        if (closed) {
            releaseIfDrained();
        }
    }

    /** After the last connection of a closed pool is gone: the engine and the gate are released, once. */
    private void releaseIfDrained() {
        if (entries.length == 0 && drained.compareAndSet(false, true)) {
            if (memoryAnchor != null) {
                try {
                    memoryAnchor.close();
                } catch (SQLException ignored) {
                    // the database goes with it either way
                }
            }
            engine.close();
            gate.releaseUse();
        }
    }

    // ---------------------------------------------------------------- housekeeping

    private long housekeepingPeriodNanos() {
        long period = TimeUnit.SECONDS.toNanos(30);
        for (long t : new long[] {idleTimeoutNanos, maxLifetimeNanos}) {
            if (t > 0) {
                period = Math.min(period, t / 2);
            }
        }
        return Math.max(period, TimeUnit.MILLISECONDS.toNanos(50));
    }

    private void houseKeep() {
        if (closed) {
            return;
        }
        long now = System.nanoTime();
        for (PoolEntry e : entries) {
            if (!e.compareAndSet(PoolEntry.IDLE, PoolEntry.RESERVED)) {
                continue;
            }
            if (e.evictOnReturn || expired(e, now)) {
                retire(e, e.evictOnReturn ? "evicted" : "reached maxLifetime");
            } else if (idleTimeoutNanos > 0 && now - e.lastAccessNanos > idleTimeoutNanos && size.get() > minIdle) {
                retire(e, "idle longer than idleTimeout");
            } else {
                makeIdle(e);
            }
        }
        refill();
    }

    /** Opens connections until {@code minIdle} are open. */
    private void refill() {
        if (watch != null && !watch.allowsConnections()) {
            return;
        }
        try {
            while (!closed && size.get() < minIdle) {
                PoolEntry e = createIfRoom();
                if (e == null) {
                    return;
                }
                e.lastAccessNanos = System.nanoTime();
                makeIdle(e);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Pool " + name + " could not open a connection to keep minIdle="
                    + minIdle + ": " + e.getMessage());
        }
    }

    /** Reports a connection held past {@code leakDetectionThreshold}, with the borrower's stack. */
    private final class LeakReport extends Throwable implements Runnable {
        private static final long serialVersionUID = 1L;

        LeakReport(String thread) {
            super("Connection borrowed by thread " + thread + " here");
        }

        @Override
        public void run() {
            leaks.increment();
            LOG.log(System.Logger.Level.WARNING, "Pool " + name + ": possible connection leak, a connection has been"
                    + " held longer than leakDetectionThreshold=" + config.leakDetectionThresholdMs() + " ms", this);
        }
    }

    // ---------------------------------------------------------------- what the logical connections use

    /** The write gate of this pool's database. */
    public WriteGate gate() {
        return gate;
    }

    /** SQLite's {@code busy_timeout}, which also bounds waits for the write gate. */
    public long busyTimeoutMs() {
        return busyTimeoutMs;
    }

    /** Whether errors reach callers translated to JDBC subclasses with SQLStates ({@code translateErrors}). */
    public boolean translateErrors() {
        return translateErrors;
    }

    /** The engine the pool runs on. */
    public Engine engine() {
        return engine;
    }

    /** The resolved configuration. */
    public PoolConfig config() {
        return config;
    }

    public void recordCacheHit() {
        cacheHits.increment();
    }

    public void recordCacheMiss() {
        cacheMisses.increment();
    }

    public void recordBusyRetry() {
        busyRetries.increment();
    }

    /**
     * Called when SQLite reported the database corrupt: the pool stops lending connections to the file
     * until it is replaced (for a plain file; other targets just lose the connection).
     */
    public void databaseCorrupt(SQLException e) {
        if (watch != null && watch.corrupt(e)) {
            dropConnections();
        }
    }

    /** Reports a wait for the write gate. */
    public void recordGateWait(long nanos) {
        metrics.writeGateWaited(nanos);
    }

    /** Starts reporting timings to {@code m} (replacing what reported before). */
    public void setMetrics(PoolMetrics m) {
        PoolMetrics old = metrics;
        metrics = m == null ? PoolMetrics.NONE : m;
        old.close();
    }

    /** True once {@link #close()} has begun. */
    public boolean isClosed() {
        return closed;
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Closes idle connections now and borrowed ones when they are returned, unregisters the MXBean.
     * Committed data is already in the database file (or its WAL); closing checkpoints it.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        shutdown();
        if (housekeeping != null) {
            housekeeping.cancel(false);
        }
        if (mbeanName != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(mbeanName);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "MXBean " + mbeanName + " was already gone", e);
            }
        }
        LIVE_NAMES.remove(name);
        setMetrics(PoolMetrics.NONE);
        LOG.log(System.Logger.Level.INFO, "Pool {0} closed ({1})", name, counts());
    }

    private void shutdown() {
        closed = true;
        for (PoolEntry e : entries) {
            if (e.compareAndSet(PoolEntry.IDLE, PoolEntry.REMOVED)) {
                retire(e, "pool closed");
            } else {
                e.evictOnReturn = true;
            }
        }
        releaseIfDrained();
    }

    // ---------------------------------------------------------------- PoolMXBean

    @Override
    public String getPoolName() {
        return name;
    }

    @Override
    public String getEngine() {
        return engine.name();
    }

    @Override
    public int getTotalConnections() {
        return entries.length;
    }

    @Override
    public int getActiveConnections() {
        return count(PoolEntry.IN_USE);
    }

    @Override
    public int getIdleConnections() {
        return count(PoolEntry.IDLE);
    }

    @Override
    public int getThreadsAwaitingConnection() {
        return waiters.get();
    }

    @Override
    public long getConnectionsCreated() {
        return created.sum();
    }

    @Override
    public long getConnectionsClosed() {
        return closedConnections.sum();
    }

    @Override
    public long getBorrows() {
        return borrows.sum();
    }

    @Override
    public long getReturns() {
        return retiredPlusOpen(retiredReturns, PoolEntry::returns);
    }

    @Override
    public long getAcquireNanosTotal() {
        return retiredPlusOpen(retiredAcquireNanos, PoolEntry::acquireNanos);
    }

    @Override
    public long getUsageNanosTotal() {
        return retiredPlusOpen(retiredUsageNanos, PoolEntry::usageNanos);
    }

    /** A per-connection total: what closed connections left behind plus what open ones hold now. */
    private long retiredPlusOpen(LongAdder retired, ToLongFunction<PoolEntry> perConnection) {
        long total = retired.sum();
        for (PoolEntry e : entries) {
            total += perConnection.applyAsLong(e);
        }
        return total;
    }

    @Override
    public long getAcquireTimeouts() {
        return timeouts.sum();
    }

    @Override
    public long getLeaksDetected() {
        return leaks.sum();
    }

    @Override
    public long getStatementCacheHits() {
        return cacheHits.sum();
    }

    @Override
    public long getStatementCacheMisses() {
        return cacheMisses.sum();
    }

    @Override
    public long getStatementCacheEvictions() {
        return cacheEvictions.sum();
    }

    @Override
    public long getWriteGateWaits() {
        return gate.waits();
    }

    @Override
    public long getWriteGateWaitMillis() {
        return TimeUnit.NANOSECONDS.toMillis(gate.waitNanos());
    }

    @Override
    public long getBusyRetries() {
        return busyRetries.sum();
    }

    @Override
    public int getMaxPoolSize() {
        return maxSize;
    }

    @Override
    public int getMinIdle() {
        return minIdle;
    }

    @Override
    public void softEvictConnections() {
        if (config.inMemory()) {
            LOG.log(System.Logger.Level.INFO, "Pool {0} keeps its connections: evicting them all would drop its"
                    + " in-memory database", name);
            return;
        }
        LOG.log(System.Logger.Level.INFO, "Pool {0}: evicting all connections on request", name);
        dropConnections();
    }

    /** Closes idle connections now and borrowed ones when they come back. */
    private void dropConnections() {
        for (PoolEntry e : entries) {
            e.evictOnReturn = true;
        }
        houseKeep();
    }

    @Override
    public void clearStatementCaches() {
        int cleared = 0;
        for (PoolEntry e : entries) {
            if (e.compareAndSet(PoolEntry.IDLE, PoolEntry.RESERVED)) {
                e.cache().clear();
                makeIdle(e);
                cleared++;
            }
        }
        LOG.log(System.Logger.Level.INFO, "Pool {0} cleared the statement caches of {1} idle connections", name,
                cleared);
    }

    @Override
    public String snapshot() {
        return name + " [engine=" + engine.name() + ", " + counts() + ", created=" + created.sum() + ", borrows="
                + borrows.sum() + ", cacheHits=" + cacheHits.sum() + ", cacheMisses=" + cacheMisses.sum()
                + ", gateWaits=" + gate.waits() + ", busyRetries=" + busyRetries.sum() + ", timeouts="
                + timeouts.sum() + "]";
    }

    @Override
    public String toString() {
        return snapshot();
    }

    // ---------------------------------------------------------------- helpers

    private int count(int state) {
        int n = 0;
        for (PoolEntry e : entries) {
            if (e.state() == state) {
                n++;
            }
        }
        return n;
    }

    private String counts() {
        return "total=" + getTotalConnections() + ", active=" + getActiveConnections() + ", idle="
                + getIdleConnections() + ", waiting=" + waiters.get();
    }

    private SQLException poolClosed() {
        return new SQLTransientConnectionException("Pool " + name + " is closed", "08003");
    }

    private SQLException openFailed(SQLException e) {
        SQLException t = SqliteErrors.translate(e);
        SQLException wrapped = new SQLException("Pool " + name + " cannot open " + config.target() + ": "
                + t.getMessage(), t.getSQLState(), t.getErrorCode(), t);
        return wrapped;
    }

    /** Runs {@code PRAGMA quick_check} or {@code integrity_check} if the {@code integrityCheck} key asks. */
    private void checkIntegrity(Connection physical) throws SQLException {
        String mode = config.integrityCheck();
        if (mode.equals("none")) {
            return;
        }
        StringBuilder problems = new StringBuilder();
        try (java.sql.Statement s = physical.createStatement();
             java.sql.ResultSet rs = s.executeQuery(mode.equals("quick") ? "PRAGMA quick_check(20)"
                     : "PRAGMA integrity_check(20)")) {
            while (rs.next()) {
                String line = rs.getString(1);
                if (!"ok".equals(line)) {
                    problems.append(problems.length() == 0 ? "" : "; ").append(line);
                }
            }
        }
        if (problems.length() > 0) {
            throw new java.sql.SQLNonTransientException("Pool " + name + ": " + mode + " integrity check of "
                    + config.target() + " failed: " + problems + ". The file was not modified.", "XX001", 11);
        }
        LOG.log(System.Logger.Level.INFO, "Pool {0}: {1} integrity check of {2} passed", name, mode, config.target());
    }

    /** Fails early, and clearly, where SQLite would only say "unable to open database file". */
    private static void checkParentDirectory(PoolConfig config) throws SQLException {
        if (!config.plainFile()) {
            return;
        }
        String target = config.target();
        Path parent = Paths.get(target).toAbsolutePath().getParent();
        if (Files.isDirectory(Paths.get(target))) {
            throw new SQLException("Cannot open database file " + target + ": it is a directory", "08001");
        }
        if (parent != null && !Files.isDirectory(parent)) {
            throw new SQLException("Cannot open database file " + target + ": directory " + parent
                    + " does not exist", "08001");
        }
    }

    private static String uniqueName(String wanted) {
        if (LIVE_NAMES.putIfAbsent(wanted, Boolean.TRUE) == null) {
            return wanted;
        }
        for (int i = 2; ; i++) {
            String candidate = wanted + "-" + i;
            if (LIVE_NAMES.putIfAbsent(candidate, Boolean.TRUE) == null) {
                LOG.log(System.Logger.Level.WARNING, "Pool name {0} is taken by a live pool; using {1}", wanted,
                        candidate);
                return candidate;
            }
        }
    }

    private ObjectName registerMBean() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName on;
            try {
                on = new ObjectName("io.pooledsqlite:type=Pool,name=" + name);
            } catch (MalformedObjectNameException e) {
                on = new ObjectName("io.pooledsqlite:type=Pool,name=" + ObjectName.quote(name));
            }
            server.registerMBean(this, on);
            return on;
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Pool " + name + " could not register its MXBean", e);
            return null;
        }
    }
}
