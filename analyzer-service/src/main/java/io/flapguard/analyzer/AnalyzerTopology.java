package io.flapguard.analyzer;

import io.flapguard.wire.TelemetryMessage;
import io.flapguard.wire.Topics;
import io.flapguard.wire.WireSerde;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;

/** The analyzer's Kafka Streams topology (placeholder until flap detection lands). */
@ApplicationScoped
public class AnalyzerTopology {
    @Produces
    public Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.TELEMETRY, Consumed.with(Serdes.String(), WireSerde.of(TelemetryMessage.class)))
                .foreach((serial, message) -> {
                });
        return builder.build();
    }
}
