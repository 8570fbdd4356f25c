package io.flapguard.analyzer.topology;

import static io.flapguard.analyzer.FleetTimeline.A09;
import static io.flapguard.analyzer.FleetTimeline.A12;
import static io.flapguard.analyzer.FleetTimeline.BAD_ROUTER_FW;
import static io.flapguard.analyzer.FleetTimeline.hour;
import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.analyzer.SeedFixture;
import io.flapguard.analyzer.TestConfig;
import io.flapguard.wire.Cause;
import io.flapguard.wire.EventKind;
import io.flapguard.wire.LogSource;
import io.flapguard.wire.RemediationCommand;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A router whose cohort is implicated only after its last record still gets its cause and command. */
class ReevaluationSweepTest {
    @Test
    void factsArrivingAfterTheLastRecordReachTheRouterOnTheWallClockSweep() {
        try (TopologyHarness h = new TopologyHarness(TestConfig.defaults())) {
            String first = "4000000";
            for (int hr = 0; hr <= 14; hr++) {
                h.send(SeedFixture.goodStatus(first, hour(hr), BAD_ROUTER_FW, A09, "Elisa"));
                if (hr >= 1 && hr <= 4) {
                    h.send(SeedFixture.event(first, EventKind.MODEM_USB_DISCONNECT, LogSource.KERNEL,
                            hour(hr).plusSeconds(60), "usb 1-1: USB disconnect, device number " + hr));
                }
            }
            assertThat(h.lastDiagnosis(first).cause()).as("alone, nothing implicates its firmware")
                    .isEqualTo(Cause.UNKNOWN);
            // the rest of the fleet reports afterwards: more A09 routers flapping, A12 routers stable
            for (int r = 1; r <= 10; r++) {
                String a09 = "40000" + (10 + r);
                String a12 = "40001" + (10 + r);
                for (int hr = 0; hr <= 14; hr++) {
                    h.send(SeedFixture.goodStatus(a12, hour(hr), BAD_ROUTER_FW, A12, "Elisa"));
                    if (r > 5) {
                        continue; // five more A09 routers, ten A12 routers
                    }
                    h.send(SeedFixture.goodStatus(a09, hour(hr), BAD_ROUTER_FW, A09, "Elisa"));
                    if (hr >= 1 && hr <= 4) {
                        h.send(SeedFixture.event(a09, EventKind.MODEM_USB_DISCONNECT, LogSource.KERNEL,
                                hour(hr).plusSeconds(600L * r), "usb 1-1: USB disconnect, device number " + hr));
                    }
                }
            }
            assertThat(h.commandLog).extracting(RemediationCommand::serial).doesNotContain(first);
            h.driver().advanceWallClockTime(Duration.ofSeconds(31));
            h.send(SeedFixture.goodStatus("4009999", hour(14), BAD_ROUTER_FW, A12, "Elisa")); // drains outputs
            assertThat(h.commandLog).extracting(RemediationCommand::serial).contains(first);
            assertThat(h.lastDiagnosis(first).cause()).isEqualTo(Cause.FIRMWARE);
        }
    }
}
