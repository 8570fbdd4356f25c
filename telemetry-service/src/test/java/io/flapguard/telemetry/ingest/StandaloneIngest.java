package io.flapguard.telemetry.ingest;

import io.flapguard.telemetry.metrics.IngestMetrics;
import io.flapguard.telemetry.parse.ClockPolicy;
import io.flapguard.telemetry.parse.MessageTranslator;
import io.flapguard.telemetry.parse.TopicParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

/**
 * The service's own ingest classes (MqttIngest, KafkaSink) wired by hand, so one test can run several instances
 * against a broker of its choice, each with its own client id and the service's defaults otherwise.
 */
final class StandaloneIngest implements AutoCloseable {
    final MqttIngest ingest;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final KafkaSink sink;
    private final MqttSettings settings;

    StandaloneIngest(String mqttUrl, String clientId, String username, Path passwordFile, String kafkaBootstrap) {
        MqttSettings settings = new TestIngestSettings.Mqtt(mqttUrl, clientId, Optional.of("flapguard-telemetry"),
                Duration.ofHours(24), Duration.ofMillis(200), Optional.of(username), Optional.of(passwordFile));
        this.settings = settings;
        TelemetrySettings telemetry = TestIngestSettings.telemetry(Duration.ofMillis(500), true);
        IngestMetrics metrics = new IngestMetrics(registry);
        sink = new KafkaSink(Map.of("bootstrap.servers", kafkaBootstrap, "delivery.timeout.ms", 5000,
                "request.timeout.ms", 2000), telemetry, metrics);
        ingest = new MqttIngest(settings, telemetry, new MessageTranslator(TopicParser.defaults(),
                ClockPolicy.backfillMode()), sink, metrics, Clock.systemUTC());
    }

    /** MQTT messages this instance received (all kinds). */
    double received() {
        return registry.find("flapguard.telemetry.messages.received").counters().stream().mapToDouble(c -> c.count())
                .sum();
    }

    /**
     * Stops and then ends the persistent sessions of all its connections: Mosquitto keeps queueing a
     * shared-subscription share for an offline member's session, so a retired instance must not leave one behind.
     */
    @Override
    public void close() throws Exception {
        ingest.stop();
        sink.close();
        for (String clientId : ingest.clientIds()) {
            MqttClient forget = new MqttClient(settings.url(), clientId, new MemoryPersistence());
            MqttConnectionOptions clean = new MqttConnectionOptions();
            clean.setCleanStart(true);
            clean.setSessionExpiryInterval(0L);
            new MqttCredentials(settings).applyTo(clean);
            forget.connect(clean);
            forget.disconnect();
            forget.close();
        }
    }
}
