package io.flapguard.analyzer.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.analyzer.domain.ModelStats;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A kept copy is handed out only while the store holds exactly the bytes it was written as, and only once. */
class ByteCheckedCacheTest {
    private final JsonSerde<ModelStats> json = new JsonSerde<>(ModelStats.class);
    private KeyValueStore<String, byte[]> store;
    private ByteCheckedCache<ModelStats> cache;

    @BeforeEach
    void setUp() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("models"), Serdes.String(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        cache = new ByteCheckedCache<>(store, json, 4);
    }

    private static ModelStats stats(int verified) {
        ModelStats s = new ModelStats();
        s.outcomes.computeIfAbsent("FW", f -> new ModelStats.Outcomes()).verified = verified;
        return s;
    }

    @Test
    void writesTheSameBytesAsTheJsonSerdeAndHandsBackTheWrittenCopy() {
        ModelStats s = stats(3);
        cache.put("m|EG12", s);
        assertThat(store.get("m|EG12")).isEqualTo(json.serializer().serialize(null, s));
        assertThat(cache.take("m|EG12")).isSameAs(s);
    }

    @Test
    void aCopyIsHandedOutOnceSoAChangeThatWasNotPutBackIsNotSeen() {
        ModelStats s = stats(3);
        cache.put("m|EG12", s);
        cache.take("m|EG12").outcomes.get("FW").verified = 99; // changed, then the record failed: never put back
        ModelStats again = cache.take("m|EG12");
        assertThat(again).isNotSameAs(s);
        assertThat(again.outcomes.get("FW").verified).isEqualTo(3);
    }

    @Test
    void aStoreRestoredToOtherBytesIsDecodedNotReadThroughTheCopy() {
        cache.put("m|EG12", stats(3));
        store.put("m|EG12", json.serializer().serialize(null, stats(1))); // e.g. restored from the changelog
        assertThat(cache.take("m|EG12").outcomes.get("FW").verified).isEqualTo(1);
        store.delete("m|EG12");
        cache.put("m|EG12", stats(5));
        store.delete("m|EG12");
        assertThat(cache.take("m|EG12")).isNull();
    }
}
