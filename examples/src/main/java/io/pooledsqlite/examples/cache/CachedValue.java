package io.pooledsqlite.examples.cache;

/**
 * A value and the instant it stops being valid.
 *
 * @param value the cached text
 * @param expiresAtMillis epoch millisecond from which the entry is expired, or {@link #NEVER}
 */
record CachedValue(String value, long expiresAtMillis) {

    /** Marks an entry without time to live. */
    static final long NEVER = Long.MAX_VALUE;

    boolean isExpiredAt(long nowMillis) {
        return nowMillis >= expiresAtMillis;
    }
}
