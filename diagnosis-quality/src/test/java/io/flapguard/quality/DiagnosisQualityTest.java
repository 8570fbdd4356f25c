package io.flapguard.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.quality.fleet.Fleet;
import io.flapguard.quality.fleet.FleetGenerator;
import io.flapguard.quality.fleet.FleetParams;
import io.flapguard.quality.fleet.TrueCause;
import io.flapguard.quality.run.QualityRun;
import io.flapguard.quality.run.RunResult;
import io.flapguard.quality.score.QualityScore;
import io.flapguard.wire.Diagnosis;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The issue's targets (#10) on three fixed seeds of generated fleets, as a regression guard: seeds on which the
 * analyzer meets every target today (the sweep in docs/diagnosis-quality.md reports every seed, met or not).
 */
class DiagnosisQualityTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 12, 13})
    void meetsTheTargetsOfIssue10(long seed) {
        QualityScore score = QualityScore.of(QualityRun.run(FleetGenerator.generate(seed)));
        System.out.println(score.table());
        assertThat(score.missedTargets()).isEmpty();
    }

    /**
     * Seed 15: resets on 28 % of its routers at 0.15 a day. Its routers on the bad firmware that do not flap, with two
     * chance resets and some isolated drops, got commands (one a true NONE, one POWER) until the cohort spoke for a
     * router only when its modem-side incidents stand out from the baseline's. What remains is its faulty modem on
     * the bad firmware, whose resets look like a slow flapper's (docs/diagnosis-quality.md).
     */
    @Test
    void routersOfABadCohortWithChanceModemResetsGetNoCommand() {
        QualityScore score = QualityScore.of(QualityRun.run(FleetGenerator.generate(15)));
        System.out.println(score.table());
        assertThat(score.forbiddenCommands()).isZero();
        assertThat(score.falsePositives()).doesNotContainKey(TrueCause.NONE.name());
        assertThat(score.recall()).isEqualTo(1.0);
        assertThat(score.falsePositives().keySet()).containsOnly(TrueCause.MODEM_HARDWARE.name());
    }

    @Test
    void theSameFleetTwiceGivesTheSameCommandsAndDiagnoses() {
        // seed 1's proportions on 60 routers over 4 days: the same code paths in a quarter of the time
        FleetParams params = FleetParams.draw(1).resized(60, 4);
        Fleet fleet = FleetGenerator.generate(params);
        RunResult a = QualityRun.run(fleet);
        RunResult b = QualityRun.run(FleetGenerator.generate(params));
        assertThat(a.commands()).isNotEmpty();
        assertThat(commands(b)).isEqualTo(commands(a));
        assertThat(finalDiagnoses(b)).isEqualTo(finalDiagnoses(a));
        assertThat(b.diagnoses()).hasSameSizeAs(a.diagnoses());
        assertThat(a.deadLetterCount()).isEqualTo(fleet.intendedDeadLetters());
    }

    private static List<String> commands(RunResult r) {
        return r.commands().stream().map(RunResult.Issued::value)
                .map(c -> c.serial() + " " + c.commandId() + " " + c.targetFirmware() + " " + c.issuedAt())
                .sorted().toList();
    }

    private static Map<String, String> finalDiagnoses(RunResult r) {
        Map<String, String> last = new TreeMap<>();
        for (RunResult.Issued<Diagnosis> d : r.diagnoses()) {
            Diagnosis x = d.value();
            last.put(x.serial(), x.state() + " " + x.cause() + " " + x.confidence() + " " + x.at());
        }
        return last;
    }
}
