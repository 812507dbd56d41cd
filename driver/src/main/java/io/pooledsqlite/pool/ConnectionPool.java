package io.pooledsqlite.pool;

import io.pooledsqlite.cache.StatementCache;
import io.pooledsqlite.config.PoolConfig;
import io.pooledsqlite.engine.DatabaseWatch;
import io.pooledsqlite.engine.Engine;
import io.pooledsqlite.metrics.MicrometerSupport;
import io.pooledsqlite.metrics.PoolCounters;
import io.pooledsqlite.metrics.PoolMXBean;
import io.pooledsqlite.metrics.PoolMXBeanRegistration;
import io.pooledsqlite.metrics.PoolMetrics;
import io.pooledsqlite.proxy.ConnectionProxy;
import io.pooledsqlite.write.WriteGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/**
 * A pool of physical SQLite connections to one database: its policy (how many connections, how long
 * they live and idle, when they are validated) over an {@link EntryBag} that holds them. The borrow path
 * reads top to bottom in {@link #getConnection()}; the return path in {@link PoolEntry#giveBack(boolean)}.
 */
public final class ConnectionPool implements PoolMXBean, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ConnectionPool.class.getName());
    /** A connection used this recently is not validated again on borrow (as HikariCP does). */
    private static final long VALIDATION_BYPASS_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final ConcurrentHashMap<String, Boolean> LIVE_NAMES = new ConcurrentHashMap<>();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final PoolConfig config;
    private final Engine engine;
    private final String name;
    private final String physicalTarget;
    /** The write gate of the pool's database, or null when the engine orders writers itself. */
    private final WriteGate gate;
    private final int maxSize;
    private final int minIdle;
    private final long connectionTimeoutNanos;
    private final long idleTimeoutNanos;
    private final long maxLifetimeNanos;
    private final int validationTimeoutSeconds;
    private final long leakDetectionThresholdMs;
    private final NanoClock clock;

    private final EntryBag bag = new EntryBag();
    /** Open connections plus those being opened; never above {@link #maxSize}. */
    private final AtomicInteger size = new AtomicInteger();

    private final PoolCounters counters = new PoolCounters();
    private final LongAdder retiredReturns = new LongAdder();
    /** Acquire and usage time of connections already closed; open ones keep their own totals. */
    private final LongAdder retiredAcquireNanos = new LongAdder();
    private final LongAdder retiredUsageNanos = new LongAdder();

    private volatile PoolMetrics metrics = PoolMetrics.NONE;
    /** What the engine watches the database with, or null. */
    private final DatabaseWatch watch;
    private final DatabaseWatch.Reaction dropConnections = this::dropConnections;
    private final ScheduledFuture<?> housekeeping;
    private final PoolMXBeanRegistration mbean;
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
        this(config, engine, NanoClock.SYSTEM);
    }

    /** Starts a pool whose lifetime and idle ages are read from {@code clock} (tests move it by hand). */
    ConnectionPool(PoolConfig config, Engine engine, NanoClock clock) throws SQLException {
        this.config = config;
        this.engine = engine;
        this.clock = clock;
        this.maxSize = engine.maxConnections(config.maxPoolSize());
        this.minIdle = Math.min(config.minIdle(), maxSize);
        this.connectionTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(config.connectionTimeoutMs());
        // a private in-memory database dies with its last connection: never retire healthy ones
        this.idleTimeoutNanos = config.inMemory() ? 0 : TimeUnit.MILLISECONDS.toNanos(config.idleTimeoutMs());
        this.maxLifetimeNanos = config.inMemory() ? 0 : TimeUnit.MILLISECONDS.toNanos(config.maxLifetimeMs());
        this.validationTimeoutSeconds = (int) Math.max(1, (config.validationTimeoutMs() + 999) / 1000);
        this.leakDetectionThresholdMs = config.leakDetectionThresholdMs();
        long seq = SEQUENCE.incrementAndGet();
        String tag = seq + "-" + System.nanoTime();
        this.physicalTarget = config.parsedTarget().physical(tag);
        checkParentDirectory(config);
        this.name = uniqueName(config.poolName().isEmpty() ? "pooledsqlite-" + seq : config.poolName());
        this.gate = engine.transactions().writeGate()
                ? WriteGate.acquireFor(config.parsedTarget().gateKey(tag)) : null;
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
                    try {
                        engine.checkIntegrity(e.physical(), config.integrityCheck(), name, config.target());
                    } catch (SQLException | RuntimeException failed) {
                        // still in use, so the shutdown below would pass it by and leave it open
                        retire(e, "failed the integrity check");
                        throw failed;
                    }
                }
                e.lastAccessNanos = clock.at(System.nanoTime());
                keepIdle(e);
            }
        } catch (SQLException | RuntimeException e) {
            shutdown();
            LIVE_NAMES.remove(name);
            setMetrics(PoolMetrics.NONE);
            throw e;
        }
        this.watch = engine.watch(name, config.parsedTarget());
        this.mbean = config.registerMbeans() ? PoolMXBeanRegistration.register(this) : null;
        long period = housekeepingPeriodNanos();
        this.housekeeping = Housekeeper.executor().scheduleWithFixedDelay(
                this::houseKeep, period, period, TimeUnit.NANOSECONDS);
        LOG.log(System.Logger.Level.INFO, "Pool {0} started on engine {1} for {2}: maxPoolSize={3}, minIdle={4},"
                + " statementCacheSize={5}, SQLite settings {6}", name, engine.name(), config.target(), maxSize,
                minIdle, config.statementCacheSize(), config.sqliteSettings());
    }

    // ---------------------------------------------------------------- the borrow path

    /**
     * Lends a connection, waiting at most {@code connectionTimeout}: an entry from the bag (idle, new, or
     * handed over by a returning thread), retired instead if it outlived {@code maxLifetime} or fails
     * validation, then timed, watched for leaks and wrapped in a new logical connection, which must be new
     * on every borrow so a stale reference can never reach the next borrower's work.
     */
    public Connection getConnection() throws SQLException {
        long start = System.nanoTime();
        return lend(start, start + connectionTimeoutNanos, null);
    }

    /**
     * Lends a connection, waiting until {@code deadline} ({@link System#nanoTime()}) at the latest: a caller
     * that already waited elsewhere for the same request passes the rest of its one deadline.
     * {@code whenReturned}, if not null, runs once, after the connection is back in the pool.
     */
    public Connection getConnection(long deadline, Runnable whenReturned) throws SQLException {
        return lend(System.nanoTime(), deadline, whenReturned);
    }

    /** The borrow path; {@code start} is the caller's one clock read (~20 ns each: issue 18). */
    private Connection lend(long start, long deadline, Runnable whenReturned) throws SQLException {
        while (true) {
            if (bag.isDrained()) {
                throw poolClosed();
            }
            if (watch != null) {
                watch.check(clock.at(start), dropConnections);
            }
            PoolEntry e = borrowEntry(deadline);
            long now = System.nanoTime();
            long age = clock.at(now);
            if (expired(e, age)) {
                retire(e, "reached maxLifetime");
                continue;
            }
            if (age - e.lastAccessNanos > VALIDATION_BYPASS_NANOS && !isAlive(e)) {
                retire(e, "failed validation");
                continue;
            }
            counters.borrowed();
            e.borrowedNanos = now;
            e.addAcquireNanos(now - start);
            metrics.connectionAcquired(now - start);
            if (leakDetectionThresholdMs > 0) {
                e.leakTask = Housekeeper.executor().schedule(new LeakReport(Thread.currentThread().getName()),
                        leakDetectionThresholdMs, TimeUnit.MILLISECONDS);
            }
            ConnectionProxy c = new ConnectionProxy(e);
            if (whenReturned != null) {
                c.whenReturned(whenReturned);
            }
            return c;
        }
    }

    private PoolEntry borrowEntry(long deadline) throws SQLException {
        PoolEntry e;
        try {
            e = bag.borrow(deadline, lender);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException(name + " - interrupted while waiting for a connection ("
                    + counts() + ")", "08001", ie);
        }
        if (e == null) {
            throw poolClosed();
        }
        return e;
    }

    /** What the bag asks of the pool while a borrower finds no idle entry. */
    private final EntryBag.Source lender = new EntryBag.Source() {
        @Override
        public PoolEntry createIfRoom() throws SQLException {
            return ConnectionPool.this.createIfRoom();
        }

        @Override
        public SQLException timedOut() {
            counters.acquireTimedOut();
            return new SQLTransientConnectionException(name + " - Connection is not available, request timed"
                    + " out after " + config.connectionTimeoutMs() + " ms (" + counts() + ")", "08001");
        }
    };

    /** Opens a new connection (already marked in use) if the pool has room, else returns null. */
    private PoolEntry createIfRoom() throws SQLException {
        int n;
        do {
            n = size.get();
            if (n >= maxSize) {
                return null;
            }
        } while (!size.compareAndSet(n, n + 1));
        PoolEntry entry;
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
            entry = new PoolEntry(this, physical, new StatementCache(config.statementCacheSize(),
                    counters.evictionAdder(), engine::clearParameters), session, clock.at(System.nanoTime()));
        } catch (SQLException e) {
            size.decrementAndGet();
            throw openFailed(e);
        } catch (RuntimeException | Error e) {
            size.decrementAndGet();
            throw e;
        }
        if (!bag.add(entry)) {
            entry.closePhysical();
            size.decrementAndGet();
            throw poolClosed();
        }
        counters.connectionCreated();
        return entry;
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
            if (keepFileJournalMode || config.isExplicit("journal_mode") || !engine.errors().isReadOnly(e)) {
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

    private boolean isAlive(PoolEntry e) {
        try {
            return e.physical().isValid(validationTimeoutSeconds);
        } catch (SQLException ex) {
            return false;
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
            counters.leakDetected();
            LOG.log(System.Logger.Level.WARNING, "Pool " + name + ": possible connection leak, a connection has been"
                    + " held longer than leakDetectionThreshold=" + config.leakDetectionThresholdMs() + " ms", this);
        }
    }

    // ---------------------------------------------------------------- what the return path uses

    /**
     * Takes a returned entry back into the bag (handed to a waiting thread if there is one), or closes it
     * if the pool closed meanwhile.
     */
    void requite(PoolEntry e) {
        if (!bag.requite(e)) {
            retire(e, "pool closed");
        }
    }

    /** Closes a returned entry that must not be lent again, and opens another if below {@code minIdle}. */
    void replace(PoolEntry e, String why) {
        retire(e, why);
        if (!bag.isDrained()) {
            refill();
        }
    }

    boolean expired(PoolEntry e, long now) {
        return maxLifetimeNanos > 0 && e.ageNanos(now) > maxLifetimeNanos;
    }

    /** Puts an entry back in the bag idle, without offering it to waiters; closes it if the pool closed. */
    private void keepIdle(PoolEntry e) {
        if (!bag.makeIdle(e)) {
            retire(e, "pool closed");
        }
    }

    private void retire(PoolEntry e, String why) {
        if (!bag.remove(e)) {
            return;
        }
        // closed before it is counted: whoever sees the count sees the connection closed
        e.closePhysical();
        retiredAcquireNanos.add(e.acquireNanos());
        retiredUsageNanos.add(e.usageNanos());
        retiredReturns.add(e.returns());
        size.decrementAndGet();
        counters.connectionClosed();
        LOG.log(System.Logger.Level.DEBUG, "Pool {0} closed a connection: {1}", name, why);
        if (bag.isDrained()) {
            releaseIfDrained();
        }
    }

    /** After the last connection of a closed pool is gone: the engine and the gate are released, once. */
    private void releaseIfDrained() {
        if (bag.size() == 0 && drained.compareAndSet(false, true)) {
            if (memoryAnchor != null) {
                try {
                    memoryAnchor.close();
                } catch (SQLException ignored) {
                    // the database goes with it either way
                }
            }
            engine.close();
            if (gate != null) {
                gate.releaseUse();
            }
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

    /**
     * One round of housekeeping: closes idle connections that were evicted, outlived {@code maxLifetime}
     * or idled past {@code idleTimeout} above {@code minIdle}, then opens connections up to {@code minIdle}.
     * Runs on the shared housekeeper thread; tests with their own clock call it directly.
     */
    void houseKeep() {
        if (bag.isDrained()) {
            return;
        }
        long now = clock.at(System.nanoTime());
        for (PoolEntry e : bag.entries()) {
            if (!bag.reserve(e)) {
                continue;
            }
            if (e.evictOnReturn || expired(e, now)) {
                retire(e, e.evictOnReturn ? "evicted" : "reached maxLifetime");
            } else if (idleTimeoutNanos > 0 && now - e.lastAccessNanos > idleTimeoutNanos && size.get() > minIdle) {
                retire(e, "idle longer than idleTimeout");
            } else {
                keepIdle(e);
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
            while (!bag.isDrained() && size.get() < minIdle) {
                PoolEntry e = createIfRoom();
                if (e == null) {
                    return;
                }
                e.lastAccessNanos = clock.at(System.nanoTime());
                keepIdle(e);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Pool " + name + " could not open a connection to keep minIdle="
                    + minIdle + ": " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- what its entries use

    /** The write gate of this pool's database, or null when its engine orders writers itself. */
    public WriteGate gate() {
        return gate;
    }

    /** The engine the pool runs on. */
    Engine engine() {
        return engine;
    }

    /** The resolved configuration. */
    public PoolConfig config() {
        return config;
    }

    /** The pool's event counters. */
    PoolCounters counters() {
        return counters;
    }

    /** The clock of lifetime and idle ages. */
    NanoClock clock() {
        return clock;
    }

    /** Where timings are reported as they happen. */
    PoolMetrics metrics() {
        return metrics;
    }

    /**
     * Called when SQLite reported the database corrupt: the pool stops lending connections to the file
     * until it is replaced (for a plain file; other targets just lose the connection).
     */
    void databaseCorrupt(SQLException e) {
        if (watch != null && watch.corrupt(e)) {
            dropConnections();
        }
    }

    /** Starts reporting timings to {@code m} (replacing what reported before). */
    public void setMetrics(PoolMetrics m) {
        PoolMetrics old = metrics;
        metrics = m == null ? PoolMetrics.NONE : m;
        old.close();
    }

    /** True once {@link #close()} has begun. */
    public boolean isClosed() {
        return bag.isDrained();
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Closes idle connections now and borrowed ones when they are returned, unregisters the MXBean.
     * Committed data is already in the database file (or its WAL); closing checkpoints it.
     */
    @Override
    public void close() {
        if (bag.isDrained()) {
            return;
        }
        shutdown();
        if (housekeeping != null) {
            housekeeping.cancel(false);
        }
        if (mbean != null) {
            mbean.close();
        }
        LIVE_NAMES.remove(name);
        setMetrics(PoolMetrics.NONE);
        LOG.log(System.Logger.Level.INFO, "Pool {0} closed ({1})", name, counts());
    }

    private void shutdown() {
        for (PoolEntry e : bag.drain()) {
            retire(e, "pool closed");
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
        return bag.size();
    }

    @Override
    public int getActiveConnections() {
        return bag.count(PoolEntry.IN_USE);
    }

    @Override
    public int getIdleConnections() {
        return bag.count(PoolEntry.IDLE);
    }

    @Override
    public int getThreadsAwaitingConnection() {
        return bag.waiting();
    }

    @Override
    public long getConnectionsCreated() {
        return counters.created();
    }

    @Override
    public long getConnectionsClosed() {
        return counters.closed();
    }

    @Override
    public long getBorrows() {
        return counters.borrows();
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
        for (PoolEntry e : bag.entries()) {
            total += perConnection.applyAsLong(e);
        }
        return total;
    }

    @Override
    public long getAcquireTimeouts() {
        return counters.timeouts();
    }

    @Override
    public long getLeaksDetected() {
        return counters.leaks();
    }

    @Override
    public long getStatementCacheHits() {
        return counters.cacheHits();
    }

    @Override
    public long getStatementCacheMisses() {
        return counters.cacheMisses();
    }

    @Override
    public long getStatementCacheEvictions() {
        return counters.cacheEvictions();
    }

    @Override
    public long getWriteGateWaits() {
        return gate == null ? 0 : gate.waits();
    }

    @Override
    public long getWriteGateWaitMillis() {
        return gate == null ? 0 : TimeUnit.NANOSECONDS.toMillis(gate.waitNanos());
    }

    @Override
    public long getBusyRetries() {
        return counters.busyRetries();
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
        for (PoolEntry e : bag.entries()) {
            e.evictOnReturn = true;
        }
        houseKeep();
    }

    @Override
    public void clearStatementCaches() {
        int cleared = 0;
        for (PoolEntry e : bag.entries()) {
            if (bag.reserve(e)) {
                e.statements().clear();
                keepIdle(e);
                cleared++;
            }
        }
        LOG.log(System.Logger.Level.INFO, "Pool {0} cleared the statement caches of {1} idle connections", name,
                cleared);
    }

    @Override
    public String snapshot() {
        return name + " [engine=" + engine.name() + ", " + counts() + ", created=" + counters.created() + ", borrows="
                + counters.borrows() + ", cacheHits=" + counters.cacheHits() + ", cacheMisses="
                + counters.cacheMisses() + ", gateWaits=" + getWriteGateWaits() + ", busyRetries="
                + counters.busyRetries() + ", timeouts=" + counters.timeouts() + "]";
    }

    @Override
    public String toString() {
        return snapshot();
    }

    // ---------------------------------------------------------------- helpers

    private String counts() {
        return "total=" + getTotalConnections() + ", active=" + getActiveConnections() + ", idle="
                + getIdleConnections() + ", waiting=" + bag.waiting();
    }

    private SQLException poolClosed() {
        return new SQLTransientConnectionException("Pool " + name + " is closed", "08003");
    }

    private SQLException openFailed(SQLException e) {
        SQLException t = engine.errors().translate(e);
        SQLException wrapped = new SQLException("Pool " + name + " cannot open " + config.target() + ": "
                + t.getMessage(), t.getSQLState(), t.getErrorCode(), t);
        return wrapped;
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
}
