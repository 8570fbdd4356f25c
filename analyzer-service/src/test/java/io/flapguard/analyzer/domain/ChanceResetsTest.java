package io.flapguard.analyzer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flapguard.analyzer.TestConfig;
import io.flapguard.analyzer.config.AnalyzerConfig;
import io.flapguard.wire.Cause;
import io.flapguard.wire.Cohort;
import org.junit.jupiter.api.Test;

/**
 * An implicated cohort speaks for a router only when the router's modem-side incidents stand out from the chance
 * resets its baseline shows: two resets in two days are a firmware signature where good firmware almost never
 * resets, and chance where it resets every few days.
 */
class ChanceResetsTest {
    static final long HOUR = 3_600_000L;
    static final long T0 = 1_780_000_000_000L;
    final AnalyzerConfig config = TestConfig.defaults();
    final CauseClassifier classifier = new CauseClassifier(config.cause(), new IncidentClassifier(config.cause()));

    @Test
    void twoModemResetsAreFirmwareWhereTheBaselineAlmostNeverResets() {
        assertThat(classify(router(true), implicatedCohort(1, 200)).cause()).isEqualTo(Cause.FIRMWARE);
        assertThat(classify(router(false), implicatedCohort(1, 200)).cause()).as("carried below the threshold")
                .isEqualTo(Cause.FIRMWARE);
    }

    @Test
    void twoModemResetsAreNotFirmwareWhereTheBaselineResetsEveryFewDays() {
        CauseClassifier.Classification flapping = classify(router(true), implicatedCohort(60, 200));
        assertThat(flapping.cause()).isEqualTo(Cause.UNKNOWN);
        assertThat(flapping.evidence().note()).contains("within what its baseline shows by chance");
        assertThat(classify(router(false), implicatedCohort(60, 200)).cause()).isEqualTo(Cause.NONE);
    }

    @Test
    void poissonUpperTail() {
        assertThat(CauseClassifier.poissonAtLeast(0, 0.4)).isEqualTo(1.0);
        assertThat(CauseClassifier.poissonAtLeast(1, 0.4)).isCloseTo(1 - Math.exp(-0.4), within(1e-12));
        assertThat(CauseClassifier.poissonAtLeast(2, 0.4)).isCloseTo(1 - Math.exp(-0.4) * 1.4, within(1e-12));
        assertThat(CauseClassifier.poissonAtLeast(3, 0.02)).isCloseTo(1.3e-6, within(1e-7));
    }

    private CauseClassifier.Classification classify(RouterState s, FleetFact.CohortFact cohort) {
        return classifier.classify(s, s.maxTime, s.flapping ? 3000 : 500, cohort, null);
    }

    /** Observed two days with a kernel log; the modem left the bus twice, 10 h apart; nothing else. */
    private static RouterState router(boolean flapping) {
        RouterState s = new RouterState();
        s.firstSeen = T0;
        s.maxTime = T0 + 48 * HOUR;
        s.kernelLog = true;
        s.flapping = flapping;
        for (long at : new long[] {T0 + 20 * HOUR, T0 + 30 * HOUR}) {
            int i = s.incidents.add(at, true, 120_000);
            s.incidents.classify(i, IncidentClass.MODEM);
        }
        return s;
    }

    /** Implicated; its baseline had {@code modemSide} modem-side incidents in {@code days} router-days. */
    private static FleetFact.CohortFact implicatedCohort(long modemSide, double days) {
        Cohort c = new Cohort("RUTX14", "RUTX_R_00.07.02.7", "EG12", "EG12EAPAR01A09M4G");
        return new FleetFact.CohortFact(c, 40, 20, 10, 2.0, modemSide + 10, days, 10.0, 5.0, 20.0, true, 6, 0.6, 0.3,
                0.8, 20, 1, 0.05, 0.2, 1e-5, "implicated", modemSide);
    }
}
