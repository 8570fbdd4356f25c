package io.flapguard.stack;

import io.flapguard.brokers.auth.IdentityFile;
import io.flapguard.brokers.auth.MqttRole;
import io.flapguard.brokers.auth.TopicPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The embedded MQTT broker's accounts in the data folder: {@code mqtt/identities} (salted hashes only) and the
 * telemetry account's password in {@code secrets/mqtt-telemetry.password} (mode 600), generated on first start.
 * Telemetry gets the password as a file name, never on its command line.
 */
final class BrokerAccounts {
    static final String TELEMETRY_USER = "flapguard-telemetry";

    private final IdentityFile identities;
    private final Path telemetryPassword;

    BrokerAccounts(Path dataDir) {
        this.identities = new IdentityFile(identitiesFile(dataDir));
        this.telemetryPassword = dataDir.resolve("secrets").resolve("mqtt-telemetry.password").toAbsolutePath();
    }

    static Path identitiesFile(Path dataDir) {
        return dataDir.resolve("mqtt").resolve("identities");
    }

    /** Creates the telemetry account if this data folder has none yet. */
    BrokerAccounts ensureTelemetry() {
        identities.ensureServiceAccount(TELEMETRY_USER, MqttRole.TELEMETRY, telemetryPassword);
        return this;
    }

    IdentityFile identities() {
        return identities;
    }

    /** telemetry-service's MQTT account settings (docs/config-telemetry.md). */
    Map<String, String> telemetryProperties() {
        return Map.of("flapguard.mqtt.username", TELEMETRY_USER,
                "flapguard.mqtt.password-file", telemetryPassword.toString());
    }

    /** Registers (or re-keys) a router and returns its new password. */
    String addRouter(String serial) {
        return identities.add(serial, MqttRole.ROUTER);
    }

    /** The router topic roots telemetry reads, from the services' settings when the operator changed them. */
    static TopicPolicy policy(Map<String, String> serviceSettings) {
        List<String> defaults = TopicPolicy.DEFAULT_ROOTS;
        return new TopicPolicy(List.of(
                serviceSettings.getOrDefault("flapguard.mqtt.topic-root", defaults.get(0)),
                serviceSettings.getOrDefault("flapguard.mqtt.publisher-root", defaults.get(1)),
                serviceSettings.getOrDefault("flapguard.mqtt.data-to-server-root", defaults.get(2))));
    }
}
