package io.flapguard.analyzer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.analyzer.TestConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class CohortAttributionTest {
    static final String BAD = "EG12EAPAR01A09M4G";
    static final String GOOD = "EG12EAPAR01A12M4G";
    private final CohortAttribution attribution = new CohortAttribution(TestConfig.defaults().attribution());

    static FleetUpdate summary(String serial, String modemFirmware, double days, int unexplained, boolean flapper) {
        return new FleetUpdate(FleetUpdate.Kind.MEMBER, serial, "RUTX14", "RUTX_R_00.07.02.7", "EG12", modemFirmware,
                null, 0, days, unexplained, unexplained, flapper);
    }

    /** Replaces each router's summary, as the fleet processor does with its members store. */
    private static final class Fleet {
        final ModelStats stats = new ModelStats();
        final java.util.Map<String, FleetUpdate> members = new java.util.HashMap<>();

        void report(FleetUpdate u) {
            stats.replace(members.get(u.memberKey()), u, 0.5, 200);
            members.put(u.memberKey(), u);
        }

        void routers(String prefix, String firmware, int n, int unexplained, boolean flapper) {
            for (int i = 0; i < n; i++) {
                report(summary(prefix + i, firmware, 2.0, unexplained, flapper));
            }
        }
    }

    private FleetFact.CohortFact cohortOf(Fleet fleet, String modemFirmware) {
        List<FleetFact.CohortFact> facts = attribution.cohorts("EG12", fleet.stats);
        return facts.stream().filter(f -> f.cohort().modemFirmware().equals(modemFirmware)).findFirst().orElseThrow();
    }

    @Test
    void aCohortWhereMostRoutersFlapIsImplicatedAndStaysSoAfterTheyAreFixed() {
        Fleet fleet = new Fleet();
        fleet.routers("bad", BAD, 12, 10, true);
        fleet.routers("good", GOOD, 10, 0, false);
        FleetFact.CohortFact bad = cohortOf(fleet, BAD);
        assertThat(bad.implicated()).as(bad.reason()).isTrue();
        assertThat(bad.flappers()).isEqualTo(12);
        assertThat(bad.pValue()).isLessThan(1e-5);

        // Ten were updated to the good firmware and stopped flapping there; their time on BAD still counts.
        for (int i = 0; i < 10; i++) {
            fleet.report(summary("bad" + i, GOOD, 1.0, 0, false));
        }
        assertThat(cohortOf(fleet, BAD).implicated()).isTrue();
        assertThat(cohortOf(fleet, GOOD).implicated()).isFalse();
    }

    @Test
    void aRedeliveredSummaryChangesNothing() {
        Fleet fleet = new Fleet();
        fleet.routers("bad", BAD, 5, 6, true);
        fleet.routers("good", GOOD, 20, 0, false);
        FleetFact.CohortFact once = cohortOf(fleet, BAD);
        fleet.routers("bad", BAD, 5, 6, true);
        fleet.routers("bad", BAD, 5, 6, true);
        assertThat(cohortOf(fleet, BAD)).isEqualTo(once);
    }

    @Test
    void aFewVeryBadRoutersNeitherFakeNorMaskACohort() {
        Fleet fleet = new Fleet();
        // Two routers with a hundred unexplained incidents each: the pooled rate soars, the share does not.
        fleet.routers("wild", BAD, 2, 100, true);
        fleet.routers("calm", BAD, 18, 0, false);
        fleet.routers("good", GOOD, 20, 1, false);
        FleetFact.CohortFact faked = cohortOf(fleet, BAD);
        assertThat(faked.rateRatio()).isGreaterThan(5);
        assertThat(faked.implicated()).as(faked.reason()).isFalse();

        // The reverse: a bad cohort where 8 of 10 flap, against a baseline with 3 very bad routers of 40.
        Fleet masked = new Fleet();
        masked.routers("bad", BAD, 8, 4, true);
        masked.routers("bad-ok", BAD, 2, 0, false);
        masked.routers("wild", GOOD, 3, 200, true);
        masked.routers("good", GOOD, 37, 0, false);
        FleetFact.CohortFact bad = cohortOf(masked, BAD);
        assertThat(bad.rateRatio()).as("the pooled rate is masked").isLessThan(1);
        assertThat(bad.implicated()).as(bad.reason()).isTrue();
    }

    @Test
    void routersNotObservedLongEnoughDoNotCount() {
        Fleet fleet = new Fleet();
        for (int i = 0; i < 6; i++) {
            fleet.report(summary("new" + i, BAD, 0.1, 2, true));
        }
        fleet.routers("good", GOOD, 20, 0, false);
        FleetFact.CohortFact bad = cohortOf(fleet, BAD);
        assertThat(bad.routers()).isZero();
        assertThat(bad.implicated()).isFalse();
    }

    @Test
    void fisherAndWilsonAgreeWithHandComputedValues() {
        // 3 of 3 against 0 of 20: exactly 1 / C(23, 3).
        assertThat(ShareTest.fisherUpperTail(3, 3, 0, 20)).isCloseTo(1.0 / 1771, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ShareTest.fisherUpperTail(0, 10, 5, 10)).isEqualTo(1.0);
        double[] w = ShareTest.wilson(12, 12);
        assertThat(w[0]).isCloseTo(0.7575, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(w[1]).isEqualTo(1.0);
        assertThat(ShareTest.logFactorial(30)).isCloseTo(74.65823634883016, org.assertj.core.data.Offset.offset(1e-9));
    }
}
