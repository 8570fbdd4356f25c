package io.flapguard.simulator.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/** A real Paho subscriber on {@code rutx/#} keeping every message in arrival order. */
final class MqttRecorder implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Received(String topic, String payload) {
        String serial() {
            return topic.split("/")[1];
        }

        String kind() {
            return topic.substring(topic.indexOf('/', 5) + 1);
        }

        JsonNode json() {
            try {
                return JSON.readTree(payload);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Instant sentAt() {
            return Instant.parse(json().get("sent_at").asText());
        }

        List<String> lines() {
            List<String> lines = new ArrayList<>();
            json().get("lines").forEach(l -> lines.add(l.asText()));
            return lines;
        }
    }

    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    MqttRecorder(String url) throws MqttException {
        this(url, null, null);
    }

    /** Connects with an account (a secured broker's telemetry identity). */
    MqttRecorder(String url, String username, String password) throws MqttException {
        client = new MqttClient(url, "flapguard-recorder-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        if (username != null) {
            options.setUserName(username);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        client.connect(options);
        IMqttMessageListener keep = (topic, message) ->
                received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8)));
        client.subscribe(new MqttSubscription[] {new MqttSubscription("rutx/#", 1)}, new IMqttMessageListener[] {keep});
    }

    int size() {
        return received.size();
    }

    List<Received> of(String serial, String kind) {
        return received.stream().filter(r -> r.serial().equals(serial) && r.kind().equals(kind)).toList();
    }

    List<Received> all() {
        return List.copyOf(received);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
