package io.flapguard.telemetry.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/**
 * Username and password of the ingest's MQTT connection. The password comes from {@code password-file} (read at
 * each connect, so a rotated password needs no restart) or {@code password}; it is never logged, and errors name
 * the file, not its content.
 */
final class MqttCredentials {
    private final Optional<String> username;
    private final Optional<String> password;
    private final Optional<Path> passwordFile;

    MqttCredentials(MqttSettings settings) {
        this.username = settings.username().filter(u -> !u.isBlank());
        this.password = settings.password().filter(p -> !p.isEmpty());
        this.passwordFile = settings.passwordFile();
    }

    /** Sets username and password on {@code options}; a password without a username is a configuration error. */
    void applyTo(MqttConnectionOptions options) {
        Optional<byte[]> secret = secret();
        if (username.isEmpty()) {
            if (secret.isPresent()) {
                throw new IllegalStateException("flapguard.mqtt.password(-file) is set but flapguard.mqtt.username is not");
            }
            return;
        }
        options.setUserName(username.get());
        secret.ifPresent(options::setPassword);
    }

    private Optional<byte[]> secret() {
        if (passwordFile.isPresent()) {
            Path file = passwordFile.get();
            try {
                String first = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
                if (first.isEmpty()) {
                    throw new IllegalStateException("MQTT password file " + file + " is empty");
                }
                return Optional.of(first.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read MQTT password file " + file + " ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        return password.map(p -> p.getBytes(StandardCharsets.UTF_8));
    }
}
