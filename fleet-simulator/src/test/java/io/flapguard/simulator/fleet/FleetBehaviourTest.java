package io.flapguard.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flapguard.brokers.EmbeddedMqtt;
import io.flapguard.simulator.fleet.MqttRecorder.Received;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One simulated day of a small mixed fleet on a manual clock against a real MQTT broker; every test reads
 * what a Paho subscriber received.
 */
class FleetBehaviourTest {

    static final String SCENARIO = """
            name: behaviour
            seed: 7
            start: 2022-10-05T00:00:00Z
            statusPeriod: PT10M
            model: {badFirmwareDropsPerDay: 8, poorSignalDropsPerDay: 6}
            groups:
              - {name: bad, count: 3, serialPrefix: "11000", serialStart: 1, routerFirmware: RUTX_R_00.07.02.7, modemFirmware: EG12EAPAR01A09M4G, operators: [Telia]}
              - {name: good, count: 3, serialPrefix: "11000", serialStart: 101, routerFirmware: RUTX_R_00.07.02.7, modemFirmware: EG12EAPAR01A12M4G, operators: [Telia]}
              - {name: poor, count: 2, serialPrefix: "11000", serialStart: 201, routerFirmware: RUTX_R_00.07.01.4, operators: [Telia], signal: {rsrp: -117, sinr: -4, rsrq: -15}}
              - {name: elisa, count: 4, serialPrefix: "11000", serialStart: 301, routerFirmware: RUTX_R_00.07.01.4, modemFirmware: EG12EAPAR01A12M4G, operators: [Elisa]}
            events:
              - {at: PT20H, type: operator-outage, operator: Elisa, duration: PT30M}
            """;
    static final Instant OUTAGE = Instant.parse("2022-10-05T20:00:00Z");
    static final Pattern EVENT_LINE = Pattern.compile("(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)  (Mobile Data|Network Operator|Network Type|Firmware)  (.+)");
    static final Pattern KERNEL_LINE = Pattern.compile("\\[ *(\\d+\\.\\d{6})] (.+)");
    static final DateTimeFormatter EVENTS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir
    static Path dir;
    static EmbeddedMqtt mqtt;
    static MqttRecorder recorder;
    static Fleet fleet;

    @BeforeAll
    static void runOneDay() throws Exception {
        mqtt = EmbeddedMqtt.startOpen(dir, 0, false);
        recorder = new MqttRecorder(mqtt.url());
        Scenario scenario = Scenario.parse(SCENARIO.getBytes(StandardCharsets.UTF_8), "behaviour");
        fleet = Fleet.builder(scenario, mqtt.url(), dir.resolve("fleet")).manualClock().start();
        fleet.advance(Duration.ofDays(1));
        assertThat(fleet.flush(Duration.ofSeconds(30))).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> recorder.size() >= fleet.publishedTotal());
    }

    @AfterAll
    static void stop() throws Exception {
        fleet.close();
        recorder.close();
        mqtt.close();
    }

    /** The load harness compares this count with what telemetry put on Kafka: it must match what was sent. */
    @Test
    void publishedRecordsCountOneRecordPerStatusAndPerLogLine() {
        long expected = 0;
        for (Received r : recorder.all()) {
            expected += r.topic().endsWith("/status") ? 1 : r.json().path("lines").size();
        }
        assertThat(fleet.publishedRecords()).isEqualTo(expected).isGreaterThan(fleet.publishedTotal());
        assertThat(fleet.publishFailures()).isZero();
    }

    /** Load runs of 100,000 routers start no SSH servers and write no router files, and still publish. */
    @Test
    void aFleetWithoutSshOnlyPublishes() throws Exception {
        Scenario scenario = Scenario.parse(SCENARIO.getBytes(StandardCharsets.UTF_8), "behaviour");
        try (Fleet publishing = Fleet.builder(scenario, mqtt.url(), dir.resolve("no-ssh")).manualClock().withoutSsh()
                .clientIdPrefix("no-ssh").topicRoot("nossh").start()) {
            publishing.advance(Duration.ofHours(1));
            assertThat(publishing.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(publishing.routers()).hasSize(12).allSatisfy(r -> assertThat(r.server()).isNull());
            assertThat(publishing.files().routersCsv()).doesNotExist();
            assertThat(publishing.published(Fleet.Kind.STATUS)).isGreaterThanOrEqualTo(12);
            assertThat(publishing.acknowledged()).isEqualTo(publishing.publishedTotal());
        }
    }

    @Test
    void badFirmwareRoutersResetTheirModemSeveralTimesADayInTheRealFormats() {
        for (String serial : List.of("1100000001", "1100000002", "1100000003")) {
            List<String> kernel = kernelTexts(serial);
            assertThat(kernel).as(serial).filteredOn(t -> t.startsWith("usb 1-1: USB disconnect, device number")).hasSizeGreaterThanOrEqualTo(2);
            assertThat(kernel).contains("option1 ttyUSB0: GSM modem (1-port) converter now disconnected from ttyUSB0",
                    "qmi_wwan 1-1:1.4 wwan0: unregister 'qmi_wwan', WWAN/QMI device", "qmi_wwan 1-1:1.4 wwan0: mode: raw IP",
                    "usb 1-1: GSM modem (1-port) converter now attached to ttyUSB3");
            List<String> events = eventTexts(serial);
            assertThat(events).contains("Mobile data disconnected (internal modem)", "Mobile data connected (internal modem)",
                    "Connected to Telia operator (internal modem)", "Joined FDD LTE network (internal modem)");
            // the fixture's burst: several disconnect lines within 90 s before the reconnect
            assertThat(events.stream().filter(e -> e.startsWith("Mobile data disconnected")).count())
                    .isGreaterThanOrEqualTo(3 * kernel.stream().filter(t -> t.contains("USB disconnect")).count());
        }
    }

    @Test
    void theUsbDeviceNumberGrowsByOneAtEachReEnumeration() {
        Pattern number = Pattern.compile("usb 1-1: (?:USB disconnect, device number|new high-speed USB device number) (\\d+)");
        for (String serial : List.of("1100000001", "1100000002", "1100000003")) {
            List<Integer> numbers = new ArrayList<>();
            for (String text : kernelTexts(serial)) {
                Matcher m = number.matcher(text);
                if (m.lookingAt()) {
                    numbers.add(Integer.parseInt(m.group(1)));
                }
            }
            assertThat(numbers).hasSizeGreaterThanOrEqualTo(4);
            for (int i = 0; i + 1 < numbers.size(); i += 2) {
                assertThat(numbers.get(i + 1)).as("re-attach after disconnect %d", numbers.get(i)).isEqualTo(numbers.get(i) + 1);
                if (i + 2 < numbers.size()) {
                    assertThat(numbers.get(i + 2)).as("next disconnect").isEqualTo(numbers.get(i + 1));
                }
            }
            assertThat(fleet.router(serial).usbDeviceNumber()).isEqualTo(numbers.get(numbers.size() - 1));
        }
    }

    @Test
    void kernelUptimeAndEventsLogAgreeOnTheSimulatedWallClock() {
        Received first = recorder.of("1100000001", "log/kernel").get(0);
        JsonNode envelope = first.json();
        assertThat(envelope.get("v").asInt()).isEqualTo(1);
        Matcher m = KERNEL_LINE.matcher(first.lines().get(0));
        assertThat(m.matches()).isTrue();
        double kernelSeconds = Double.parseDouble(m.group(1));
        // the contract's placement: wall = sent_at - (uptime_s - kernel_seconds)
        Instant wall = first.sentAt().minusNanos((long) ((envelope.get("uptime_s").asDouble() - kernelSeconds) * 1e9));
        Instant disconnected = recorder.of("1100000001", "log/events").stream().flatMap(r -> r.lines().stream())
                .map(EVENT_LINE::matcher).filter(Matcher::matches).filter(e -> e.group(3).startsWith("Mobile data disconnected"))
                .map(e -> LocalDateTime.parse(e.group(1), EVENTS_TIME).toInstant(ZoneOffset.UTC)).findFirst().orElseThrow();
        assertThat(Duration.between(wall, disconnected).abs()).isLessThan(Duration.ofSeconds(3));
        assertThat(wall).isAfter(fleet.simulatedStart()).isBefore(fleet.simulatedStart().plus(Duration.ofDays(1)));
    }

    @Test
    void goodRoutersStayQuiet() {
        for (String serial : List.of("1100000101", "1100000102", "1100000103")) {
            assertThat(recorder.of(serial, "log/kernel")).as(serial).isEmpty();
            assertThat(eventTexts(serial)).as(serial).noneMatch(e -> e.startsWith("Mobile data disconnected"));
            assertThat(recorder.of(serial, "status")).hasSizeGreaterThanOrEqualTo(24 * 6 - 1);
        }
    }

    @Test
    void statusIsShapedAsTheContractSays() {
        Received status = recorder.of("1100000101", "status").get(0);
        JsonNode json = status.json();
        assertThat(json.get("v").asInt()).isEqualTo(1);
        assertThat(status.sentAt()).isAfterOrEqualTo(fleet.simulatedStart());
        assertThat(json.at("/device/serial").asText()).isEqualTo("1100000101");
        assertThat(json.at("/device/name").asText()).isEqualTo("RUTX14");
        assertThat(json.at("/device/firmware").asText()).isEqualTo("RUTX_R_00.07.02.7");
        assertThat(json.at("/device/uptime_s").asLong()).isGreaterThan(86_400);
        assertThat(json.at("/modem/model").asText()).isEqualTo("EG12");
        assertThat(json.at("/modem/firmware").asText()).isEqualTo("EG12EAPAR01A12M4G");
        assertThat(json.at("/modem/usb_id").asText()).isEqualTo("1-1");
        assertThat(json.at("/modem/state").asText()).isEqualTo("connected");
        assertThat(json.at("/network/operator").asText()).isEqualTo("Telia");
        assertThat(json.at("/network/band").asText()).isNotBlank();
        assertThat(json.at("/signal/rsrp").asInt()).isBetween(-100, -70);
        assertThat(json.at("/signal/sinr").isNumber()).isTrue();
        assertThat(json.at("/signal/rsrq").isNumber()).isTrue();
        assertThat(json.at("/signal/rssi").isNumber()).isTrue();
    }

    @Test
    void poorSignalRoutersDropForRadioReasonsWithoutModemResets() {
        for (String serial : List.of("1100000201", "1100000202")) {
            assertThat(recorder.of(serial, "log/kernel")).as("no USB re-enumeration on " + serial).isEmpty();
            assertThat(eventTexts(serial)).contains("Mobile data disconnected (internal modem)", "Mobile data connected (internal modem)");
            assertThat(recorder.of(serial, "status")).map(Received::json)
                    .anySatisfy(s -> {
                        assertThat(s.at("/modem/state").asText()).isEqualTo("disconnected");
                        assertThat(s.at("/signal/rsrp").asInt()).isLessThan(-110);
                        assertThat(s.at("/signal/sinr").asDouble()).isLessThan(0);
                    });
        }
    }

    @Test
    void anOperatorOutageDisconnectsAllItsRoutersInTheSameMinutes() {
        for (String serial : List.of("1100000301", "1100000302", "1100000303", "1100000304")) {
            List<Instant> down = eventTimes(serial, "Mobile data disconnected");
            List<Instant> up = eventTimes(serial, "Mobile data connected");
            assertThat(down).as(serial).singleElement()
                    .satisfies(t -> assertThat(t).isBetween(OUTAGE, OUTAGE.plusSeconds(60)));
            assertThat(up).as(serial).singleElement()
                    .satisfies(t -> assertThat(t).isBetween(OUTAGE.plus(Duration.ofMinutes(30)), OUTAGE.plus(Duration.ofMinutes(31))));
            assertThat(recorder.of(serial, "log/kernel")).isEmpty();
        }
        assertThat(eventTimes("1100000101", "Mobile data disconnected")).as("Telia router untouched").isEmpty();
    }

    private static List<String> kernelTexts(String serial) {
        return recorder.of(serial, "log/kernel").stream().flatMap(r -> r.lines().stream()).map(line -> {
            Matcher m = KERNEL_LINE.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            return m.group(2);
        }).toList();
    }

    private static List<String> eventTexts(String serial) {
        return recorder.of(serial, "log/events").stream().flatMap(r -> r.lines().stream()).map(line -> {
            Matcher m = EVENT_LINE.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            return m.group(3);
        }).toList();
    }

    private static List<Instant> eventTimes(String serial, String prefix) {
        return recorder.of(serial, "log/events").stream().flatMap(r -> r.lines().stream())
                .map(EVENT_LINE::matcher).filter(Matcher::matches).filter(m -> m.group(3).startsWith(prefix))
                .map(m -> LocalDateTime.parse(m.group(1), EVENTS_TIME).toInstant(ZoneOffset.UTC)).toList();
    }
}
