package io.flapguard.telemetry.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.wire.EventKind;
import io.flapguard.wire.LogSource;
import io.flapguard.wire.RouterEvent;
import io.flapguard.wire.StatusSnapshot;
import io.flapguard.wire.TelemetryMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every line of the real fixtures → its expected event (table-driven), and the status text → its snapshot. */
class FixtureLinesTest {
    static final String SERIAL = "1117759414";
    static final Instant RECEIVED = Instant.parse("2022-10-05T12:15:00Z");
    static final MessageTranslator BACKFILL = new MessageTranslator(TopicParser.defaults(), ClockPolicy.backfillMode());

    /** kind, modem, usb device number, detail, from firmware, to firmware, wall time (null: not checked). */
    record Expect(EventKind kind, String modem, Integer usb, String detail, String from, String to, String time) {
        static Expect of(EventKind kind) {
            return new Expect(kind, null, null, null, null, null, null);
        }

        static Expect events(EventKind kind, String time, String detail) {
            return new Expect(kind, "internal", null, detail, null, null, time);
        }
    }

    static final List<Expect> DMESG = new ArrayList<>();

    static {
        DMESG.add(new Expect(EventKind.MODEM_USB_DISCONNECT, null, 5, "usb 1-1", null, null,
                "2022-10-05T12:14:16.492997Z"));
        for (int i = 1; i <= 8; i++) {
            DMESG.add(Expect.of(EventKind.UNCLASSIFIED));
        }
        DMESG.add(new Expect(EventKind.WWAN_UNREGISTERED, null, null, "wwan0", null, null, null));
        DMESG.add(new Expect(EventKind.MODEM_USB_ATTACH, null, 6, "usb 1-1", null, null,
                "2022-10-05T12:14:24.020711Z"));
        for (int i = 11; i <= 19; i++) {
            DMESG.add(Expect.of(EventKind.UNCLASSIFIED));
        }
        DMESG.add(new Expect(EventKind.WWAN_REGISTERED, null, null, "wwan0", null, null, null));
        DMESG.add(Expect.of(EventKind.UNCLASSIFIED));
    }

    static final List<Expect> EVENTS_OCT = List.of(
            Expect.events(EventKind.OPERATOR_CONNECTED, "2022-10-05T12:14:43Z", "DNA"),
            Expect.events(EventKind.NETWORK_JOINED, "2022-10-05T12:14:43Z", "FDD LTE"),
            Expect.events(EventKind.MOBILE_DATA_CONNECTED, "2022-10-05T12:14:43Z", null),
            Expect.events(EventKind.MOBILE_DATA_DISCONNECTED, "2022-10-05T12:14:28Z", null),
            Expect.events(EventKind.MOBILE_DATA_DISCONNECTED, "2022-10-05T12:13:22Z", null),
            Expect.events(EventKind.MOBILE_DATA_DISCONNECTED, "2022-10-05T12:13:16Z", null));

    static final List<Expect> EVENTS_DEC = List.of(
            Expect.events(EventKind.MOBILE_DATA_DISCONNECTED, "2022-12-21T10:53:46Z", null),
            Expect.events(EventKind.MOBILE_DATA_DISCONNECTED, "2022-12-21T10:53:00Z", null),
            Expect.events(EventKind.MOBILE_DATA_DISCONNECTED, "2022-12-21T10:48:24Z", null),
            Expect.events(EventKind.MOBILE_DATA_DISCONNECTED, "2022-12-21T10:48:14Z", null));

    static Stream<Arguments> fixtureLines() {
        return Stream.of(
                table("dmesg-usb-reenumeration.txt", LogSource.KERNEL, DMESG),
                table("webui-events-2022-10-05.txt", LogSource.EVENTS, EVENTS_OCT),
                table("webui-events-2022-12-21.txt", LogSource.EVENTS, EVENTS_DEC)).flatMap(s -> s);
    }

    private static Stream<Arguments> table(String file, LogSource source, List<Expect> expected) {
        List<String> lines = Fixtures.lines(file);
        assertThat(lines).as("every line of %s has an expectation", file).hasSize(expected.size());
        return IntStream.range(0, lines.size())
                .mapToObj(i -> Arguments.of(file + ":" + (i + 1), source, lines.get(i), expected.get(i)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtureLines")
    void fixtureLineBecomesItsEvent(String where, LogSource source, String line, Expect expect) {
        RouterEvent e = BACKFILL.event(SERIAL, source, line, kernelEnvelope(), RECEIVED);
        assertThat(e.kind()).isEqualTo(expect.kind());
        assertThat(e.modem()).isEqualTo(expect.modem());
        assertThat(e.usbDeviceNumber()).isEqualTo(expect.usb());
        assertThat(e.detail()).isEqualTo(expect.detail());
        assertThat(e.fromFirmware()).isEqualTo(expect.from());
        assertThat(e.toFirmware()).isEqualTo(expect.to());
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.clockFault()).isFalse();
        if (expect.time() != null) {
            assertThat(e.time()).isEqualTo(Instant.parse(expect.time()));
        }
        e.validate();
        // redelivery of the same line in the same envelope gives the same id
        assertThat(BACKFILL.event(SERIAL, source, line, kernelEnvelope(), RECEIVED.plusSeconds(99)).id())
                .isEqualTo(e.id());
    }

    /** The envelope the dmesg fixture would arrive in: sent 12:14:50 at uptime 422540.1 s. */
    static LogPayload kernelEnvelope() {
        return new LogPayload(List.of(), Instant.parse("2022-10-05T12:14:50Z"), 422_540_100_000L);
    }

    @Test
    void kernelEnvelopeOverMqttPlacesUptimeStampsOnTheWallClock() {
        String json = "{\"v\":1,\"sent_at\":\"2022-10-05T12:14:50Z\",\"uptime_s\":422540.1,\"lines\":"
                + toJsonArray(Fixtures.lines("dmesg-usb-reenumeration.txt")) + "}";
        Translation t = BACKFILL.translate("rutx/" + SERIAL + "/log/kernel", json.getBytes(StandardCharsets.UTF_8),
                RECEIVED);
        assertThat(t.deadLetters()).isEmpty();
        assertThat(t.records()).hasSize(22);
        assertThat(t.unclassified()).isEqualTo(18);
        RouterEvent first = (RouterEvent) t.records().get(0);
        assertThat(first.time()).isEqualTo(Instant.parse("2022-10-05T12:14:16.492997Z"));
        assertThat(t.records()).extracting(TelemetryMessage::id).doesNotHaveDuplicates();
    }

    @Test
    void plainKernelLinesWithoutEnvelopeArePlacedAtReceiptAndFlagged() {
        Translation t = BACKFILL.translate("rutx/" + SERIAL + "/log/kernel",
                Fixtures.text("dmesg-usb-reenumeration.txt").getBytes(StandardCharsets.UTF_8), RECEIVED);
        assertThat(t.records()).hasSize(22).allSatisfy(m -> {
            assertThat(m.time()).isEqualTo(RECEIVED);
            assertThat(((RouterEvent) m).clockFault()).isTrue();
        });
    }

    @Test
    void webuiStatusTextBecomesAFullSnapshot() {
        Translation t = BACKFILL.translate("rutx/" + SERIAL + "/status",
                Fixtures.text("webui-status-rutx14.txt").getBytes(StandardCharsets.UTF_8), RECEIVED);
        assertThat(t.deadLetters()).isEmpty();
        StatusSnapshot s = (StatusSnapshot) t.records().get(0);
        assertThat(s.format()).isEqualTo("webui-text");
        assertThat(s.partial()).isFalse();
        assertThat(s.routerModel()).isEqualTo("RUTX14");
        assertThat(s.productCode()).isEqualTo("RUTX1400XXXX");
        assertThat(s.routerFirmware()).isEqualTo("RUTX_R_00.07.02.8");
        assertThat(s.modemModel()).isEqualTo("EG12");
        assertThat(s.modemFirmware()).isEqualTo("EG12EAPAR01A09M4G");
        assertThat(s.operator()).isEqualTo("o2 - de");
        assertThat(s.networkState()).isEqualTo("registered (home)");
        assertThat(s.networkType()).isEqualTo("4G (FDD LTE); VoLTE");
        assertThat(s.band()).isEqualTo("LTE BAND 20");
        assertThat(s.rssi()).isEqualTo(-59);
        assertThat(s.rsrp()).isEqualTo(-85);
        assertThat(s.rsrq()).isEqualTo(-8.0);
        assertThat(s.sinr()).isEqualTo(12.3);
        assertThat(s.time()).isEqualTo(RECEIVED);
        assertThat(s.serial()).isEqualTo(SERIAL);
    }

    static String toJsonArray(List<String> lines) {
        StringBuilder sb = new StringBuilder("[");
        for (String l : lines) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(l.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append(']').toString();
    }
}
