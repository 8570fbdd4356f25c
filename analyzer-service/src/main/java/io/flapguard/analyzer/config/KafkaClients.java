package io.flapguard.analyzer.config;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * The one place the analyzer's own Kafka clients (admin, producers) get their settings: every {@code kafka.*}
 * property (bootstrap servers, security protocol, SASL, TLS), read as the {@code default-kafka-broker} map —
 * the same map Quarkus gives Kafka Streams under its {@code kafka-streams.*} settings, so one set of
 * {@code kafka.*} security settings reaches every client of the service.
 */
@ApplicationScoped
public class KafkaClients {
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    /** A fresh, modifiable copy: callers add their client's own settings. */
    public Map<String, Object> settings() {
        return new HashMap<>(kafka);
    }
}
