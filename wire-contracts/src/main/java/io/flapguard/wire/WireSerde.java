package io.flapguard.wire;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for one wire record type. Deserialisation failures become Kafka
 * {@link SerializationException}s carrying the codec's one-line message, so a consumer's
 * deserialisation-error handler can log and skip them.
 */
public final class WireSerde<T extends WireMessage> implements Serde<T> {
    private final Class<T> type;

    public WireSerde(Class<T> type) {
        this.type = type;
    }

    public static <T extends WireMessage> WireSerde<T> of(Class<T> type) {
        return new WireSerde<>(type);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, data) -> data == null ? null : WireCodec.encode(data);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return WireCodec.decode(bytes, type);
            } catch (WireFormatException e) {
                throw new SerializationException(topic + ": " + e.getMessage());
            }
        };
    }
}
