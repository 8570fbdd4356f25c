package io.flapguard.updater.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flapguard.updater.rollout.RolloutRecord;
import io.flapguard.updater.rollout.RolloutState;
import io.flapguard.updater.testing.Commands;
import io.flapguard.wire.FailureKind;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.RemediationResult;
import io.flapguard.wire.ResultStatus;
import io.flapguard.wire.WireCodec;
import io.flapguard.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The jobs topic's record format: versioned envelopes written, and values written before the envelope still read. */
class JobTopicFormatTest {
    static final String TARGET = "EG12EAPAR01A12M4G";
    final RemediationCommand command = Commands.command("1500000301", "EG12EAPAR01A09M4G", TARGET);

    @Test
    void aJobIsWrittenInAVersionedEnvelopeAndReadBackUnchanged() throws Exception {
        Instant t = Instant.parse("2026-01-02T03:04:05Z");
        JobRecord job = JobRecord.queued(command).inWave("rollout-" + TARGET, 0).starting(t)
                .retrying(new Attempt(1, t, t.plusSeconds(9), "FAILED", FailureKind.RECOVERABLE, "connect", "refused"),
                        t.plusSeconds(60))
                .sending(new RemediationResult(1, command.commandId(), command.serial(), ResultStatus.QUEUED, "connect",
                        null, "refused", TARGET, null, "rollout-" + TARGET, 0, t, 1, FailureKind.RECOVERABLE));

        byte[] stored = JobTopicFormat.encode(job);

        var tree = WireCodec.mapper().readTree(stored);
        assertThat(tree.get("v").asInt()).isEqualTo(JobTopicFormat.VERSION);
        assertThat(tree.get("job").get("commandId").asText()).isEqualTo(command.commandId());
        assertThat(JobTopicFormat.decodeJob(stored)).isEqualTo(job);
    }

    @Test
    void aJobWrittenInTodaysBareFormatIsStillRead() {
        // exactly what KafkaJobStore wrote before the envelope: the bare record, every field, no "v"
        String old = "{\"commandId\":\"" + command.commandId() + "\",\"command\":" + WireCodec.encodeToString(command)
                + ",\"rolloutId\":\"rollout-" + TARGET + "\",\"wave\":0,\"phase\":\"FLASHING\",\"status\":\"IN_PROGRESS\","
                + "\"step\":\"update\",\"reason\":null,\"attention\":false,\"attempt\":2,"
                + "\"firstAttemptAt\":\"2026-01-02T03:04:05Z\",\"retryAt\":null,\"attempts\":[{\"number\":1,"
                + "\"startedAt\":\"2026-01-02T03:04:05Z\",\"endedAt\":\"2026-01-02T03:04:14Z\",\"status\":\"FAILED\","
                + "\"failureKind\":\"RECOVERABLE\",\"step\":\"connect\",\"reason\":\"refused\"}],\"outbox\":[]}";

        JobRecord job = JobTopicFormat.decodeJob(old.getBytes(StandardCharsets.UTF_8));

        assertThat(job.command()).isEqualTo(command);
        assertThat(job.phase()).isEqualTo(JobPhase.FLASHING);
        assertThat(job.wave()).isZero();
        assertThat(job.currentAttempt()).isEqualTo(2);
        assertThat(job.attempts()).singleElement().extracting(Attempt::failureKind).isEqualTo(FailureKind.RECOVERABLE);
    }

    @Test
    void aJobFromBeforeRetriesAndARolloutInTodaysFormatAreStillRead() {
        String oldJob = "{\"commandId\":\"" + command.commandId() + "\",\"command\":" + WireCodec.encodeToString(command)
                + ",\"rolloutId\":null,\"wave\":-1,\"phase\":\"DONE\",\"status\":\"SUCCEEDED\",\"step\":\"confirm\","
                + "\"reason\":null,\"attention\":false}";
        String oldRollout = "{\"rolloutId\":\"rollout-" + TARGET + "\",\"targetFirmware\":\"" + TARGET + "\","
                + "\"state\":\"PAUSED\",\"pausedReason\":\"freeze\",\"approvedWaves\":[0,1],\"waveCount\":2}";

        assertThat(JobTopicFormat.decodeJob(oldJob.getBytes(StandardCharsets.UTF_8)).currentAttempt()).isEqualTo(1);
        assertThat(JobTopicFormat.decodeRollout(oldRollout.getBytes(StandardCharsets.UTF_8))).isEqualTo(
                new RolloutRecord("rollout-" + TARGET, TARGET, RolloutState.PAUSED, "freeze", Set.of(0, 1), 2, false));
    }

    @Test
    void aRolloutRoundTripsAndUnknownVersionsOrShapesAreRefused() {
        RolloutRecord rollout = new RolloutRecord("rollout-" + TARGET, TARGET, RolloutState.CANCELLED, null, Set.of(),
                0, false);
        assertThat(JobTopicFormat.decodeRollout(JobTopicFormat.encode(rollout))).isEqualTo(rollout);

        assertThatThrownBy(() -> JobTopicFormat.decodeJob("{\"v\":7,\"job\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("version 7");
        // a rollout where a job belongs (and the other way round) is not mistaken for one
        assertThatThrownBy(() -> JobTopicFormat.decodeJob(JobTopicFormat.encode(rollout)))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("'job'");
        assertThatThrownBy(() -> JobTopicFormat.decodeRollout(JobTopicFormat.encode(JobRecord.queued(command))))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("'rollout'");
        assertThatThrownBy(() -> JobTopicFormat.decodeJob("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(WireFormatException.class);
    }
}
