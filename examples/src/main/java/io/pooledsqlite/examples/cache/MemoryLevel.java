package io.pooledsqlite.examples.cache;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The in-memory LRU level: an access-ordered map bounded by entry count. Not thread-safe. */
final class MemoryLevel {

    private final int capacity;
    private final LinkedHashMap<String, CachedValue> entries;

    MemoryLevel(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** The entry for {@code key}, marking it most recently used, or null. */
    CachedValue get(String key) {
        return entries.get(key);
    }

    /**
     * Stores {@code value} as the most recently used entry.
     *
     * @return the keys evicted to make room, least recently used first
     */
    List<String> put(String key, CachedValue value) {
        entries.put(key, value);
        List<String> evicted = new ArrayList<>();
        Iterator<Map.Entry<String, CachedValue>> eldestFirst = entries.entrySet().iterator();
        while (entries.size() > capacity) {
            String eldest = eldestFirst.next().getKey();
            eldestFirst.remove();
            evicted.add(eldest);
        }
        return evicted;
    }

    boolean remove(String key) {
        return entries.remove(key) != null;
    }

    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }

    Set<String> keys() {
        return entries.keySet();
    }
}
