package io.flapguard.telemetry.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code flapguard.mqtt.*}: the broker routers publish to and how ingest subscribes. See docs/config-telemetry.md. */
@ConfigMapping(prefix = "flapguard.mqtt")
public interface MqttSettings {
    /** {@code tcp://host:1883} or {@code ssl://host:8883}. */
    String url();

    /** Stable per instance: the broker keeps this client's persistent session under it. */
    String clientId();

    /** Root of the agent topics: {@code <root>/{serial}/log/{source}}, {@code <root>/{serial}/status}. */
    @WithDefault("rutx")
    String topicRoot();

    /** Root of Teltonika MQTT Publisher topics: {@code <root>/{serial}/{parameter}}. */
    @WithDefault("router")
    String publisherRoot();

    /** Root of Teltonika Data to Server topics: {@code <root>/{serial}/<leaf>}. */
    @WithDefault("teltonika")
    String dataToServerRoot();

    @WithDefault("telemetry")
    String dataToServerLeaf();

    /** MQTT 5 shared-subscription group; instances with the same group split the messages. Empty: no sharing. */
    Optional<String> sharedGroup();

    @WithDefault("PT24H")
    Duration sessionExpiry();

    /**
     * Unacknowledged messages at most per connection (its MQTT receive maximum and its local window); an instance
     * holds at most {@code connections × max-in-flight}.
     */
    @WithDefault("256")
    int maxInFlight();

    /**
     * MQTT connections per instance, all in the shared group (each its own client id and persistent session): a
     * broker delivers to each connection separately, and each has its own receive thread. 1 without a shared group.
     */
    @WithDefault("4")
    int connections();

    @WithDefault("PT0.5S")
    Duration reconnectMinDelay();

    @WithDefault("PT30S")
    Duration reconnectMaxDelay();

    @WithDefault("PT10S")
    Duration connectTimeout();

    /** The broker account; with FlapGuard's broker, the telemetry identity ({@code flapguard-telemetry}). */
    Optional<String> username();

    /** The password itself (e.g. from {@code FLAPGUARD_MQTT_PASSWORD}); {@link #passwordFile()} wins when both are set. */
    Optional<String> password();

    /** A file whose first line is the password, re-read at every connect (rotation without restart). */
    Optional<java.nio.file.Path> passwordFile();

    /** Off: no MQTT connection at all (the service only serves health and metrics). */
    @WithDefault("true")
    boolean enabled();
}
