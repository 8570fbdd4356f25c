package io.flapguard.updater.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.brokers.EmbeddedKafka;
import io.flapguard.updater.rollout.RolloutEngine;
import io.flapguard.updater.rollout.RolloutPolicy;
import io.flapguard.updater.rollout.RolloutRecord;
import io.flapguard.updater.rollout.RolloutState;
import io.flapguard.updater.testing.Commands;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.ResultStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operator decisions survive a restart: approvals, pauses and cancels are written as {@code rollout/<id>} records
 * on the compacted jobs topic (a real broker) and a fresh store + engine restores them.
 */
class RolloutStatePersistenceTest {
    static final String A = "EG12EAPAR01A12M4G";
    static final String B = "EG12EAPAR01A14M4G";
    @TempDir
    static Path temp;
    static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start(temp, 0);
    }

    @AfterAll
    static void stopKafka() {
        kafka.stop();
    }

    static RolloutEngine engine() {
        return new RolloutEngine(new RolloutPolicy(1, 2, 10, 1.0, 0.5, 2, Duration.ofMinutes(30), true, false,
                Optional.empty()), Clock.systemUTC());
    }

    @Test
    void approvalPauseAndCancelSurviveARestart() {
        RolloutEngine before = engine();
        try (KafkaJobStore store = new KafkaJobStore(Map.of("bootstrap.servers", kafka.bootstrapServers()), "jobs-persist")) {
            store.load();
            for (String serial : new String[] {"1500000001", "1500000002", "1500000003"}) {
                queue(store, before, Commands.command(serial, "EG12EAPAR01A09M4G", A));
            }
            queue(store, before, Commands.command("1500000009", "EG12EAPAR01A09M4G", B));
            assertThat(before.approve("rollout-" + A)).isTrue();
            store.saveRollout(before.snapshot("rollout-" + A).orElseThrow());
            assertThat(before.pause("rollout-" + A, "looking at the canary's logs")).isTrue();
            store.saveRollout(before.snapshot("rollout-" + A).orElseThrow());
            before.cancel("rollout-" + B);
            store.saveRollout(before.snapshot("rollout-" + B).orElseThrow());
        }

        RolloutEngine after = engine();
        try (KafkaJobStore store = new KafkaJobStore(Map.of("bootstrap.servers", kafka.bootstrapServers()), "jobs-persist")) {
            store.load().values().forEach(j -> after.restore(j.commandId(), j.command().serial(),
                    j.command().targetFirmware(), -1, j.status()));
            assertThat(store.rollouts()).containsOnlyKeys("rollout-" + A, "rollout-" + B);
            store.rollouts().values().forEach(after::restoreRollout);
        }
        RolloutRecord a = after.snapshot("rollout-" + A).orElseThrow();
        assertThat(a.state()).isEqualTo(RolloutState.PAUSED);
        assertThat(a.pausedReason()).isEqualTo("looking at the canary's logs");
        assertThat(a.approvedWaves()).containsExactly(0);
        assertThat(after.snapshot("rollout-" + B).orElseThrow().state()).isEqualTo(RolloutState.CANCELLED);
        assertThat(after.due()).as("paused and cancelled rollouts start nothing after the restart").isEmpty();
        // The approval given before the restart still counts: resuming starts the canary without a new approval.
        assertThat(after.resume("rollout-" + A)).isTrue();
        assertThat(after.due()).hasSize(1).allSatisfy(o -> assertThat(o.rolloutId()).isEqualTo("rollout-" + A));
    }

    private static void queue(KafkaJobStore store, RolloutEngine engine, RemediationCommand c) {
        store.save(new JobRecord(c.commandId(), c, null, -1, JobPhase.QUEUED, ResultStatus.QUEUED, null, null, false));
        engine.add(c.commandId(), c.serial(), c.targetFirmware());
    }
}
