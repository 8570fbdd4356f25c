package io.flapguard.updater.runbook;

import static io.flapguard.updater.testing.RouterFixture.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.simulator.router.ModemState;
import io.flapguard.simulator.router.RouterFault;
import io.flapguard.simulator.router.SimulatedRouter;
import io.flapguard.simulator.router.SimulatedRouterServer;
import io.flapguard.updater.ssh.SshConnector;
import io.flapguard.updater.testing.Commands;
import io.flapguard.updater.testing.RouterFixture;
import io.flapguard.updater.validate.CommandValidator;
import io.flapguard.updater.validate.RefusalReason;
import io.flapguard.wire.ResultStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over real SSH to the simulated RUTX: the runbook changes nothing on a router that is not the one the command
 * names, whose modem does not run the firmware the command expects, or whose modem sits in download mode.
 */
class RunbookRefusalsTest {
    static final String A09 = "EG12EAPAR01A09M4G";
    @TempDir
    Path temp;
    RouterFixture fixture;
    SshConnector connector;
    SimulatedRouterServer server;

    @BeforeEach
    void setUp() {
        fixture = new RouterFixture(temp);
        connector = fixture.connector(Map.of(), false);
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
        connector.close();
    }

    Outcome update(SimulatedRouter router, String commandSerial) throws Exception {
        server = fixture.start(router, true);
        return fixture.runbook(connector, false).run(
                new CommandValidator(Set.of(TARGET)).validate(Commands.command(commandSerial, A09, TARGET)),
                RouterFixture.targetOf(server), Runbook.Mode.UPDATE, RunListener.NONE);
    }

    @Test
    void aRouterThatReportsAnotherSerialIsNotTouched() throws Exception {
        SimulatedRouter router = RouterFixture.router("1100000201");
        Outcome outcome = update(router, "1100000202");   // the address leads to 201, the command is for 202
        assertThat(outcome.status()).isEqualTo(ResultStatus.REFUSED_VALIDATION);
        assertThat(outcome.refusal()).isEqualTo(RefusalReason.SERIAL_MISMATCH);
        assertThat(outcome.reason()).contains("reports serial '1100000201'", "the command is for 1100000202");
        assertNothingChanged(router);
    }

    @Test
    void aModemOnOtherFirmwareThanTheCommandExpectsIsNotFlashed() throws Exception {
        SimulatedRouter router = RouterFixture.router("1100000203").modemFirmware("EG12EAPAR01A10M4G");
        Outcome outcome = update(router, router.serial());
        assertThat(outcome.refusal()).isEqualTo(RefusalReason.FIRMWARE_MISMATCH);
        assertThat(outcome.reason()).contains("modem runs EG12EAPAR01A10M4G, the command expects " + A09);
        assertNothingChanged(router);
    }

    @Test
    void aModemInDownloadModeNeedsRecoveryNotAFlash() throws Exception {
        SimulatedRouter router = RouterFixture.router("1100000204").modemState(ModemState.DOWNLOAD_MODE);
        Outcome outcome = update(router, router.serial());
        assertThat(outcome.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(outcome.attention()).isTrue();
        assertThat(outcome.reason()).startsWith(Runbook.DOWNLOAD_MODE_REASON);
        assertNothingChanged(router);
        assertThat(router.executedCommands()).contains("lsusb");
    }

    @Test
    void aTamperedOfflinePackageIsRefusedBeforeTheUpload() throws Exception {
        SimulatedRouter router = RouterFixture.router("1100000205").installed("modem_updater").withFault(RouterFault.NO_WAN);
        Files.write(fixture.firmwareStore.resolve(TARGET + "/update/firehose/prog_firehose_sdx24.mbn"), new byte[] {1, 2, 3});
        Outcome outcome = update(router, router.serial());
        assertThat(outcome.refusal()).isEqualTo(RefusalReason.PACKAGE_INTEGRITY);
        assertThat(outcome.step()).isEqualTo(Step.UPLOAD);
        assertThat(outcome.reason()).contains("prog_firehose_sdx24.mbn does not match its SHA-256");
        assertThat(server.fileSystemRoot().resolve("tmp/flapguard-fw")).doesNotExist();
        assertNothingChanged(router);
    }

    @Test
    void aPackageCorruptedOnTheRouterIsRemovedAndNeverFlashed() throws Exception {
        SimulatedRouter router = RouterFixture.router("1100000206").installed("modem_updater")
                .withFault(RouterFault.NO_WAN).withFault(RouterFault.CORRUPT_UPLOADS);
        Outcome outcome = update(router, router.serial());
        assertThat(outcome.refusal()).isEqualTo(RefusalReason.PACKAGE_INTEGRITY);
        assertThat(outcome.reason()).contains("package on the router does not match SHA256SUMS");
        assertThat(router.executedCommands()).anyMatch(c -> c.startsWith("sha256sum /tmp/flapguard-fw/" + TARGET + "/update/firehose/"))
                .contains("rm -rf /tmp/flapguard-fw/" + TARGET + "/");
        assertThat(router.flashCount()).isZero();
        assertThat(router.executedCommands()).noneMatch(c -> c.startsWith("modem_updater -i"));
    }

    @Test
    void anIntactOfflinePackageIsCheckedOnTheRouterAndFlashed() throws Exception {
        SimulatedRouter router = RouterFixture.router("1100000207").installed("modem_updater").withFault(RouterFault.NO_WAN);
        Outcome outcome = update(router, router.serial());
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(router.executedCommands()).anyMatch(c -> c.startsWith("sha256sum "));
        assertThat(router.flashCount()).isEqualTo(1);
    }

    private static void assertNothingChanged(SimulatedRouter router) {
        assertThat(router.flashCount()).isZero();
        assertThat(router.executedCommands()).as("only reads ran").noneMatch(c -> c.startsWith("modem_updater -i")
                || c.startsWith("opkg install") || c.startsWith("mkdir") || c.startsWith("rm"));
    }
}
