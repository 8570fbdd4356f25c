package io.flapguard.analyzer.store;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A processor's decoded copies of the values it last wrote to a store of raw bytes, in front of that store. The
 * store stays the truth: {@link #take} reads the bytes from the store and hands out the kept copy only while the
 * store still holds exactly the bytes that copy was written as, else it decodes them. So a store wiped and
 * restored (an exactly-once abort, a task revived or moved) is never read through a stale copy. A copy is handed
 * out once and forgotten: the caller may change it and {@link #put} it back, and a record that fails in between
 * leaves nothing behind. Values must be put back unchanged after their {@code put} (their bytes are taken then).
 * One per processor instance (one stream thread per task): not thread-safe.
 */
public final class ByteCheckedCache<V> {
    private record Copy<V>(byte[] bytes, V value) {
    }

    private final KeyValueStore<String, byte[]> store;
    private final Serializer<V> serializer;
    private final Deserializer<V> deserializer;
    private final Map<String, Copy<V>> copies;

    public ByteCheckedCache(KeyValueStore<String, byte[]> store, Serde<V> serde, int maxEntries) {
        this.store = store;
        this.serializer = serde.serializer();
        this.deserializer = serde.deserializer();
        this.copies = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Copy<V>> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The store's value for the key (null if none), decoded only when no copy matches the store's bytes. */
    public V take(String key) {
        Copy<V> copy = copies.remove(key);
        byte[] bytes = store.get(key);
        if (bytes == null) {
            return null;
        }
        if (copy != null && Arrays.equals(copy.bytes(), bytes)) {
            return copy.value();
        }
        return deserializer.deserialize(null, bytes);
    }

    public void put(String key, V value) {
        byte[] bytes = serializer.serialize(null, value);
        store.put(key, bytes);
        copies.put(key, new Copy<>(bytes, value));
    }
}
