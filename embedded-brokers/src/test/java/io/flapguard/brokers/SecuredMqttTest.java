package io.flapguard.brokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flapguard.brokers.EmbeddedMqttTest.Received;
import io.flapguard.brokers.auth.IdentityFile;
import io.flapguard.brokers.auth.MqttRole;
import io.flapguard.brokers.auth.TopicPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded broker with its security extension: who may connect, publish and subscribe. */
class SecuredMqttTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String ROUTER_A = "1117759414";
    static final String ROUTER_B = "1117759415";

    @TempDir
    static Path data;
    static EmbeddedMqtt mqtt;
    static IdentityFile identities;
    static String passwordA;
    static String passwordB;
    static String telemetryPassword;

    final List<MqttClient> clients = new CopyOnWriteArrayList<>();
    final Received ingest = new Received();

    @BeforeAll
    static void start() {
        identities = new IdentityFile(data.resolve("identities"));
        passwordA = identities.add(ROUTER_A, MqttRole.ROUTER);
        passwordB = identities.add(ROUTER_B, MqttRole.ROUTER);
        telemetryPassword = identities.add("flapguard-telemetry", MqttRole.TELEMETRY);
        mqtt = EmbeddedMqtt.startSecured(data, 0, false, identities, TopicPolicy.defaults());
    }

    @AfterAll
    static void stop() {
        mqtt.close();
    }

    @BeforeEach
    void telemetrySubscribesShared() throws Exception {
        MqttClient telemetry = connect("flapguard-telemetry-test", "flapguard-telemetry", telemetryPassword, ingest);
        for (String filter : List.of("rutx/+/log/+", "rutx/+/status", "router/+/+", "teltonika/+/telemetry")) {
            IMqttToken token = telemetry.subscribe(new String[] {"$share/flapguard-telemetry/" + filter}, new int[] {1});
            assertThat(token.getReasonCodes()).as(filter).containsOnly(1);
        }
    }

    @AfterEach
    void disconnect() {
        for (MqttClient c : clients) {
            try {
                if (c.isConnected()) {
                    c.disconnect();
                }
                c.close();
            } catch (MqttException ignored) {
                // already gone
            }
        }
    }

    @Test
    void aRouterPublishesBelowItsOwnSerialOnEveryRootAndTelemetryGetsIt() throws Exception {
        MqttClient router = connect("fg-" + ROUTER_A + "-1", ROUTER_A, passwordA, new Received());
        router.publish("rutx/" + ROUTER_A + "/status", bytes("{\"v\":1}"), 1, true);
        router.publish("rutx/" + ROUTER_A + "/log/kernel", bytes("[1.0] usb"), 1, false);
        router.publish("router/" + ROUTER_A + "/signal", bytes("-59"), 1, false);
        router.publish("teltonika/" + ROUTER_A + "/telemetry", bytes("{}"), 1, false);
        await().atMost(WAIT).until(() -> ingest.topics.size() >= 4);
        assertThat(ingest.topics).containsExactlyInAnyOrder("rutx/" + ROUTER_A + "/status",
                "rutx/" + ROUTER_A + "/log/kernel", "router/" + ROUTER_A + "/signal", "teltonika/" + ROUTER_A + "/telemetry");
    }

    @Test
    void aRouterCannotPublishAsAnotherRouterAndTheMessageNeverArrives() throws Exception {
        MqttClient spoofer = connect(ROUTER_A, ROUTER_A, passwordA, new Received());
        try {
            spoofer.publish("rutx/" + ROUTER_B + "/log/events", bytes("2022-10-05 12:14:28  Mobile Data  forged"), 1, false);
        } catch (MqttException refused) {
            // MQTT 5: PUBACK "not authorized" (or the broker closes the connection); either way nothing is delivered
        }
        MqttClient honest = connect(ROUTER_B, ROUTER_B, passwordB, new Received());
        honest.publish("rutx/" + ROUTER_B + "/log/events", bytes("marker"), 1, false);
        await().atMost(WAIT).until(() -> ingest.messages.contains("marker"));
        assertThat(ingest.messages).containsExactly("marker");
    }

    @Test
    void aRouterCannotSubscribeToOtherRoutersNorTelemetryPublish() throws Exception {
        Received eavesdrop = new Received();
        MqttClient router = connect(ROUTER_A, ROUTER_A, passwordA, eavesdrop);
        IMqttToken sub = router.subscribe(new String[] {"rutx/#"}, new int[] {1});
        assertThat(java.util.Arrays.stream(sub.getReasonCodes()).boxed().toList()).isNotEmpty().allMatch(code -> code >= 0x80);

        // a second telemetry connection: HiveMQ closes a connection whose PUBLISH is not authorized
        MqttClient telemetry = connect("flapguard-telemetry-forger", "flapguard-telemetry", telemetryPassword, new Received());
        try {
            telemetry.publish("rutx/" + ROUTER_B + "/status", bytes("{\"v\":1,\"forged\":true}"), 1, false);
        } catch (MqttException refused) {
            // not authorized
        }
        MqttClient honest = connect(ROUTER_B, ROUTER_B, passwordB, new Received());
        honest.publish("rutx/" + ROUTER_B + "/status", bytes("marker"), 1, false);
        await().atMost(WAIT).until(() -> ingest.messages.contains("marker"));
        assertThat(ingest.messages).containsExactly("marker");
        assertThat(eavesdrop.messages).isEmpty();
    }

    @Test
    void noWrongOrMissingCredentialsGetIn() {
        long before = mqtt.refusedConnects();
        assertThatThrownBy(() -> connect(ROUTER_A, ROUTER_A, passwordB, new Received()))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
        assertThatThrownBy(() -> connect(ROUTER_A, "1117759999", passwordA, new Received()))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
        assertThatThrownBy(() -> connect(ROUTER_A, null, null, new Received()))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x87));
        assertThat(mqtt.refusedConnects()).isEqualTo(before + 3);
    }

    @Test
    void aRouterCannotTakeOverAServiceSessionOrAnotherRoutersClientId() {
        assertThatThrownBy(() -> connect("flapguard-telemetry-test", ROUTER_A, passwordA, new Received()))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x85));
        assertThatThrownBy(() -> connect("fg-" + ROUTER_B + "-1", ROUTER_A, passwordA, new Received()))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x85));
        assertThat(clients.get(0).isConnected()).isTrue();
    }

    @Test
    void anIdentityAddedWhileTheBrokerRunsWorksAtOnce() throws Exception {
        String serial = "1117759500";
        String password = identities.add(serial, MqttRole.ROUTER);
        MqttClient router = connect(serial, serial, password, new Received());
        router.publish("rutx/" + serial + "/status", bytes("new"), 1, false);
        await().atMost(WAIT).until(() -> ingest.messages.contains("new"));
        identities.remove(serial);
        assertThatThrownBy(() -> connect(serial + "-2", serial, password, new Received()))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode()).isEqualTo(0x86));
    }

    MqttClient connect(String clientId, String username, String password, Received sink) throws MqttException {
        MqttClient client = new MqttClient(mqtt.url(), clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        if (username != null) {
            options.setUserName(username);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        client.setCallback(sink);
        client.connect(options);
        clients.add(client);
        return client;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
