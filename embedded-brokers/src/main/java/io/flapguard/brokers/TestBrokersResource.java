package io.flapguard.brokers;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Quarkus test resource: a real Kafka broker and a real MQTT broker on free ports for the whole test run,
 * with the given topics created. Services point at them through {@code kafka.bootstrap.servers} and
 * {@code flapguard.mqtt.url}. Arguments: {@code topics} (comma-separated), {@code partitions}.
 */
public class TestBrokersResource implements QuarkusTestResourceLifecycleManager {
    private static EmbeddedKafka kafka;
    private static EmbeddedMqtt mqtt;
    private List<String> topics = List.of();
    private int partitions = 1;

    /** The running test Kafka broker (for tests that stop and restart it). */
    public static EmbeddedKafka kafka() {
        return kafka;
    }

    public static EmbeddedMqtt mqtt() {
        return mqtt;
    }

    @Override
    public void init(Map<String, String> args) {
        if (args.containsKey("topics")) {
            topics = List.of(args.get("topics").split(","));
        }
        partitions = Integer.parseInt(args.getOrDefault("partitions", "1"));
    }

    @Override
    public Map<String, String> start() {
        try {
            Path data = Files.createTempDirectory("flapguard-test-brokers");
            kafka = EmbeddedKafka.start(data, 0);
            mqtt = EmbeddedMqtt.startOpen(data, 0, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!topics.isEmpty()) {
            kafka.createTopics(topics, partitions, Map.of());
        }
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("flapguard.mqtt.url", mqtt.url());
        return config;
    }

    @Override
    public void stop() {
        if (mqtt != null) {
            mqtt.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }
}
