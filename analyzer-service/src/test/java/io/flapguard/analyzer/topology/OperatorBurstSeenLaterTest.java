package io.flapguard.analyzer.topology;

import static io.flapguard.analyzer.FleetTimeline.A12;
import static io.flapguard.analyzer.FleetTimeline.BAD_ROUTER_FW;
import static io.flapguard.analyzer.FleetTimeline.hour;
import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.analyzer.SeedFixture;
import io.flapguard.analyzer.TestConfig;
import io.flapguard.analyzer.domain.FleetFact;
import io.flapguard.analyzer.domain.IncidentClass;
import io.flapguard.analyzer.domain.RouterState;
import io.flapguard.wire.EventKind;
import io.flapguard.wire.LogSource;
import io.flapguard.wire.TelemetryMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * An operator outage whose routers' records reach the analyzer one router after the other — what a regional outage
 * looks like when every router flushes its buffer on reconnecting: the first routers' incidents settle before the
 * others' reach the operator's fact. Once the burst shows, their incidents are the operator's, as if the fleet had
 * arrived in time order, and the cohort's figures are those of the time-ordered run.
 */
class OperatorBurstSeenLaterTest {
    static final int ROUTERS = 8;

    @Test
    void incidentsSettledBeforeTheBurstShowedBecomeTheOperatorsAndTheCohortFiguresEqualThoseOfATimeOrderedRun() {
        Map<String, String> inOrder = run(true);
        Map<String, String> routerByRouter = run(false);
        assertThat(inOrder).containsEntry("incidents of the cohort", "0");
        assertThat(routerByRouter).isEqualTo(inOrder);
    }

    private static Map<String, String> run(boolean timeOrder) {
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            List<List<TelemetryMessage>> fleet = new ArrayList<>();
            for (int r = 0; r < ROUTERS; r++) {
                fleet.add(router("5000" + (100 + r), r));
            }
            if (timeOrder) {
                h.sendInTimeOrder(fleet.stream().flatMap(List::stream).toList());
            } else {
                fleet.forEach(h::sendInTimeOrder);
            }
            h.advanceWallClock(Duration.ofSeconds(31)); // the sweep
            Map<String, String> out = new TreeMap<>();
            RouterState first = h.routerState("5000100");
            for (int r = 0; r < ROUTERS; r++) {
                RouterState s = h.routerState("5000" + (100 + r));
                assertThat(s.incidents().size()).isEqualTo(1);
                out.put("class of router " + r, s.incidents().classOf(0).name());
            }
            FleetFact fact = h.driver().<String, FleetFact>getKeyValueStore(AnalyzerTopology.FACTS_STORE)
                    .get(FleetFact.cohortKey(first.membership().cohort()));
            out.put("incidents of the cohort", Long.toString(fact.cohort().incidents()));
            out.put("router-days of the cohort", Double.toString(fact.cohort().routerDays()));
            out.put("flappers of the cohort", Integer.toString(fact.cohort().flappers()));
            assertThat(out).containsEntry("class of router 0", IncidentClass.OPERATOR.name());
            return out;
        }
    }

    /** Good signal all day, one data drop in the operator's outage at 03:00. */
    private static List<TelemetryMessage> router(String serial, int r) {
        List<TelemetryMessage> messages = new ArrayList<>();
        for (int m = 0; m <= 12 * 60; m += 10) {
            messages.add(SeedFixture.goodStatus(serial, hour(m / 60.0), BAD_ROUTER_FW, A12, "Tele2"));
        }
        messages.add(SeedFixture.event(serial, EventKind.MOBILE_DATA_DISCONNECTED, LogSource.EVENTS,
                hour(3).plusSeconds(5L * r), "Mobile data disconnected (internal modem)"));
        return messages;
    }
}
