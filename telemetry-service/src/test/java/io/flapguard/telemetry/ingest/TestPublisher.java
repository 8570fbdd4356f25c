package io.flapguard.telemetry.ingest;

import io.flapguard.brokers.TestBrokersResource;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** A router stand-in: publishes at QoS 1 to the test MQTT broker and waits for each PUBACK. */
final class TestPublisher implements AutoCloseable {
    private final MqttClient client;

    TestPublisher() throws MqttException {
        this(TestBrokersResource.mqtt().url(), "test-router-" + UUID.randomUUID(), null, null);
    }

    /** A router with an account: {@code username} null connects anonymously. */
    TestPublisher(String url, String clientId, String username, String password) throws MqttException {
        client = new MqttClient(url, clientId, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        if (username != null) {
            o.setUserName(username);
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        client.connect(o);
    }

    void publish(String topic, String payload) throws MqttException {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    void publish(String topic, byte[] payload) throws MqttException {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        while (true) {
            try {
                client.publish(topic, m);
                return;
            } catch (MqttException e) {
                // Paho 1.2.5 can count a just-acknowledged publish as still in flight: try again
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                    throw e;
                }
                Thread.yield();
            }
        }
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
