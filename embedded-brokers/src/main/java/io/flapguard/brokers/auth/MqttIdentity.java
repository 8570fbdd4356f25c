package io.flapguard.brokers.auth;

import io.flapguard.wire.RouterSerial;
import java.util.Objects;

/**
 * One account of the MQTT broker. A router's username is its serial, so its topic permissions can be built from
 * it; every username must match the serial pattern, which keeps MQTT wildcards ({@code + #}) and separators out
 * of topic filters and files.
 */
public record MqttIdentity(String username, MqttRole role, PasswordHash password) {
    public MqttIdentity {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(password, "password");
        if (!RouterSerial.isValid(username)) {
            throw new IllegalArgumentException("username '" + username + "' is not [A-Za-z0-9_-]{1,64}");
        }
    }
}
