package io.flapguard.deploy.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flapguard.brokers.EmbeddedMqtt;
import io.flapguard.brokers.Ports;
import io.flapguard.deploy.RequiredTool;
import io.flapguard.wire.DataState;
import io.flapguard.wire.EventKind;
import io.flapguard.wire.LogSource;
import io.flapguard.wire.RouterEvent;
import io.flapguard.wire.StatusSnapshot;
import io.flapguard.wire.TelemetryMessage;
import io.flapguard.wire.RouterSerial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs deploy/agent/flapguard-agent.sh under {@code busybox sh} with only BusyBox applets and router
 * stand-ins on PATH, publishing with the real mosquitto_pub to a real MQTT broker, and checks what a
 * subscriber receives against router-contract.md (topics, status JSON, kernel envelope, plain lines).
 * The payloads are checked against the contract by hand and then through telemetry-service's own pure
 * parsers (IngestParserCheck), as ingest would read them.
 */
class RouterAgentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "rutx/" + AgentSandbox.SERIAL;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Path busybox;
    private static Path mosquittoPub;
    private static EmbeddedMqtt mqtt;
    @TempDir
    static Path brokerDir;

    @TempDir
    Path routerDir;
    private AgentSandbox router;
    private TopicSubscriber subscriber;
    private List<Received> received;

    record Received(String topic, String payload, boolean retained) {
    }

    @BeforeAll
    static void tools() {
        busybox = RequiredTool.require("busybox", "busybox");
        mosquittoPub = RequiredTool.require("mosquitto_pub", "mosquitto-clients");
        mqtt = EmbeddedMqtt.startOpen(brokerDir, 0, false);
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
        subscriber = new TopicSubscriber(mqtt.url(), null, null, "rutx/#");
        received = subscriber.received;
    }

    @AfterEach
    void stop() throws Exception {
        router.close();
        subscriber.close();
        // retained status must not leak into the next test
        MqttClient cleaner = new MqttClient(mqtt.url(), "agent-test-clean", new MemoryPersistence());
        cleaner.connect();
        cleaner.publish(BASE + "/status", new byte[0], 1, true);
        cleaner.disconnect();
        cleaner.close();
    }

    @Test
    void publishesStatusKernelEventsAndSyslogAsTheContractSays() throws Exception {
        router.configure(mqtt.port());
        router.start(busybox, "run");

        JsonNode status = JSON.readTree(await().atMost(WAIT).until(() -> last(BASE + "/status"), p -> p != null));
        assertThat(status.path("v").asInt()).isEqualTo(1);
        assertThat(Instant.parse(status.path("sent_at").asText())).isBetween(Instant.now().minusSeconds(60), Instant.now());
        JsonNode device = status.path("device");
        assertThat(device.path("name").asText()).isEqualTo("RUTX14");
        assertThat(device.path("serial").asText()).isEqualTo(AgentSandbox.SERIAL).matches(RouterSerial.PATTERN);
        assertThat(device.path("firmware").asText()).isEqualTo("RUTX_R_00.07.02.8");
        assertThat(device.path("uptime_s").asLong()).isEqualTo(422540);
        JsonNode modem = status.path("modem");
        assertThat(modem.path("model").asText()).isEqualTo("EG12");
        assertThat(modem.path("firmware").asText()).isEqualTo("EG12EAPAR01A09M4G");
        assertThat(modem.path("usb_id").asText()).isEqualTo("1-1");
        assertThat(modem.path("state").asText()).isEqualTo("connected");
        JsonNode network = status.path("network");
        assertThat(network.path("operator").asText()).isEqualTo("o2 - de");
        assertThat(network.path("state").asText()).isEqualTo("registered (home)");
        assertThat(network.path("type").asText()).isEqualTo("4G (FDD LTE); VoLTE");
        assertThat(network.path("band").asText()).isEqualTo("LTE BAND 20");
        JsonNode signal = status.path("signal");
        assertThat(signal.path("rssi").isNumber()).isTrue();
        assertThat(signal.path("rssi").asInt()).isEqualTo(-59);
        assertThat(signal.path("rsrp").asInt()).isEqualTo(-85);
        assertThat(signal.path("rsrq").asDouble()).isEqualTo(-8.0);
        assertThat(signal.path("sinr").asDouble()).isEqualTo(12.3);
        // retained, so a new subscriber sees the last status at once
        assertThat(router.readOrEmpty("mosquitto_pub.argv")).contains("-q 1 -t " + BASE + "/status -r -s");

        // kernel: the whole ring buffer on first start, in a JSON envelope that places stamps on the wall clock
        String kernelTopic = BASE + "/log/" + LogSource.KERNEL.topicName();
        JsonNode envelope = JSON.readTree(await().atMost(WAIT).until(() -> last(kernelTopic), p -> p != null));
        assertThat(envelope.path("v").asInt()).isEqualTo(1);
        Instant.parse(envelope.path("sent_at").asText());
        assertThat(envelope.path("uptime_s").asDouble()).isEqualTo(422540.12);
        assertThat(lines(envelope)).containsExactlyElementsOf(
                AgentSandbox.fixture("dmesg-usb-reenumeration.txt").lines().toList());

        // events: one message per line, trailing spaces gone, all six of the fixture
        String eventsTopic = BASE + "/log/" + LogSource.EVENTS.topicName();
        List<String> fixtureEvents = AgentSandbox.fixture("webui-events-2022-10-05.txt").lines().map(String::stripTrailing).toList();
        await().atMost(WAIT).until(() -> payloads(eventsTopic).size() >= fixtureEvents.size());
        assertThat(payloads(eventsTopic)).containsExactlyElementsOf(fixtureEvents);

        // syslog: followed lines arrive; the agent's own messages are not echoed back
        String syslogTopic = BASE + "/log/" + LogSource.SYSLOG.topicName();
        router.appendSyslog("Wed Oct  5 12:14:28 2022 daemon.notice flapguard-agent: started\n"
                + "Wed Oct  5 12:14:28 2022 daemon.notice netifd: Network device 'wwan0' link is down\n");
        await().atMost(WAIT).until(() -> payloads(syslogTopic).size() >= 1);
        assertThat(payloads(syslogTopic)).containsExactly(
                "Wed Oct  5 12:14:28 2022 daemon.notice netifd: Network device 'wwan0' link is down");

        // only new kernel and events lines are sent afterwards
        router.appendDmesg("[422600.100000] usb 1-1: USB disconnect, device number 6\n");
        router.write("events.txt", "2022-10-05 12:20:01  Mobile Data  Mobile data disconnected (internal modem)\n"
                + AgentSandbox.fixture("webui-events-2022-10-05.txt"));
        await().atMost(WAIT).until(() -> payloads(kernelTopic).size() >= 2);
        assertThat(lines(JSON.readTree(last(kernelTopic)))).containsExactly("[422600.100000] usb 1-1: USB disconnect, device number 6");
        await().atMost(WAIT).until(() -> payloads(eventsTopic).size() >= fixtureEvents.size() + 1);
        assertThat(last(eventsTopic)).isEqualTo("2022-10-05 12:20:01  Mobile Data  Mobile data disconnected (internal modem)");

        // a change (modem firmware updated) is published at once, not after the 60 s interval
        router.gsm("y", "EG12EAPAR01A12M4G");
        await().atMost(WAIT).until(() -> JSON.readTree(last(BASE + "/status")).path("modem").path("firmware").asText(),
                "EG12EAPAR01A12M4G"::equals);
        assertThat(payloads(kernelTopic)).hasSize(2);
        assertThat(payloads(eventsTopic)).hasSize(fixtureEvents.size() + 1);
        assertThat(received).extracting(Received::topic).allMatch(t -> t.startsWith(BASE + "/"));

        // and telemetry-service's own parsers accept all of it, understanding what matters
        List<TelemetryMessage> records = IngestParserCheck.translateAll(received);
        List<RouterEvent> events = IngestParserCheck.events(records);
        assertThat(events).filteredOn(e -> e.kind() == EventKind.MODEM_USB_DISCONNECT)
                .extracting(RouterEvent::usbDeviceNumber).containsExactly(5, 6);
        assertThat(events).filteredOn(e -> e.kind() == EventKind.MODEM_USB_ATTACH)
                .extracting(RouterEvent::usbDeviceNumber).containsExactly(6);
        assertThat(events).filteredOn(e -> e.kind() == EventKind.MOBILE_DATA_DISCONNECTED).hasSize(4);
        // kernel stamps placed on the wall clock through the envelope: sent_at - (uptime_s - stamp)
        RouterEvent firstUnplug = events.stream().filter(e -> e.kind() == EventKind.MODEM_USB_DISCONNECT).findFirst().orElseThrow();
        Instant sentAt = Instant.parse(envelope.path("sent_at").asText());
        assertThat(Duration.between(firstUnplug.time(), sentAt).toMillis()).isBetween(33_000L, 35_000L);
        StatusSnapshot last = IngestParserCheck.statuses(records).get(IngestParserCheck.statuses(records).size() - 1);
        assertThat(last.modemModel()).isEqualTo("EG12");
        assertThat(last.modemFirmware()).isEqualTo("EG12EAPAR01A12M4G");
        assertThat(last.routerFirmware()).isEqualTo("RUTX_R_00.07.02.8");
        assertThat(last.dataState()).isEqualTo(DataState.CONNECTED);
        assertThat(last.rsrp()).isEqualTo(-85);
        assertThat(last.sinr()).isEqualTo(12.3);
        assertThat(last.uptimeSeconds()).isEqualTo(422540L);
    }

    @Test
    void buffersWhileTheBrokerIsUnreachableDropsTheOldestBeyondTheCapAndCatchesUp() throws Exception {
        try (FlakyLink link = new FlakyLink(Ports.claim(0, "agent link"), mqtt.port())) {
            router.configure(link.port(), "BUFFER_MAX_BYTES=4096");
            router.start(busybox, "run");
            StringBuilder burst = new StringBuilder();
            for (int i = 1; i <= 300; i++) {
                burst.append("Wed Oct  5 12:15:00 2022 daemon.info mwan3: line ").append(i).append('\n');
            }
            router.appendSyslog(burst.toString());
            // the buffer can fill before the first failed publish is logged: wait for both, in either order
            await().atMost(WAIT).until(() -> router.agentLog().contains("dropped")
                    && router.agentLog().contains("cannot publish to 127.0.0.1:" + link.port()));
            Path pending = router.state.resolve("spool/syslog.pending");
            assertThat(Files.size(pending)).isLessThanOrEqualTo(4096);
            assertThat(received).isEmpty();

            link.up();
            String syslogTopic = BASE + "/log/syslog";
            await().atMost(WAIT).until(() -> payloads(syslogTopic).contains(
                    "Wed Oct  5 12:15:00 2022 daemon.info mwan3: line 300"));
            List<String> syslog = payloads(syslogTopic);
            assertThat(syslog).doesNotContain("Wed Oct  5 12:15:00 2022 daemon.info mwan3: line 1")
                    .hasSizeLessThan(300).hasSizeGreaterThan(20);
            await().atMost(WAIT).until(() -> last(BASE + "/log/kernel") != null && last(BASE + "/status") != null);
            assertThat(lines(JSON.readTree(last(BASE + "/log/kernel")))).hasSize(22);
            await().atMost(WAIT).until(() -> router.agentLog().contains("reachable again"));
        }
    }

    @Test
    void refusesAnInvalidSerialWithAOneLineReason() throws Exception {
        router.configure(mqtt.port(), "SERIAL='1117/759414'");
        Process agent = router.start(busybox, "once");
        await().atMost(WAIT).until(() -> !agent.isAlive());
        assertThat(agent.exitValue()).isEqualTo(1);
        assertThat(router.agentLog().strip()).startsWith("flapguard-agent: serial '1117/759414' is missing or not")
                .doesNotContain("\n");
        assertThat(received).isEmpty();
    }

    private String last(String topic) {
        List<String> p = payloads(topic);
        return p.isEmpty() ? null : p.get(p.size() - 1);
    }

    private List<String> payloads(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic) && !r.payload().isEmpty())
                .map(Received::payload).toList();
    }

    private static List<String> lines(JsonNode envelope) {
        List<String> out = new ArrayList<>();
        envelope.path("lines").forEach(n -> out.add(n.asText()));
        return out;
    }
}
