package io.flapguard.analyzer.topology;

import io.flapguard.analyzer.metrics.AnalyzerMetrics;
import io.flapguard.wire.WireMessage;
import io.flapguard.wire.WireSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jboss.logging.Logger;

/**
 * Source serde for the input topics: a record that cannot be decoded is logged in one line (the codec's
 * reason, never the payload), counted, and read as null, which the topology drops. Bad input never stops the
 * stream.
 */
final class SkippingSerde<T extends WireMessage> implements Serde<T> {
    private static final Logger LOG = Logger.getLogger(SkippingSerde.class);
    private final WireSerde<T> wire;
    private final AnalyzerMetrics metrics;

    SkippingSerde(Class<T> type, AnalyzerMetrics metrics) {
        this.wire = WireSerde.of(type);
        this.metrics = metrics;
    }

    @Override
    public Serializer<T> serializer() {
        return wire.serializer();
    }

    @Override
    public Deserializer<T> deserializer() {
        Deserializer<T> inner = wire.deserializer();
        return (topic, bytes) -> {
            try {
                return inner.deserialize(topic, bytes);
            } catch (SerializationException e) {
                LOG.warnf("skipping undecodable record: %s", e.getMessage());
                metrics.undecodable();
                return null;
            }
        };
    }
}
