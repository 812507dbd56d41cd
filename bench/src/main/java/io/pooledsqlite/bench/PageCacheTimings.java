package io.pooledsqlite.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Queries and nanoseconds per setting of {@link PageCacheBenchmark}, as JMH event counters (totals per
 * iteration). Queries per second for a setting = queries / nanoseconds × 10⁹; counters keep running while
 * JMH ramps threads down, but both of a pair do, so their quotient stays right.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class PageCacheTimings {

    /** SQLite defaults: cache_size=-2000, mmap_size=0. */
    public long sqliteDefaultsQueries;
    public long sqliteDefaultsNanos;
    /** pooledsqlite defaults: cache_size=-2000, mmap_size=268435456. */
    public long mmapOnlyQueries;
    public long mmapOnlyNanos;
    /** cache_size=-8192, mmap_size=0. */
    public long cacheOnlyQueries;
    public long cacheOnlyNanos;
    /** cache_size=-8192, mmap_size=268435456. */
    public long cacheAndMmapQueries;
    public long cacheAndMmapNanos;

    /** Names of the settings in {@link PageCacheBenchmark#SETTINGS} order, as the counters spell them. */
    static final String[] NAMES = {"sqliteDefaults", "mmapOnly", "cacheOnly", "cacheAndMmap"};

    @Setup(Level.Iteration)
    public void reset() {
        sqliteDefaultsQueries = 0;
        sqliteDefaultsNanos = 0;
        mmapOnlyQueries = 0;
        mmapOnlyNanos = 0;
        cacheOnlyQueries = 0;
        cacheOnlyNanos = 0;
        cacheAndMmapQueries = 0;
        cacheAndMmapNanos = 0;
    }

    void record(int setting, long nanos) {
        switch (setting) {
            case 0:
                sqliteDefaultsQueries++;
                sqliteDefaultsNanos += nanos;
                break;
            case 1:
                mmapOnlyQueries++;
                mmapOnlyNanos += nanos;
                break;
            case 2:
                cacheOnlyQueries++;
                cacheOnlyNanos += nanos;
                break;
            default:
                cacheAndMmapQueries++;
                cacheAndMmapNanos += nanos;
                break;
        }
    }
}
