package io.flapguard.brokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMqttTest {
    @TempDir
    static Path data;
    static EmbeddedMqtt mqtt;

    @BeforeAll
    static void start() {
        mqtt = EmbeddedMqtt.startOpen(data, 0, false);
    }

    @AfterAll
    static void stop() {
        mqtt.close();
    }

    @Test
    void qos1PublishSubscribeAndSharedSubscriptionDeliversEachMessageToOneMember() throws Exception {
        Received a = new Received();
        Received b = new Received();
        MqttClient memberA = connect("member-a", true, a, false);
        MqttClient memberB = connect("member-b", true, b, false);
        memberA.subscribe("$share/ingest/rutx/+/status", 1);
        memberB.subscribe("$share/ingest/rutx/+/status", 1);
        MqttClient publisher = connect("router", true, new Received(), false);
        for (int i = 0; i < 50; i++) {
            publisher.publish("rutx/" + i + "/status", ("s" + i).getBytes(StandardCharsets.UTF_8), 1, false);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> a.messages.size() + b.messages.size() >= 50);
        List<String> all = new CopyOnWriteArrayList<>(a.messages);
        all.addAll(b.messages);
        assertThat(all).hasSize(50).doesNotHaveDuplicates();
        for (MqttClient c : List.of(memberA, memberB, publisher)) {
            c.disconnect();
            c.close();
        }
    }

    @Test
    void aPersistentSessionGetsAnUnacknowledgedMessageAgain() throws Exception {
        Received first = new Received();
        MqttClient ingest = connect("ingest-1", false, first, true);
        ingest.subscribe("rutx/+/log/kernel", 1);
        MqttClient router = connect("router-2", true, new Received(), false);
        router.publish("rutx/1117759414/log/kernel", "line-1".getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(20)).until(() -> first.messages.contains("line-1"));
        // Received but never acknowledged (manual acks): a crash now must not lose it.
        ingest.disconnectForcibly(0, 1000, false);
        ingest.close(true);

        Received second = new Received();
        MqttClient again = connect("ingest-1", false, second, true);
        await().atMost(Duration.ofSeconds(20)).until(() -> second.messages.contains("line-1"));
        again.disconnect();
        again.close();
        router.disconnect();
        router.close();
    }

    static MqttClient connect(String id, boolean cleanStart, Received sink, boolean manualAcks) throws MqttException {
        MqttClient client = new MqttClient(mqtt.url(), id, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(cleanStart);
        if (!cleanStart) {
            options.setSessionExpiryInterval(3600L);
        }
        client.setManualAcks(manualAcks);
        client.setCallback(sink);
        client.connect(options);
        return client;
    }

    static class Received implements MqttCallback {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final List<String> topics = new CopyOnWriteArrayList<>();

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            topics.add(topic);
            messages.add(new String(message.getPayload(), StandardCharsets.UTF_8));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
