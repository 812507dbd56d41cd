package io.pooledsqlite.examples.cache;

/**
 * Receives a {@link CacheManager}'s events. Listeners run on the thread that caused the event, after the
 * cache has released its lock, so they may call back into the cache. An exception thrown by a listener is
 * logged and does not affect the cache or other listeners.
 */
public interface CacheListener {

    /** {@code key} was stored (new or replaced) in both levels. */
    default void onSet(String key) {
    }

    /** {@code key} was removed from both levels by {@link CacheManager#delete(String)}. */
    default void onDelete(String key) {
    }

    /**
     * {@code key} was dropped from {@code level} to respect its capacity. An entry evicted from
     * {@link CacheLevel#MEMORY} is still on disk; one evicted from {@link CacheLevel#DISK} is gone.
     */
    default void onEvict(String key, CacheLevel level) {
    }

    /** {@code key} outlived its time to live and was removed from both levels. */
    default void onExpire(String key) {
    }
}
