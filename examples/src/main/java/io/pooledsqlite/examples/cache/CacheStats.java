package io.pooledsqlite.examples.cache;

/**
 * A snapshot of a {@link CacheManager}'s counters. Every {@code get} is either a memory hit, or a memory
 * miss followed by a disk lookup that is a disk hit or a disk miss.
 *
 * @param memoryHits gets answered from memory
 * @param memoryMisses gets that had to look on disk
 * @param diskHits disk lookups that found a live entry
 * @param diskMisses disk lookups that found nothing live
 * @param memoryEvictions entries dropped from memory to respect its capacity
 * @param diskEvictions entries dropped from disk (and so from the cache) to respect its capacity
 * @param expirations entries removed because their time to live had passed
 */
public record CacheStats(long memoryHits, long memoryMisses, long diskHits, long diskMisses,
        long memoryEvictions, long diskEvictions, long expirations) {

    /** Memory hits over all gets, or 0 before the first get. */
    public double memoryHitRate() {
        return rate(memoryHits, memoryMisses);
    }

    /** Disk hits over all disk lookups, or 0 before the first lookup. */
    public double diskHitRate() {
        return rate(diskHits, diskMisses);
    }

    private static double rate(long hits, long misses) {
        long total = hits + misses;
        return total == 0 ? 0 : (double) hits / total;
    }
}
