package io.flapguard.deploy.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flapguard.brokers.EmbeddedMqtt;
import io.flapguard.brokers.auth.IdentityFile;
import io.flapguard.brokers.auth.MqttRole;
import io.flapguard.brokers.auth.TopicPolicy;
import io.flapguard.deploy.RequiredTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent (busybox sh + the real mosquitto_pub) against FlapGuard's secured embedded broker: it logs in with
 * its serial as username, keeps the password off command lines and logs, refuses to send it without TLS unless
 * told, and cannot publish as another router.
 */
class RouterAgentIdentityTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BASE = "rutx/" + AgentSandbox.SERIAL;
    private static final String OTHER = "1117759999";

    private static Path busybox;
    private static Path mosquittoPub;
    private static EmbeddedMqtt mqtt;
    private static String routerPassword;
    private static String telemetryPassword;
    @TempDir
    static Path brokerDir;

    @TempDir
    Path routerDir;
    private AgentSandbox router;
    private TopicSubscriber ingest;

    @BeforeAll
    static void securedBroker() {
        busybox = RequiredTool.require("busybox", "busybox");
        mosquittoPub = RequiredTool.require("mosquitto_pub", "mosquitto-clients");
        IdentityFile identities = new IdentityFile(brokerDir.resolve("identities"));
        routerPassword = identities.add(AgentSandbox.SERIAL, MqttRole.ROUTER);
        identities.add(OTHER, MqttRole.ROUTER);
        telemetryPassword = identities.add("flapguard-telemetry", MqttRole.TELEMETRY);
        mqtt = EmbeddedMqtt.startSecured(brokerDir, 0, false, identities, TopicPolicy.defaults());
    }

    @AfterAll
    static void stopBroker() {
        if (mqtt != null) {
            mqtt.close();
        }
    }

    @BeforeEach
    void subscribe() throws Exception {
        router = AgentSandbox.create(routerDir, busybox, mosquittoPub);
        router.write("password", routerPassword + "\n");
        ingest = new TopicSubscriber(mqtt.url(), "flapguard-telemetry", telemetryPassword, "rutx/#");
    }

    @AfterEach
    void stop() throws Exception {
        router.close();
        ingest.close();
        // the retained status must not leak into the next test; only the router itself may clear it
        MqttClient cleaner = new MqttClient(mqtt.url(), AgentSandbox.SERIAL, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(AgentSandbox.SERIAL);
        options.setPassword(routerPassword.getBytes(StandardCharsets.UTF_8));
        cleaner.connect(options);
        cleaner.publish(BASE + "/status", new byte[0], 1, true);
        cleaner.disconnect();
        cleaner.close();
    }

    @Test
    void logsInAsItsSerialWithThePasswordOnlyInAPrivateOptionsFile() throws Exception {
        router.configure(mqtt.port(), "MQTT_PASSWORD_FILE=" + router.dir.resolve("password"),
                "MQTT_ALLOW_PLAINTEXT_PASSWORD=1");
        router.start(busybox, "run");

        await().atMost(WAIT).until(() -> topics().contains(BASE + "/status") && topics().contains(BASE + "/log/kernel"));
        Path options = router.state.resolve("private/mosquitto_pub");
        assertThat(Files.readAllLines(options)).contains("-u " + AgentSandbox.SERIAL, "-P " + routerPassword);
        assertThat(Files.getPosixFilePermissions(options))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(router.readOrEmpty("mosquitto_pub.argv")).contains("-t " + BASE + "/status").doesNotContain(routerPassword);
        assertThat(router.agentLog()).contains("started: serial " + AgentSandbox.SERIAL)
                .contains("as " + AgentSandbox.SERIAL)
                .contains("warning: sending the MQTT password without TLS (MQTT_ALLOW_PLAINTEXT_PASSWORD=1)")
                .doesNotContain(routerPassword);
        assertThat(mqtt.refusedConnects()).isZero();
    }

    @Test
    void refusesToSendThePasswordWithoutTlsUnlessAllowedInOneLine() throws Exception {
        router.configure(mqtt.port(), "MQTT_PASSWORD_FILE=" + router.dir.resolve("password"));
        Process agent = router.start(busybox, "run");
        await().atMost(WAIT).until(() -> !agent.isAlive());
        assertThat(agent.exitValue()).isEqualTo(1);
        assertThat(router.agentLog().strip()).isEqualTo("flapguard-agent: refusing to send the MQTT password without "
                + "TLS: set MQTT_CAFILE (and BROKER_PORT=8883), or MQTT_ALLOW_PLAINTEXT_PASSWORD=1 for a broker on a "
                + "trusted link");
        assertThat(router.readOrEmpty("mosquitto_pub.argv")).isEmpty();
        assertThat(ingest.received).isEmpty();
    }

    @Test
    void withAnotherRoutersPasswordItCannotPublishAsThatRouter() throws Exception {
        // the agent is told it is OTHER but holds this router's credentials: the broker refuses every publish
        router.configure(mqtt.port(), "SERIAL=" + OTHER, "MQTT_USER=" + AgentSandbox.SERIAL,
                "MQTT_PASSWORD_FILE=" + router.dir.resolve("password"), "MQTT_ALLOW_PLAINTEXT_PASSWORD=1");
        router.start(busybox, "run");
        await().atMost(WAIT).until(() -> router.agentLog().contains("cannot publish"));
        assertThat(ingest.received).extracting(RouterAgentTest.Received::topic).noneMatch(t -> t.startsWith("rutx/" + OTHER));
        assertThat(router.agentLog()).doesNotContain(routerPassword);
    }

    @Test
    void aWrongPasswordIsRefusedByTheBroker() throws Exception {
        router.write("password", "not-the-password\n");
        long before = mqtt.refusedConnects();
        router.configure(mqtt.port(), "MQTT_PASSWORD_FILE=" + router.dir.resolve("password"),
                "MQTT_ALLOW_PLAINTEXT_PASSWORD=1");
        router.start(busybox, "run");
        await().atMost(WAIT).until(() -> router.agentLog().contains("cannot publish"));
        assertThat(mqtt.refusedConnects()).isGreaterThan(before);
        assertThat(ingest.received).isEmpty();
        assertThat(router.agentLog()).doesNotContain("not-the-password");
    }

    private List<String> topics() {
        return ingest.received.stream().map(RouterAgentTest.Received::topic).toList();
    }
}
