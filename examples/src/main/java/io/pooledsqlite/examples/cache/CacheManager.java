package io.pooledsqlite.examples.cache;

import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * A two-level string cache: an in-memory LRU map in front of a persistent SQLite table reached through a
 * pooled {@link DataSource} (for example {@code io.pooledsqlite.PooledSqliteDataSource}).
 *
 * <p>Writes go through to the table, so the memory level always holds a subset of the disk level and
 * entries survive a restart. A get that misses memory reads the table and promotes what it finds. Both
 * levels are bounded by entry count: memory drops its least recently used entry (it stays on disk); the
 * table drops expired entries first, then its least recently used entry that is not in memory, which is
 * why the disk capacity may not be smaller than the memory capacity. Entries may carry a time to live;
 * an expired entry is removed when it is next read, when the table needs room, or by
 * {@link #purgeExpired()}.
 *
 * <p>One {@code CacheManager} should own its table: the memory level does not see writes made to the table
 * by anyone else. Operations are serialised by one lock, which keeps the two levels consistent.
 */
public final class CacheManager {

    private static final System.Logger LOG = System.getLogger(CacheManager.class.getName());

    private final DiskLevel disk;
    private final MemoryLevel memory;
    private final int diskCapacity;
    private final Duration defaultTtl;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<CacheListener> listeners = new CopyOnWriteArrayList<>();
    private long recency;
    private long memoryHits;
    private long memoryMisses;
    private long diskHits;
    private long diskMisses;
    private long memoryEvictions;
    private long diskEvictions;
    private long expirations;

    private CacheManager(Builder builder, long lastRecency) {
        this.disk = builder.disk;
        this.memory = new MemoryLevel(builder.memoryCapacity);
        this.diskCapacity = builder.diskCapacity;
        this.defaultTtl = builder.defaultTtl;
        this.clock = builder.clock;
        this.recency = lastRecency;
    }

    /** Starts configuring a cache stored in {@code dataSource}. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The live value for {@code key}, from memory if possible, else from disk. */
    public Optional<String> get(String key) throws SQLException {
        Objects.requireNonNull(key, "key");
        List<Consumer<CacheListener>> events = new ArrayList<>();
        lock.lock();
        try {
            long now = clock.millis();
            CachedValue inMemory = memory.get(key);
            if (inMemory != null && !inMemory.isExpiredAt(now)) {
                memoryHits++;
                return Optional.of(inMemory.value());
            }
            memoryMisses++;
            if (inMemory != null) {
                // Expired in memory means expired on disk too; the disk lookup below reports it once.
                memory.remove(key);
            }
            CachedValue onDisk = disk.read(key);
            if (onDisk == null) {
                diskMisses++;
                return Optional.empty();
            }
            if (onDisk.isExpiredAt(now)) {
                diskMisses++;
                disk.delete(key);
                expirations++;
                events.add(listener -> listener.onExpire(key));
                return Optional.empty();
            }
            diskHits++;
            disk.touch(key, ++recency);
            promote(key, onDisk, events);
            return Optional.of(onDisk.value());
        } finally {
            lock.unlock();
            publish(events);
        }
    }

    /** Stores {@code value} under {@code key} with the default time to live. */
    public void set(String key, String value) throws SQLException {
        set(key, value, defaultTtl);
    }

    /**
     * Stores {@code value} under {@code key} in both levels.
     *
     * @param ttl how long the entry stays valid; {@link Duration#ZERO} for no limit
     */
    public void set(String key, String value, Duration ttl) throws SQLException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        long now = clock.millis();
        CachedValue entry = new CachedValue(value, expiryOf(ttl, now));
        List<Consumer<CacheListener>> events = new ArrayList<>();
        lock.lock();
        try {
            // Memory first, so that an entry it is about to drop may be chosen as the disk's victim.
            promote(key, entry, events);
            DiskLevel.Removals removals;
            try {
                removals = disk.store(key, entry, ++recency, diskCapacity, now, memory.keys()::contains,
                        memory.size());
            } catch (SQLException | RuntimeException e) {
                memory.remove(key); // memory must never hold what the table does not
                throw e;
            }
            for (String expired : removals.expired()) {
                memory.remove(expired);
                expirations++;
                events.add(listener -> listener.onExpire(expired));
            }
            for (String evicted : removals.evicted()) {
                diskEvictions++;
                events.add(listener -> listener.onEvict(evicted, CacheLevel.DISK));
            }
            events.add(listener -> listener.onSet(key));
        } finally {
            lock.unlock();
            publish(events);
        }
    }

    /** Removes {@code key} from both levels; true if it was in the cache. */
    public boolean delete(String key) throws SQLException {
        Objects.requireNonNull(key, "key");
        boolean deleted;
        lock.lock();
        try {
            memory.remove(key);
            deleted = disk.delete(key);
        } finally {
            lock.unlock();
        }
        if (deleted) {
            publish(List.of(listener -> listener.onDelete(key)));
        }
        return deleted;
    }

    /** Empties both levels. Statistics are kept, and no per-entry events are sent. */
    public void clear() throws SQLException {
        lock.lock();
        try {
            disk.clear();
            memory.clear();
        } finally {
            lock.unlock();
        }
    }

    /** Removes every expired entry from both levels now and returns how many there were. */
    public int purgeExpired() throws SQLException {
        List<Consumer<CacheListener>> events = new ArrayList<>();
        lock.lock();
        try {
            List<String> expired = disk.deleteExpired(clock.millis());
            for (String key : expired) {
                memory.remove(key);
                expirations++;
                events.add(listener -> listener.onExpire(key));
            }
            return expired.size();
        } finally {
            lock.unlock();
            publish(events);
        }
    }

    /** Registers {@code listener} for all later events. */
    public void addListener(CacheListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(CacheListener listener) {
        listeners.remove(listener);
    }

    /** The counters so far. */
    public CacheStats stats() {
        lock.lock();
        try {
            return new CacheStats(memoryHits, memoryMisses, diskHits, diskMisses, memoryEvictions, diskEvictions,
                    expirations);
        } finally {
            lock.unlock();
        }
    }

    /** Entries in the memory level, expired or not. */
    public int memorySize() {
        lock.lock();
        try {
            return memory.size();
        } finally {
            lock.unlock();
        }
    }

    /** Entries in the table, expired or not. */
    public int diskSize() throws SQLException {
        lock.lock();
        try {
            return disk.size();
        } finally {
            lock.unlock();
        }
    }

    private void promote(String key, CachedValue entry, List<Consumer<CacheListener>> events) {
        for (String evicted : memory.put(key, entry)) {
            memoryEvictions++;
            events.add(listener -> listener.onEvict(evicted, CacheLevel.MEMORY));
        }
    }

    private static long expiryOf(Duration ttl, long nowMillis) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative, got " + ttl);
        }
        if (ttl.isZero()) {
            return CachedValue.NEVER;
        }
        long millis = ttl.toMillis();
        return millis >= CachedValue.NEVER - nowMillis ? CachedValue.NEVER : nowMillis + millis;
    }

    private void publish(List<Consumer<CacheListener>> events) {
        for (Consumer<CacheListener> event : events) {
            for (CacheListener listener : listeners) {
                try {
                    event.accept(listener);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "cache listener " + listener + " failed", e);
                }
            }
        }
    }

    /** Configures and opens a {@link CacheManager}. */
    public static final class Builder {
        private final DataSource dataSource;
        private String table = "cache_entries";
        private int memoryCapacity = 1_000;
        private int diskCapacity = 100_000;
        private Duration defaultTtl = Duration.ZERO;
        private Clock clock = Clock.systemUTC();
        private DiskLevel disk;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The table that holds the disk level (default {@code cache_entries}); created if missing. */
        public Builder table(String table) {
            this.table = Objects.requireNonNull(table, "table");
            return this;
        }

        /** Entries kept in memory (default 1000). */
        public Builder memoryCapacity(int entries) {
            this.memoryCapacity = entries;
            return this;
        }

        /** Entries kept on disk (default 100000); at least the memory capacity. */
        public Builder diskCapacity(int entries) {
            this.diskCapacity = entries;
            return this;
        }

        /** Time to live of entries set without one (default {@link Duration#ZERO}: no limit). */
        public Builder defaultTtl(Duration ttl) {
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("default ttl must not be negative, got " + ttl);
            }
            this.defaultTtl = ttl;
            return this;
        }

        /** The clock that decides expiry (default the system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Creates the table if needed and returns the cache. */
        public CacheManager build() throws SQLException {
            if (memoryCapacity < 1) {
                throw new IllegalArgumentException("memory capacity must be at least 1, got " + memoryCapacity);
            }
            if (diskCapacity < memoryCapacity) {
                throw new IllegalArgumentException("disk capacity (" + diskCapacity
                        + ") must be at least the memory capacity (" + memoryCapacity + ")");
            }
            disk = new DiskLevel(dataSource, table);
            return new CacheManager(this, disk.open());
        }
    }
}
