package io.flapguard.analyzer.store;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.flapguard.wire.WireCodec;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** JSON serde for the analyzer's private records (fleet updates, fleet facts, fleet stores). */
public final class JsonSerde<T> implements Serde<T> {
    private final Class<T> type;
    // bound to the type once: the mapper otherwise resolves the type and its (de)serializer on every record
    private final ObjectReader reader;
    private final ObjectWriter writer;

    public JsonSerde(Class<T> type) {
        this.type = type;
        this.reader = WireCodec.mapper().readerFor(type);
        this.writer = WireCodec.mapper().writerFor(type);
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, data) -> {
            try {
                return data == null ? null : writer.writeValueAsBytes(data);
            } catch (IOException e) {
                throw new SerializationException("cannot write " + type.getSimpleName() + ": " + e.getMessage());
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            try {
                return bytes == null ? null : reader.readValue(bytes);
            } catch (IOException e) {
                throw new SerializationException(topic + ": cannot read " + type.getSimpleName() + ": "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
        };
    }
}
