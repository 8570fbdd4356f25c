package io.flapguard.quality.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.quality.fleet.Fleet;
import io.flapguard.quality.fleet.FleetParams;
import io.flapguard.quality.fleet.ModemFamily;
import io.flapguard.quality.fleet.RouterTruth;
import io.flapguard.quality.fleet.TrueCause;
import io.flapguard.quality.run.RunResult;
import io.flapguard.wire.Cause;
import io.flapguard.wire.Cohort;
import io.flapguard.wire.Diagnosis;
import io.flapguard.wire.FlapState;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.WireMessage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scorer's definitions on a hand-made fleet of six routers. */
class QualityScoreTest {
    private static final long H = 3_600_000L;
    private static final List<String> CATALOG = List.of("EG12:EG12EAPAR01A09M4G=EG12EAPAR01A12M4G");

    private static RouterTruth truth(String serial, TrueCause cause, ModemFamily f, boolean agent, long fixAt,
            Long... incidents) {
        return new RouterTruth(serial, cause, f, "RUTX14", agent, false, true, List.of(incidents), List.of(incidents),
                fixAt, "test");
    }

    private static RunResult.Issued<RemediationCommand> command(String serial, String target, long at) {
        return new RunResult.Issued<>(new RemediationCommand(WireMessage.SCHEMA_VERSION, "cmd-" + serial, serial,
                RemediationCommand.Action.MODEM_FIRMWARE_UPDATE, "EG12", "EG12EAPAR01A09M4G", target, null, "test",
                0.9, Instant.ofEpochMilli(at)), at);
    }

    private static RunResult.Issued<Diagnosis> diagnosis(String serial, FlapState state, Cause cause, long at) {
        return new RunResult.Issued<>(new Diagnosis(WireMessage.SCHEMA_VERSION, serial, state, cause, 0.9,
                new Cohort(null, null, null, null), null, Instant.ofEpochMilli(at)), at);
    }

    private static QualityScore score() {
        Map<String, RouterTruth> truth = new LinkedHashMap<>();
        truth.put("1000000001", truth("1000000001", TrueCause.FIRMWARE, ModemFamily.EG12, true, -1, 0L, H, 2 * H, 3 * H));
        truth.put("1000000002", truth("1000000002", TrueCause.FIRMWARE, ModemFamily.EG12, false, -1, 0L, 10 * H,
                20 * H, 30 * H, 40 * H));
        truth.put("1000000003", truth("1000000003", TrueCause.FIRMWARE, ModemFamily.EG06, true, -1, 0L, H, 2 * H));
        truth.put("1000000004", truth("1000000004", TrueCause.RADIO, ModemFamily.EG12, true, -1));
        truth.put("1000000005", truth("1000000005", TrueCause.FIRMWARE, ModemFamily.EG12, true, 5 * H, 0L, H, 2 * H));
        truth.put("1000000006", truth("1000000006", TrueCause.FIRMWARE, ModemFamily.EG12, true, -1, 0L, H, 2 * H));
        // agent-less, flapped five times, but only one Data to Server record was taken during a flap
        truth.put("1000000007", new RouterTruth("1000000007", TrueCause.FIRMWARE, ModemFamily.EG12, "RUTX14", false,
                false, true, List.of(0L, H, 2 * H, 3 * H, 4 * H), List.of(2 * H), -1, "test"));
        Fleet fleet = new Fleet(FleetParams.draw(1), Instant.EPOCH, Instant.EPOCH.plusSeconds(86_400), List.of(), truth,
                Map.of(), 0);
        List<RunResult.Issued<RemediationCommand>> commands = List.of(
                command("1000000001", "EG12EAPAR01A12M4G", 2 * H + 1),
                command("1000000004", "EG12EAPAR01A12M4G", 3 * H),
                command("1000000005", "EG12EAPAR01A12M4G", 6 * H),
                command("1000000001", "EG12EAPAR01A12M4G", 9 * H)); // a repeat counts once
        List<RunResult.Issued<Diagnosis>> diagnoses = List.of(
                diagnosis("1000000001", FlapState.FLAPPING, Cause.FIRMWARE, H),
                diagnosis("1000000001", FlapState.FLAPPING, Cause.UNKNOWN, 7 * H), // after its flash: not counted
                diagnosis("1000000001", FlapState.STABLE, Cause.NONE, 8 * H),
                diagnosis("1000000002", FlapState.FLAPPING, Cause.UNKNOWN, H),
                diagnosis("1000000004", FlapState.FLAPPING, Cause.RADIO, H),
                diagnosis("1000000006", FlapState.FLAPPING, Cause.RADIO, H));
        return QualityScore.of(new RunResult(fleet, commands, diagnoses, Map.of(), 0, 0,
                Map.of("1000000001", 6 * H), CATALOG, false, 0));
    }

    @Test
    void precisionCountsCommandsToTrulyFirmwareRoutersNotFixedBefore() {
        QualityScore s = score();
        // commanded: 1 (TP), 4 (radio), 5 (fixed by someone else before the command)
        assertThat(s.precision()).isEqualTo(1.0 / 3);
        assertThat(s.falsePositives()).containsOnlyKeys("RADIO", "FIRMWARE_ALREADY_FIXED");
        assertThat(s.forbiddenCommands()).isEqualTo(2);
    }

    @Test
    void recallCountsFlappingRoutersWhoseFamilyTheCatalogKnows() {
        QualityScore s = score();
        // eligible: 1, 2, 6 (EG12, >= 3 incidents, not fixed); 3 is EG06 (no catalog entry), 5 was fixed
        assertThat(s.recall()).isEqualTo(1.0 / 3);
        assertThat(s.family(ModemFamily.EG06).recall()).isNaN();
        assertThat(s.table()).contains("EG06");
    }

    @Test
    void aRouterWhosePublishedDataShowsTooFewFlapsIsNoMiss() {
        QualityScore s = score();
        // 7 flapped five times, its data shows one: neither in recall nor in agent-less detection, but reported
        assertThat(s.recall()).isEqualTo(1.0 / 3);
        assertThat(s.agentlessRecall()).isEqualTo(0.0); // only router 2 counts
        assertThat(s.invisibleFirmwareRouters()).isEqualTo(1);
        assertThat(s.table()).contains("1 more flapped but their data shows fewer than 3 flaps");
    }

    @Test
    void timeToCommandInHoursAndIncidents() {
        QualityScore s = score();
        assertThat(s.hoursToCommand()).containsExactly(2.0 + 1.0 / H);
        assertThat(s.incidentsToCommand()).containsExactly(3.0);
    }

    @Test
    void agentlessDetectionAndConfusionUseTheLastFlappingDiagnosis() {
        QualityScore s = score();
        assertThat(s.agentlessRecall()).isEqualTo(0.0); // router 2 was only ever UNKNOWN
        // 1: last FLAPPING diagnosis before its flash FIRMWARE; 2: UNKNOWN; 3, 5 and 7: never flapping; 6: RADIO
        assertThat(s.confusionRow(TrueCause.FIRMWARE)).containsOnly(Map.entry("FIRMWARE", 1), Map.entry("UNKNOWN", 1),
                Map.entry("NONE", 3), Map.entry("RADIO", 1));
    }
}
