package io.flapguard.analyzer.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A task's decoded copy of the recently used entries of one of its stores, in front of that store: {@link #get}
 * decodes from the store only on a miss, {@link #put} writes through (the store and its changelog stay the truth).
 * For values whose JSON form is lossless (the fleet aggregates), so a cached value equals what the store would
 * decode. Belongs to one processor instance: create it in {@code init} and drop it in {@code close}, so a task
 * whose store is wiped and restored (exactly-once abort, revival) starts with an empty cache. Values read here
 * and changed must be put back before the record ends. Not thread-safe (one stream thread per task).
 */
public final class ReadThroughCache<V> {
    private final KeyValueStore<String, V> store;
    private final Map<String, V> recent;

    public ReadThroughCache(KeyValueStore<String, V> store, int maxEntries) {
        this.store = store;
        this.recent = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    public V get(String key) {
        V v = recent.get(key);
        if (v == null) {
            v = store.get(key);
            if (v != null) {
                recent.put(key, v);
            }
        }
        return v;
    }

    public void put(String key, V value) {
        store.put(key, value);
        if (value == null) {
            recent.remove(key);
        } else {
            recent.put(key, value);
        }
    }

    public void clear() {
        recent.clear();
    }
}
