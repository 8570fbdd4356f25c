package io.flapguard.updater.runbook;

import static io.flapguard.updater.testing.RouterFixture.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.simulator.router.SimulatedRouter;
import io.flapguard.simulator.router.SimulatedRouterServer;
import io.flapguard.updater.ssh.SshConnector;
import io.flapguard.updater.testing.RouterFixture;
import io.flapguard.wire.ResultStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unknown and changed host keys are refused before login; TOFU only when turned on; pinned fingerprints. */
class HostKeyVerificationTest {
    @TempDir
    Path temp;

    Outcome dryRun(RouterFixture fixture, SshConnector connector, SimulatedRouterServer server) throws Exception {
        try (connector) {
            return fixture.runbook(connector, false).run(RunbookAgainstSimulatedRouterTest.command(server.router().serial()),
                    RouterFixture.targetOf(server), Runbook.Mode.DRY_RUN, RunListener.NONE);
        }
    }

    @Test
    void unknownKeyIsRefused() throws Exception {
        RouterFixture fixture = new RouterFixture(temp);
        SimulatedRouter router = RouterFixture.router("1200000001");
        try (SimulatedRouterServer server = fixture.start(router, false)) {
            Outcome outcome = dryRun(fixture, fixture.connector(Map.of(), false), server);
            assertThat(outcome.status()).isEqualTo(ResultStatus.REFUSED_HOST_KEY);
            assertThat(outcome.reason()).contains("unknown host key");
            assertThat(Files.readString(fixture.knownHosts)).isEmpty();
        }
    }

    @Test
    void changedKeyIsRefusedEvenWithTofu() throws Exception {
        RouterFixture fixture = new RouterFixture(temp);
        try (SimulatedRouterServer server = fixture.start(RouterFixture.router("1200000002"), false);
             SimulatedRouterServer other = fixture.start(RouterFixture.router("1200000099"), false)) {
            // known_hosts holds another router's key for this address
            String otherLine = other.knownHostsLine(other.host());
            Files.writeString(fixture.knownHosts, "[" + server.host() + "]:" + server.port()
                    + otherLine.substring(otherLine.indexOf(' ')) + "\n");
            Outcome outcome = dryRun(fixture, fixture.connector(Map.of(), true), server);
            assertThat(outcome.status()).isEqualTo(ResultStatus.REFUSED_HOST_KEY);
            assertThat(outcome.reason()).contains("CHANGED");
        }
    }

    @Test
    void tofuAcceptsAnUnknownKeyOnceAndRecordsIt() throws Exception {
        RouterFixture fixture = new RouterFixture(temp);
        try (SimulatedRouterServer server = fixture.start(RouterFixture.router("1200000003").installed("modem_updater"), false)) {
            Outcome outcome = dryRun(fixture, fixture.connector(Map.of(), true), server);
            assertThat(outcome.status()).as(outcome.toString()).isEqualTo(ResultStatus.DRY_RUN_PASSED);
            assertThat(Files.readString(fixture.knownHosts)).contains("[127.0.0.1]:" + server.port());
            // now known: accepted without TOFU
            assertThat(dryRun(fixture, fixture.connector(Map.of(), false), server).status()).isEqualTo(ResultStatus.DRY_RUN_PASSED);
        }
    }

    @Test
    void pinnedFingerprintsAcceptTheRightKeyAndRefuseAnother() throws Exception {
        RouterFixture fixture = new RouterFixture(temp);
        SimulatedRouter router = RouterFixture.router("1200000004").installed("modem_updater");
        try (SimulatedRouterServer server = fixture.start(router, false)) {
            Outcome pinnedOk = dryRun(fixture, fixture.connector(Map.of(router.serial(), server.hostKeyFingerprint()), false), server);
            assertThat(pinnedOk.status()).as(pinnedOk.toString()).isEqualTo(ResultStatus.DRY_RUN_PASSED);
            Outcome pinnedWrong = dryRun(fixture, fixture.connector(
                    Map.of(router.serial(), "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), false), server);
            assertThat(pinnedWrong.status()).isEqualTo(ResultStatus.REFUSED_HOST_KEY);
            assertThat(router.flashCount()).isZero();
            assertThat(TARGET).isNotEqualTo(router.modemFirmware());
        }
    }
}
