package io.flapguard.brokers.auth;

import java.util.Locale;

/** What an MQTT identity may do (see {@link TopicPolicy}). */
public enum MqttRole {
    /** Publishes only below its own serial under each router topic root; subscribes to nothing. */
    ROUTER,
    /** Ingest: subscribes (shared subscriptions included) below every router topic root; publishes nothing. */
    TELEMETRY;

    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MqttRole parse(String text) {
        for (MqttRole r : values()) {
            if (r.fileName().equals(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "' (router, telemetry)");
    }
}
