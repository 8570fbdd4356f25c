package io.flapguard.telemetry.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.flapguard.telemetry.parse.Fixtures;
import io.flapguard.wire.DataState;
import io.flapguard.wire.DeadLetter;
import io.flapguard.wire.EventKind;
import io.flapguard.wire.RejectReason;
import io.flapguard.wire.RouterEvent;
import io.flapguard.wire.StatusSnapshot;
import io.flapguard.wire.TelemetryMessage;
import io.flapguard.wire.Topics;
import io.flapguard.wire.WireCodec;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The real fixtures published over MQTT come out on Kafka as the expected records, keyed by serial. */
@QuarkusTest
class IngestFixturesTest {

    static String serial() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @Test
    void fixturesOverMqttBecomeRecordsKeyedBySerial() throws Exception {
        String serial = serial();
        try (TestPublisher router = new TestPublisher(); KafkaRecords telemetry = new KafkaRecords(Topics.TELEMETRY)) {
            router.publish("rutx/" + serial + "/log/kernel", Fixtures.text("dmesg-usb-reenumeration.txt"));
            router.publish("rutx/" + serial + "/log/events", Fixtures.text("webui-events-2022-10-05.txt"));
            for (String line : Fixtures.lines("webui-events-2022-12-21.txt")) {
                router.publish("rutx/" + serial + "/log/events", line); // one line per message, as logread -f sends
            }
            // the fixture names its router; published for our test serial (else: a serial mismatch)
            router.publish("rutx/" + serial + "/status",
                    Fixtures.text("webui-status-rutx14.txt").replace("1117759414", serial));
            router.publish("router/" + serial + "/signal", "-71");
            router.publish("teltonika/" + serial + "/telemetry", "{\"gsm\":{\"connstate\":\"connected\",\"rssi\":-60}}");

            int expected = 22 + 6 + 4 + 1 + 1 + 1;
            List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(60))
                    .until(() -> telemetry.poll(r -> serial.equals(r.key())), l -> l.size() >= expected);
            assertThat(telemetry.poll(r -> serial.equals(r.key()))).as("nothing beyond the expected").hasSize(expected);
            assertThat(records).hasSize(expected);
            List<TelemetryMessage> messages = records.stream()
                    .map(r -> WireCodec.decode(r.value(), TelemetryMessage.class)).toList();
            assertThat(messages).allSatisfy(m -> assertThat(m.serial()).isEqualTo(serial));
            Map<EventKind, Long> kinds = messages.stream().filter(m -> m instanceof RouterEvent)
                    .collect(Collectors.groupingBy(m -> ((RouterEvent) m).kind(), Collectors.counting()));
            assertThat(kinds).containsEntry(EventKind.MODEM_USB_DISCONNECT, 1L)
                    .containsEntry(EventKind.MODEM_USB_ATTACH, 1L)
                    .containsEntry(EventKind.WWAN_UNREGISTERED, 1L)
                    .containsEntry(EventKind.WWAN_REGISTERED, 1L)
                    .containsEntry(EventKind.MOBILE_DATA_DISCONNECTED, 7L)
                    .containsEntry(EventKind.MOBILE_DATA_CONNECTED, 1L)
                    .containsEntry(EventKind.NETWORK_JOINED, 1L)
                    .containsEntry(EventKind.OPERATOR_CONNECTED, 1L)
                    .containsEntry(EventKind.UNCLASSIFIED, 18L);
            List<StatusSnapshot> status = messages.stream().filter(m -> m instanceof StatusSnapshot)
                    .map(m -> (StatusSnapshot) m).toList();
            assertThat(status).extracting(StatusSnapshot::format)
                    .containsExactlyInAnyOrder("webui-text", "mqtt-publisher", "data-to-server");
            assertThat(status).filteredOn(s -> s.format().equals("webui-text")).singleElement()
                    .satisfies(s -> assertThat(s.modemFirmware()).isEqualTo("EG12EAPAR01A09M4G"));
        }
        given().get("/q/metrics").then()
                .body(containsString("flapguard_telemetry_lines_unclassified_total{source=\"kernel\"}"))
                .body(containsString("flapguard_telemetry_records_produced_total{kind=\"publisher\",type=\"telemetry\"}"));
    }

    @Test
    void modemStateLinesAndUnreadableStatusFieldsOverMqtt() throws Exception {
        String serial = serial();
        try (TestPublisher router = new TestPublisher(); KafkaRecords telemetry = new KafkaRecords(Topics.TELEMETRY);
                KafkaRecords dlq = new KafkaRecords(Topics.TELEMETRY_DLQ)) {
            router.publish("rutx/" + serial + "/log/kernel", """
                    [  12.345678] usb 1-1: New USB device found, idVendor=05c6, idProduct=9008, bcdDevice= 0.00
                    [   5.120000] usb 1-1: New USB device found, idVendor=2c7c, idProduct=0512, bcdDevice= 3.18""");
            router.publish("rutx/" + serial + "/log/syslog", "Wed Oct  5 12:14:28 2022 daemon.info gsmd[3553]: "
                    + "[__write:1300] warning: [CMM] Write to `1-1 [2c7c:6005]` modem failed: errno 5");
            router.publish("rutx/" + serial + "/log/events",
                    "2022-10-05 12:14:28  Mobile Data  Mobile data disconnected (IPv6, internal modem)");
            router.publish("rutx/" + serial + "/status", "{\"v\":1,\"modem\":{\"firmware\":\"EG12EAPAR01A09M4G\"},"
                    + "\"signal\":{\"rssi\":-97,\"rsrp\":\"N/A\",\"sinr\":\"ERROR: Couldn't retrieve data\"}}");
            router.publish("router/" + serial + "/connection", "Disconnected");

            List<TelemetryMessage> messages = await().atMost(Duration.ofSeconds(60))
                    .until(() -> telemetry.poll(r -> serial.equals(r.key())), l -> l.size() >= 6).stream()
                    .map(r -> WireCodec.decode(r.value(), TelemetryMessage.class)).toList();
            assertThat(messages).hasSize(6);
            assertThat(messages).filteredOn(m -> m instanceof RouterEvent).map(m -> (RouterEvent) m)
                    .extracting(RouterEvent::kind, RouterEvent::modem, RouterEvent::detail)
                    .containsExactlyInAnyOrder(tuple(EventKind.MODEM_DOWNLOAD_MODE, null, "05c6:9008"),
                            tuple(EventKind.UNCLASSIFIED, null, null),
                            tuple(EventKind.MODEM_UNRESPONSIVE, null, "1-1"),
                            tuple(EventKind.MOBILE_DATA_DISCONNECTED, "internal", null));
            List<StatusSnapshot> status = messages.stream().filter(m -> m instanceof StatusSnapshot)
                    .map(m -> (StatusSnapshot) m).toList();
            assertThat(status).filteredOn(s -> s.format().equals("agent-json")).singleElement().satisfies(s -> {
                assertThat(s.modemFirmware()).isEqualTo("EG12EAPAR01A09M4G");
                assertThat(s.rssi()).isEqualTo(-97);
                assertThat(s.rsrp()).isNull();
                assertThat(s.sinr()).isNull();
            });
            assertThat(status).filteredOn(s -> s.format().equals("mqtt-publisher")).singleElement()
                    .satisfies(s -> assertThat(s.dataState()).isEqualTo(DataState.DISCONNECTED));
            assertThat(dlq.poll(r -> serial.equals(r.key()))).as("nothing dead-lettered").isEmpty();
        }
        given().get("/q/metrics").then()
                .body(containsString("flapguard_telemetry_unreadable_fields_total{field=\"rsrp\",format=\"agent-json\"}"))
                .body(containsString("flapguard_telemetry_unreadable_fields_total{field=\"sinr\",format=\"agent-json\"}"));
    }

    @Test
    void refusedInputIsDeadLetteredAndTheStreamGoesOn() throws Exception {
        String serial = serial();
        try (TestPublisher router = new TestPublisher(); KafkaRecords dlq = new KafkaRecords(Topics.TELEMETRY_DLQ);
                KafkaRecords telemetry = new KafkaRecords(Topics.TELEMETRY)) {
            router.publish("rutx/" + serial + "/status", "{\"v\":1,\"device\":{\"serial\":\"1117759414\"}}");
            router.publish("rutx/" + serial + "/status", "{\"v\":7}");
            router.publish("rutx/" + serial + "/log/kernel", new byte[] {(byte) 0xff, (byte) 0xfe});
            router.publish("rutx/" + serial + "/log/dmesg", "x");
            router.publish("router/" + serial + "/imei", "123");
            router.publish("rutx/" + serial + "!/status", "{\"v\":1}");
            router.publish("rutx/" + serial + "/status", "{\"v\":1,");
            // and a good message after all of them
            router.publish("rutx/" + serial + "/log/events",
                    "2022-10-05 12:14:28  Mobile Data  Mobile data disconnected (internal modem)");

            List<DeadLetter> letters = await().atMost(Duration.ofSeconds(60))
                    .until(() -> dlq.poll(r -> r.value() != null).stream()
                            .map(r -> WireCodec.decode(r.value(), DeadLetter.class))
                            .filter(d -> d.sourceTopic().contains(serial)).toList(), l -> l.size() >= 7);
            assertThat(letters).extracting(DeadLetter::reason).containsExactlyInAnyOrder(
                    RejectReason.SERIAL_MISMATCH, RejectReason.UNSUPPORTED_VERSION, RejectReason.NOT_UTF8,
                    RejectReason.UNKNOWN_TOPIC, RejectReason.UNKNOWN_TOPIC, RejectReason.BAD_SERIAL,
                    RejectReason.MALFORMED_JSON);
            assertThat(letters).filteredOn(d -> d.reason() == RejectReason.NOT_UTF8).singleElement()
                    .satisfies(d -> assertThat(d.payloadEncoding()).isEqualTo("base64"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> telemetry.poll(r -> serial.equals(r.key())), l -> l.size() == 1);
        }
        given().get("/q/metrics").then()
                .body(containsString("flapguard_telemetry_messages_rejected_total{kind=\"status\",reason=\"serial_mismatch\"}"));
    }
}
