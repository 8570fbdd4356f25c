package io.flapguard.analyzer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.analyzer.TestConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class CohortAttributionTest {
    static final String BAD = "EG12EAPAR01A09M4G";
    static final String GOOD = "EG12EAPAR01A12M4G";

    static void add(ModelStats stats, FleetUpdate.Kind kind, String modemFirmware, int times) {
        for (int i = 0; i < times; i++) {
            stats.apply(new FleetUpdate(kind, "RUTX14", "RUTX_R_00.07.02.7", "EG12", modemFirmware, null, 0));
        }
    }

    static FleetFact.CohortFact cohortOf(List<FleetFact.CohortFact> facts, String modemFirmware) {
        return facts.stream().filter(f -> f.cohort().modemFirmware().equals(modemFirmware)).findFirst().orElseThrow();
    }

    @Test
    void aBadCohortStaysImplicatedAfterMostOfItsRoutersWereFixed() {
        ModelStats stats = new ModelStats();
        add(stats, FleetUpdate.Kind.JOIN, BAD, 12);
        add(stats, FleetUpdate.Kind.ROUTER_DAY, BAD, 24);
        add(stats, FleetUpdate.Kind.INCIDENT, BAD, 120);
        add(stats, FleetUpdate.Kind.JOIN, GOOD, 10);
        add(stats, FleetUpdate.Kind.ROUTER_DAY, GOOD, 20);
        add(stats, FleetUpdate.Kind.INCIDENT, GOOD, 2);
        CohortAttribution attribution = new CohortAttribution(TestConfig.defaults().attribution());
        assertThat(cohortOf(attribution.cohorts("EG12", stats), BAD).implicated()).isTrue();

        // Ten of the twelve were updated and left the cohort; two still flap on the bad firmware.
        add(stats, FleetUpdate.Kind.LEAVE, BAD, 10);
        FleetFact.CohortFact bad = cohortOf(attribution.cohorts("EG12", stats), BAD);
        assertThat(bad.routers()).isEqualTo(2);
        assertThat(bad.implicated()).isTrue();
    }

    @Test
    void tooFewRoutersEverSeenIsNotEnoughEvidence() {
        ModelStats stats = new ModelStats();
        add(stats, FleetUpdate.Kind.JOIN, BAD, 2);
        add(stats, FleetUpdate.Kind.ROUTER_DAY, BAD, 10);
        add(stats, FleetUpdate.Kind.INCIDENT, BAD, 60);
        add(stats, FleetUpdate.Kind.JOIN, GOOD, 10);
        add(stats, FleetUpdate.Kind.ROUTER_DAY, GOOD, 20);
        add(stats, FleetUpdate.Kind.INCIDENT, GOOD, 2);
        CohortAttribution attribution = new CohortAttribution(TestConfig.defaults().attribution());
        assertThat(cohortOf(attribution.cohorts("EG12", stats), BAD).implicated()).isFalse();
    }
}
