package io.flapguard.analyzer.topology;

import static io.flapguard.analyzer.FleetTimeline.A09;
import static io.flapguard.analyzer.FleetTimeline.BAD_ROUTER_FW;
import static io.flapguard.analyzer.FleetTimeline.hour;
import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.analyzer.SeedFixture;
import io.flapguard.analyzer.TestConfig;
import io.flapguard.analyzer.domain.FleetFact;
import io.flapguard.analyzer.domain.ReportedValues;
import io.flapguard.wire.StableId;
import io.flapguard.wire.StatusSnapshot;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/** Router-reported strings cannot grow the state or the series without bound; silent routers are forgotten. */
class BoundedStateTest {

    private static StatusSnapshot status(String serial, int i, String routerFw, String modemModel, String operator) {
        return StatusSnapshot.builder().id("st-" + StableId.of(serial, "" + i)).serial(serial).time(hour(i))
                .receivedAt(hour(i)).format("agent-json").routerModel("RUTX14").routerFirmware(routerFw)
                .modemModel(modemModel).modemFirmware(A09).operator(operator).rsrp(-80).build();
    }

    @Test
    void implausibleValuesAreBucketedAndCounted() {
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            h.send(status("5100001", 0, "RUTX_R_00.07.02.7", "EG12; rm -rf /", "<script>x</script>"));
            var m = h.routerState("5100001").membership();
            assertThat(m.modemModel()).isEqualTo(ReportedValues.UNRECOGNISED);
            assertThat(h.routerState("5100001").operator()).isEqualTo(ReportedValues.UNRECOGNISED);
            assertThat(h.counter("flapguard_analyzer_unrecognised_values_total", "field", "modem_model")).isEqualTo(1);
            assertThat(h.counter("flapguard_analyzer_unrecognised_values_total", "field", "operator")).isEqualTo(1);
            h.send(status("5100002", 1, "RUTX_R_00.07.02.7", "EG12", "o2 - de"));
            assertThat(h.routerState("5100002").operator()).as("real operator names pass").isEqualTo("o2 - de");
        }
    }

    @Test
    void aRouterInventingCohortsCannotGrowTheFleetStoreBeyondTheCap() {
        try (TopologyHarness h = new TopologyHarness(TestConfig.with(Map.of("limits.max-cohorts-per-model", "20")))) {
            for (int i = 0; i < 120; i++) {
                h.send(status("5200001", i, "RUTX_R_00.07.02." + (100 + i), "EG12", "Telia"));
            }
            KeyValueStore<String, FleetFact> facts = h.driver().getKeyValueStore(AnalyzerTopology.FACTS_STORE);
            int cohorts = 0;
            try (var all = facts.all()) {
                while (all.hasNext()) {
                    cohorts += all.next().value.cohort() != null ? 1 : 0;
                }
            }
            assertThat(cohorts).isEqualTo(21); // 20 cohorts and the one that counts the rest
        }
    }

    @Test
    void aRouterSilentPastEvictAfterIsForgotten() {
        try (TopologyHarness h = new TopologyHarness(TestConfig.with(Map.of("limits.evict-after", "P30D")))) {
            h.send(SeedFixture.goodStatus("5300001", hour(0), BAD_ROUTER_FW, A09, "Telia"));
            h.advanceWallClock(Duration.ofDays(10));
            assertThat(h.routerState("5300001")).isNotNull();
            h.advanceWallClock(Duration.ofDays(21));
            assertThat(h.routerState("5300001")).isNull();
            assertThat(h.counter("flapguard_analyzer_evicted_routers_total")).isEqualTo(1);
        }
    }
}
