package io.pooledsqlite.examples.cache;

/** The two levels of a {@link CacheManager}. */
public enum CacheLevel {
    /** The in-memory LRU map in front of the table: fast, bounded, lost on restart. */
    MEMORY,
    /** The SQLite table: persistent, bounded, the level every entry lives in. */
    DISK
}
