package io.flapguard.telemetry.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.wire.DeadLetter;
import io.flapguard.wire.RejectReason;
import io.flapguard.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every reject reason of the contract → its dead letter, with reason, source topic, serial and payload. */
class RejectReasonsTest {
    static final String SERIAL = "1117759414";
    static final Instant RECEIVED = Instant.parse("2022-10-05T12:15:00Z");
    static final MessageTranslator LIVE = new MessageTranslator(TopicParser.defaults(), ClockPolicy.defaults());
    static final Set<RejectReason> SEEN = EnumSet.noneOf(RejectReason.class);

    static Stream<Arguments> rejects() {
        String log = "rutx/" + SERIAL + "/log/kernel";
        String status = "rutx/" + SERIAL + "/status";
        return Stream.of(
                Arguments.of(RejectReason.UNKNOWN_TOPIC, "rutx/" + SERIAL + "/log/messages", utf8("x"), SERIAL),
                Arguments.of(RejectReason.UNKNOWN_TOPIC, "router/" + SERIAL + "/imei", utf8("1"), SERIAL),
                Arguments.of(RejectReason.UNKNOWN_TOPIC, "other/thing", utf8("x"), "thing"),
                Arguments.of(RejectReason.UNKNOWN_TOPIC, "a/b/c/d/e/f/g", utf8("x"), "b"),
                Arguments.of(RejectReason.BAD_SERIAL, "rutx/bad.serial!/status", utf8("{\"v\":1}"), null),
                Arguments.of(RejectReason.BAD_SERIAL, "rutx/" + "9".repeat(65) + "/log/kernel", utf8("x"), null),
                Arguments.of(RejectReason.SERIAL_MISMATCH, status,
                        utf8("{\"v\":1,\"device\":{\"serial\":\"1117759415\"}}"), SERIAL),
                Arguments.of(RejectReason.SERIAL_MISMATCH, status, utf8("Serial number: 42\nOperator: DNA"), SERIAL),
                Arguments.of(RejectReason.SERIAL_MISMATCH, "teltonika/" + SERIAL + "/telemetry",
                        utf8("{\"gsm\":{\"serial\":\"1\"}}"), SERIAL),
                Arguments.of(RejectReason.NOT_UTF8, log, new byte[] {(byte) 0xC3, (byte) 0x28, 'a'}, SERIAL),
                Arguments.of(RejectReason.TOO_LARGE, log, utf8("a\n".repeat(40_000)), SERIAL),
                Arguments.of(RejectReason.TOO_MANY_LINES, log, utf8("line\n".repeat(1001)), SERIAL),
                Arguments.of(RejectReason.TOO_MANY_LINES, log,
                        utf8("{\"v\":1,\"lines\":[" + "\"a\",".repeat(1000) + "\"a\"]}"), SERIAL),
                Arguments.of(RejectReason.LINE_TOO_LONG, log, utf8("x".repeat(5000)), SERIAL),
                Arguments.of(RejectReason.MALFORMED_JSON, status, utf8("{\"v\":1,"), SERIAL),
                Arguments.of(RejectReason.MALFORMED_JSON, log, utf8("{\"v\":1,\"lines\":\"no\"}"), SERIAL),
                Arguments.of(RejectReason.MALFORMED_JSON, "teltonika/" + SERIAL + "/telemetry", utf8("[1,2]"),
                        SERIAL),
                Arguments.of(RejectReason.UNSUPPORTED_VERSION, status, utf8("{\"v\":2}"), SERIAL),
                Arguments.of(RejectReason.UNSUPPORTED_VERSION, log, utf8("{\"lines\":[]}"), SERIAL),
                // a value the router could not read only drops its field (UnreadableFieldsTest); these are no values
                Arguments.of(RejectReason.INVALID_VALUE, status,
                        utf8("{\"v\":1,\"device\":{\"name\":[\"RUTX14\"]}}"), SERIAL),
                Arguments.of(RejectReason.INVALID_VALUE, status, utf8("{\"v\":1,\"sent_at\":\"yesterday\"}"), SERIAL),
                Arguments.of(RejectReason.INVALID_VALUE, "router/" + SERIAL + "/operator", utf8("x".repeat(201)),
                        SERIAL),
                Arguments.of(RejectReason.INVALID_VALUE, status, utf8("just some words"), SERIAL),
                Arguments.of(RejectReason.INVALID_VALUE, log, utf8("\n\r\n"), SERIAL),
                Arguments.of(RejectReason.INVALID_VALUE, log, utf8("{\"v\":1,\"sent_at\":\"yesterday\",\"lines\":[]}"),
                        SERIAL));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rejects")
    void rejectBecomesItsDeadLetter(RejectReason reason, String topic, byte[] payload, String serial) {
        Translation t = LIVE.translate(topic, payload, RECEIVED);
        assertThat(t.records()).isEmpty();
        assertThat(t.deadLetters()).hasSize(1);
        DeadLetter d = t.deadLetters().get(0);
        assertThat(d.reason()).isEqualTo(reason);
        assertThat(d.sourceTopic()).isEqualTo(topic.length() > 300 ? topic.substring(0, 300) + "…" : topic);
        assertThat(d.serial()).isEqualTo(serial);
        assertThat(d.receivedAt()).isEqualTo(RECEIVED);
        assertThat(d.detail()).isNotBlank().doesNotContain("\n");
        assertThat(d.payloadBytes()).isEqualTo(reason == RejectReason.LINE_TOO_LONG ? 5000 : payload.length);
        assertThat(d.payload().length()).isLessThanOrEqualTo(DeadLetter.MAX_PAYLOAD_BYTES * 2);
        assertThat(WireCodec.decode(WireCodec.encode(d), DeadLetter.class)).isEqualTo(d);
        SEEN.add(reason);
    }

    @Test
    void anOverLongLineIsRefusedAloneAndItsNeighboursKept() {
        String payload = "[1.0] ok one\n" + "y".repeat(4097) + "\n[2.0] ok two\n";
        Translation t = LIVE.translate("rutx/" + SERIAL + "/log/kernel", utf8(payload), RECEIVED);
        assertThat(t.records()).hasSize(2);
        assertThat(t.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(RejectReason.LINE_TOO_LONG);
            assertThat(d.truncated()).isTrue();
        });
    }

    @AfterAll
    static void everyReasonIsCovered() {
        assertThat(SEEN).containsExactlyInAnyOrder(RejectReason.values());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
