package io.flapguard.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WireCodecTest {
    static final Instant T = Instant.parse("2022-10-05T12:14:28Z");
    static final Cohort COHORT = new Cohort("RUTX14", "RUTX_R_00.07.02.7", "EG12", "EG12EAPAR01A09M4G");

    static RouterEvent event() {
        return new RouterEvent(1, StableId.of("1117759414", "events", "x"), "1117759414", LogSource.EVENTS,
                EventKind.MOBILE_DATA_DISCONNECTED, T, T.plusSeconds(2), false, "internal", null, null, null, null,
                "2022-10-05 12:14:28  Mobile Data  Mobile data disconnected (internal modem)");
    }

    static StatusSnapshot status() {
        return StatusSnapshot.builder().id("s1").serial("1117759414").time(T).receivedAt(T).format("agent-json")
                .routerModel("RUTX14").routerFirmware("RUTX_R_00.07.02.8").modemModel("EG12")
                .modemFirmware("EG12EAPAR01A09M4G").operator("o2 - de").dataState(DataState.CONNECTED)
                .rssi(-59).rsrp(-85).rsrq(-8.0).sinr(12.3).uptimeSeconds(422540L).build();
    }

    static Stream<Arguments> everyRecord() {
        String cmdId = RemediationCommand.idFor("1117759414", "EG12EAPAR01A12M4G");
        return Stream.of(
                Arguments.of(event(), TelemetryMessage.class),
                Arguments.of(status(), TelemetryMessage.class),
                Arguments.of(DeadLetter.of(RejectReason.SERIAL_MISMATCH, "payload serial 1 differs from topic",
                        "rutx/1117759414/status", "1117759414", T, "{\"v\":1}".getBytes(StandardCharsets.UTF_8)),
                        DeadLetter.class),
                Arguments.of(new Diagnosis(1, "1117759414", FlapState.FLAPPING, Cause.FIRMWARE, 0.9, COHORT,
                        new Evidence(7, T, T.plusSeconds(3600), 2400.0, 12, -85.0, 12.3, -8.0, 6.1, 3.2, 11.7, 40,
                                0.1, 5.2, T.minusSeconds(86400), "o2 - de", 1, "cohort flaps 6x others",
                                "cohort share + modem-side incidents", 6, 1, 0, 0, 0, true, true, 12, 12, 1, 20,
                                1.0e-6), T),
                        Diagnosis.class),
                Arguments.of(new RemediationCommand(1, cmdId, "1117759414",
                        RemediationCommand.Action.MODEM_FIRMWARE_UPDATE, "EG12", "EG12EAPAR01A09M4G",
                        "EG12EAPAR01A12M4G", COHORT, "known bad firmware", 0.9, T), RemediationCommand.class),
                Arguments.of(new RemediationResult(1, cmdId, "1117759414", ResultStatus.IN_PROGRESS, "update", 37,
                        null, "EG12EAPAR01A12M4G", "EG12EAPAR01A09M4G", "r-1", 0, T), RemediationResult.class),
                Arguments.of(new RemediationResult(1, cmdId, "1117759414", ResultStatus.QUEUED, "connect", null,
                        "connection refused; attempt 3 at 2025-01-01T00:05:00Z", "EG12EAPAR01A12M4G", null, "r-1", 0, T,
                        2, FailureKind.RECOVERABLE), RemediationResult.class),
                Arguments.of(AuditRecord.of(T, "maria", "updater-service", "rollout.resume", "rollout-x",
                        "canary fixed", 204, null), AuditRecord.class));
    }

    @ParameterizedTest
    @MethodSource("everyRecord")
    void everyRecordRoundTripsWithItsSchemaVersion(WireMessage message, Class<? extends WireMessage> type) {
        String json = WireCodec.encodeToString(message);
        assertThat(json).contains("\"v\":1");
        assertThat(WireCodec.decode(json, type)).isEqualTo(message);
    }

    @Test
    void aResultWithoutAttemptAndFailureKindStillDecodesAndOldFieldsKeepTheirNames() {
        String cmdId = RemediationCommand.idFor("1117759414", "EG12EAPAR01A12M4G");
        String old = "{\"v\":1,\"commandId\":\"" + cmdId + "\",\"serial\":\"1117759414\",\"status\":\"FAILED\","
                + "\"step\":\"connect\",\"at\":\"2025-01-01T00:00:00Z\"}";
        RemediationResult read = WireCodec.decode(old, RemediationResult.class);
        assertThat(read.attempt()).isNull();
        assertThat(read.failureKind()).isNull();
        String written = WireCodec.encodeToString(new RemediationResult(1, cmdId, "1117759414", ResultStatus.FAILED,
                "update", null, "mute", "EG12EAPAR01A12M4G", null, null, null, T, 1, FailureKind.FAILED_AFTER_FLASH));
        assertThat(written).contains("\"status\":\"FAILED\"", "\"attempt\":1", "\"failureKind\":\"FAILED_AFTER_FLASH\"");
        assertThatThrownBy(() -> WireCodec.decode(written.replace("\"attempt\":1", "\"attempt\":0"), RemediationResult.class))
                .hasMessageContaining("attempt");
    }

    @Test
    void telemetryCarriesItsTypeSoEventsAndSnapshotsAreToldApart() {
        assertThat(WireCodec.encodeToString(event())).contains("\"type\":\"event\"");
        assertThat(WireCodec.encodeToString(status())).contains("\"type\":\"status\"");
        assertThat(WireCodec.decode(WireCodec.encode(status()), TelemetryMessage.class))
                .isInstanceOf(StatusSnapshot.class);
    }

    @Test
    void timesAreIsoStrings() {
        assertThat(WireCodec.encodeToString(event())).contains("\"time\":\"2022-10-05T12:14:28Z\"");
    }

    @Test
    void unknownFieldsAreIgnoredForCompatibleEvolution() {
        String json = WireCodec.encodeToString(status()).replace("{", "{\"futureField\":42,");
        assertThat(WireCodec.decode(json, TelemetryMessage.class)).isEqualTo(status());
    }

    static Stream<Arguments> badJson() {
        return Stream.of(
                Arguments.of("{not json", "malformed JSON"),
                Arguments.of("", "empty message"),
                Arguments.of("[1,2]", "expected a JSON object"),
                Arguments.of("{\"commandId\":\"c\"}", "field 'v' (schema version) is missing"),
                Arguments.of("{\"v\":2,\"commandId\":\"c\"}", "schema version 2 is not supported (this build reads v1)"),
                Arguments.of("{\"v\":\"one\"}", "field 'v' (schema version) is missing or not a number"),
                Arguments.of("{\"v\":1,\"serial\":\"1117759414\",\"status\":\"SUCCEEDED\",\"at\":\"2022-10-05T12:14:28Z\"}",
                        "field 'commandId' is required"),
                Arguments.of("{\"v\":1,\"commandId\":\"c\",\"serial\":\"../../etc\",\"status\":\"SUCCEEDED\","
                        + "\"at\":\"2022-10-05T12:14:28Z\"}", "serial '../../etc' does not match"),
                Arguments.of("{\"v\":1,\"commandId\":\"c\",\"serial\":\"1\",\"status\":\"EXPLODED\","
                        + "\"at\":\"2022-10-05T12:14:28Z\"}", "field 'status' has the wrong type or value"),
                Arguments.of("{\"v\":1,\"commandId\":\"c\",\"serial\":\"1\",\"status\":\"FAILED\","
                        + "\"at\":\"yesterday\"}", "field 'at' has the wrong type or value"),
                Arguments.of("{\"v\":1,\"commandId\":\"c\",\"serial\":\"1\",\"status\":\"FAILED\",\"percent\":140,"
                        + "\"at\":\"2022-10-05T12:14:28Z\"}", "field 'percent' value 140 is outside"));
    }

    @ParameterizedTest
    @MethodSource("badJson")
    void badInputIsRejectedWithOneClearLine(String json, String expected) {
        assertThatThrownBy(() -> WireCodec.decode(json, RemediationResult.class))
                .isInstanceOf(WireFormatException.class)
                .hasMessageStartingWith("RemediationResult: ")
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("at com.fasterxml"));
    }

    @Test
    void unknownTelemetryTypeIsRejected() {
        assertThatThrownBy(() -> WireCodec.decode("{\"v\":1,\"type\":\"gossip\"}", TelemetryMessage.class))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("unknown or missing 'type' (gossip)");
    }

    @Test
    void commandsRefuseFirmwareThatCouldCarryShellSyntax() {
        RemediationCommand hostile = new RemediationCommand(1, RemediationCommand.idFor("1117759414", "x"), "1117759414",
                RemediationCommand.Action.MODEM_FIRMWARE_UPDATE, "EG12", null, "EG12EAPAR01A12M4G; reboot", COHORT,
                "x", 0.5, T);
        assertThatThrownBy(() -> WireCodec.encode(hostile)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("targetFirmware");
    }

    @Test
    void auditRecordsKeepCallerTextToOneShortLineAndNameTheirOutcome() {
        AuditRecord r = AuditRecord.of(T, "eve", "updater-service", "rollout.pause", "r-1\nINFO forged line",
                "x".repeat(2000), 403, "forbidden\r\n");
        assertThat(r.target()).isEqualTo("r-1 INFO forged line");
        assertThat(r.reason()).hasSize(AuditRecord.MAX_TEXT + 1);
        assertThat(r.detail()).doesNotContain("\n", "\r");
        assertThat(r.outcome()).isEqualTo(AuditRecord.Outcome.REFUSED);
        assertThat(AuditRecord.Outcome.ofStatus(400)).isEqualTo(AuditRecord.Outcome.REJECTED);
        assertThat(AuditRecord.Outcome.ofStatus(204)).isEqualTo(AuditRecord.Outcome.ACCEPTED);
        assertThatThrownBy(() -> WireCodec.decode("{\"v\":1,\"id\":\"a\",\"at\":\"2025-01-01T00:00:00Z\","
                + "\"action\":\"rollout.pause\",\"outcome\":\"REFUSED\",\"status\":403}", AuditRecord.class))
                .hasMessage("AuditRecord: field 'who' is required");
    }

    @Test
    void commandIdIsStablePerRouterAndTarget() {
        assertThat(RemediationCommand.idFor("1117759414", "EG12EAPAR01A12M4G"))
                .isEqualTo(RemediationCommand.idFor("1117759414", "EG12EAPAR01A12M4G"))
                .isNotEqualTo(RemediationCommand.idFor("1117759415", "EG12EAPAR01A12M4G"))
                .isNotEqualTo(RemediationCommand.idFor("1117759414", "EG12EAPAR01A14M4G"));
        assertThat(StableId.of("ab", "c")).isNotEqualTo(StableId.of("a", "bc"));
    }

    @Test
    void deadLettersTruncateAndEncodeBinaryPayloads() {
        byte[] big = "x".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        DeadLetter d = DeadLetter.of(RejectReason.TOO_LARGE, "too big", "rutx/1/log/kernel", "1", T, big);
        assertThat(d.truncated()).isTrue();
        assertThat(d.payloadBytes()).isEqualTo(10_000);
        assertThat(d.payload()).hasSize(DeadLetter.MAX_PAYLOAD_BYTES);

        DeadLetter bin = DeadLetter.of(RejectReason.NOT_UTF8, "not UTF-8", "rutx/1/log/kernel", "bad serial!", T,
                new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        assertThat(bin.payloadEncoding()).isEqualTo("base64");
        assertThat(bin.payload()).isEqualTo("//5B");
        assertThat(bin.serial()).isNull();
        assertThat(WireCodec.decode(WireCodec.encode(bin), DeadLetter.class)).isEqualTo(bin);
    }

    @Test
    void kafkaSerdeWrapsContractErrorsInSerializationException() {
        WireSerde<Diagnosis> serde = WireSerde.of(Diagnosis.class);
        assertThatThrownBy(() -> serde.deserializer().deserialize("fleet.diagnoses.v1",
                "{\"v\":9}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessage("fleet.diagnoses.v1: Diagnosis: schema version 9 is not supported (this build reads v1)");
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void firmwareNamesExposeTheirModulePrefix() {
        assertThat(FirmwareVersion.modulePrefix("EG12EAPAR01A12M4G")).isEqualTo("EG12EAPA");
        assertThat(FirmwareVersion.isValid("EG12EAPAR01A12M4G")).isTrue();
        assertThat(FirmwareVersion.isValid("$(reboot)")).isFalse();
        assertThat(FirmwareVersion.isValid("EG12EAPAR01A12M4G\nreboot")).isFalse();
    }
}
