package io.pooledsqlite.examples.cache;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Writes every event down as text, e.g. {@code evict MEMORY a}, in the order received. */
final class RecordingListener implements CacheListener {

    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onSet(String key) {
        events.add("set " + key);
    }

    @Override
    public void onDelete(String key) {
        events.add("delete " + key);
    }

    @Override
    public void onEvict(String key, CacheLevel level) {
        events.add("evict " + level + " " + key);
    }

    @Override
    public void onExpire(String key) {
        events.add("expire " + key);
    }
}
