package io.flapguard.analyzer.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one place the analyzer's own Kafka clients (admin, producers) get their settings: every {@code kafka.*}
 * property (bootstrap servers, security protocol, SASL, TLS), the same ones Kafka Streams is given.
 */
@ApplicationScoped
public class KafkaClients {
    private static final String PREFIX = "kafka.";

    public Map<String, Object> settings() {
        Config config = ConfigProvider.getConfig();
        Map<String, Object> props = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX) && !name.startsWith("kafka-streams.")) {
                config.getOptionalValue(name, String.class).ifPresent(v -> props.put(name.substring(PREFIX.length()), v));
            }
        }
        return props;
    }
}
