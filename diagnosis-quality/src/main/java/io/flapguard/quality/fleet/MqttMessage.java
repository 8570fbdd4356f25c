package io.flapguard.quality.fleet;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One MQTT message as it reaches the broker: topic, payload bytes exactly as the router publishes them, and the
 * simulated wall time of its arrival. {@code seq} keeps the publishing order of one router stable.
 */
public record MqttMessage(String serial, String topic, byte[] payload, long arrivalMs, long seq) {

    public Instant arrival() {
        return Instant.ofEpochMilli(arrivalMs);
    }

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    public static int byArrival(MqttMessage a, MqttMessage b) {
        int c = Long.compare(a.arrivalMs, b.arrivalMs);
        if (c != 0) {
            return c;
        }
        c = a.serial.compareTo(b.serial);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    }
}
