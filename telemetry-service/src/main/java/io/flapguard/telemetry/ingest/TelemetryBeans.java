package io.flapguard.telemetry.ingest;

import io.flapguard.telemetry.parse.ClockPolicy;
import io.flapguard.telemetry.parse.MessageTranslator;
import io.flapguard.telemetry.parse.TopicParser;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** Wires the pure parsing code to configuration. */
@ApplicationScoped
public class TelemetryBeans {
    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    MessageTranslator translator(MqttSettings mqtt, TelemetrySettings telemetry) {
        var c = telemetry.clock();
        return new MessageTranslator(
                new TopicParser(mqtt.topicRoot(), mqtt.publisherRoot(), mqtt.dataToServerRoot(),
                        mqtt.dataToServerLeaf()),
                new ClockPolicy(c.maxAhead(), c.maxBehind(), c.backfill()));
    }
}
