package io.flapguard.updater.runbook;

import static io.flapguard.updater.testing.RouterFixture.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.simulator.router.RouterFault;
import io.flapguard.simulator.router.SimulatedRouter;
import io.flapguard.simulator.router.SimulatedRouterServer;
import io.flapguard.updater.ssh.SshConnector;
import io.flapguard.updater.testing.RouterFixture;
import io.flapguard.updater.validate.CommandValidator;
import io.flapguard.updater.validate.ValidatedCommand;
import io.flapguard.updater.testing.Commands;
import io.flapguard.wire.ResultStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runbook over real SSH against the simulated RUTX: happy paths, every fault, host keys. */
class RunbookAgainstSimulatedRouterTest {
    @TempDir
    Path temp;
    RouterFixture fixture;
    SshConnector connector;
    SimulatedRouterServer server;
    final List<Integer> percents = new CopyOnWriteArrayList<>();
    final AtomicInteger beforeFlash = new AtomicInteger();
    final RunListener listener = new RunListener() {
        @Override
        public void progress(Step step, Integer percent) {
            if (percent != null) {
                percents.add(percent);
            }
        }

        @Override
        public void beforeFlash() {
            beforeFlash.incrementAndGet();
        }
    };

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

    static ValidatedCommand command(String serial) throws Exception {
        return new CommandValidator(Set.of(TARGET)).validate(Commands.command(serial, "EG12EAPAR01A09M4G", TARGET));
    }

    Outcome run(SimulatedRouter router, Runbook.Mode mode, boolean offlineAlways) throws Exception {
        server = fixture.start(router, true);
        return fixture.runbook(connector, offlineAlways).run(command(router.serial()), RouterFixture.targetOf(server), mode, listener);
    }

    @Test
    void onlineHappyPathInstallsTheToolFlashesOnceAndConfirms() throws Exception {
        SimulatedRouter router = RouterFixture.router("1100000001");
        Outcome outcome = run(router, Runbook.Mode.UPDATE, false);
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(outcome.installedFirmware()).isEqualTo(TARGET);
        assertThat(router.modemFirmware()).isEqualTo(TARGET);
        assertThat(router.flashCount()).isEqualTo(1);
        assertThat(router.isInstalled("modem_updater")).isTrue();
        assertThat(beforeFlash).hasValue(1);
        assertThat(percents).contains(0, 50, 100).isSorted();
    }

    @Test
    void offlineHappyPathWhenTheRouterHasNoWan() throws Exception {
        SimulatedRouter router = RouterFixture.router("1100000002").installed("modem_updater").withFault(RouterFault.NO_WAN);
        Outcome outcome = run(router, Runbook.Mode.UPDATE, false);
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(router.modemFirmware()).isEqualTo(TARGET);
        assertThat(router.flashCount()).isEqualTo(1);
        // the uploaded package is removed afterwards
        assertThat(server.fileSystemRoot().resolve("tmp/flapguard-fw/" + TARGET)).doesNotExist();
    }

    @Test
    void offlineWhenConfiguredEvenWithWan() throws Exception {
        SimulatedRouter router = RouterFixture.router("1100000003").installed("modem_updater");
        Outcome outcome = run(router, Runbook.Mode.UPDATE, true);
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(router.flashCount()).isEqualTo(1);
    }

    @Test
    void alreadyOnTargetFlashesNothing() throws Exception {
        SimulatedRouter router = RouterFixture.router("1100000004").modemFirmware(TARGET);
        Outcome outcome = run(router, Runbook.Mode.UPDATE, false);
        assertThat(outcome.status()).isEqualTo(ResultStatus.ALREADY_ON_TARGET);
        assertThat(router.flashCount()).isZero();
        assertThat(router.isInstalled("modem_updater")).isFalse();
    }

    @Test
    void noWanAndNoToolFailsAtEnsureTool() throws Exception {
        SimulatedRouter router = RouterFixture.router("1100000005").withFault(RouterFault.NO_WAN);
        Outcome outcome = run(router, Runbook.Mode.UPDATE, false);
        assertThat(outcome.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(outcome.step()).isEqualTo(Step.ENSURE_TOOL);
        assertThat(outcome.reason()).contains("opkg update failed");
        assertThat(router.flashCount()).isZero();
    }

    @Test
    void tmpTooSmallFailsAtCheckSpaceBeforeUploading() throws Exception {
        SimulatedRouter router = RouterFixture.router("1100000006").installed("modem_updater")
                .withFault(RouterFault.NO_WAN).withFault(RouterFault.TMP_TOO_SMALL);
        Files.write(fixture.firmwareStore.resolve(TARGET + "/update/firehose/big.bin"), new byte[8 * 1024 * 1024]);
        Outcome outcome = run(router, Runbook.Mode.UPDATE, false);
        assertThat(outcome.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(outcome.step()).isEqualTo(Step.CHECK_SPACE);
        assertThat(outcome.reason()).contains("KiB free");
        assertThat(router.flashCount()).isZero();
    }

    @Test
    void stuckFlashTimesOutAndNeedsAttention() throws Exception {
        SimulatedRouter router = RouterFixture.router("1100000007").withFault(RouterFault.FLASH_STUCK);
        Outcome outcome = run(router, Runbook.Mode.UPDATE, false);
        assertThat(outcome.status()).isEqualTo(ResultStatus.TIMED_OUT);
        assertThat(outcome.step()).isEqualTo(Step.UPDATE);
        assertThat(outcome.attention()).isTrue();
        assertThat(outcome.reason()).contains("stuck at 6 %");
        assertThat(router.flashCount()).isEqualTo(1);
    }

    @Test
    void modemMuteAfterFlashFailsAtWaitModem() throws Exception {
        SimulatedRouter router = RouterFixture.router("1100000008").withFault(RouterFault.MODEM_UNRESPONSIVE_AFTER_FLASH);
        Outcome outcome = run(router, Runbook.Mode.UPDATE, false);
        assertThat(outcome.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(outcome.step()).isEqualTo(Step.WAIT_MODEM);
        assertThat(outcome.attention()).isTrue();
        assertThat(router.flashCount()).isEqualTo(1);
    }

    @Test
    void droppedSessionMidFlashReconnectsAndConfirmsWithoutFlashingAgain() throws Exception {
        SimulatedRouter router = RouterFixture.router("1100000009").withFault(RouterFault.DROP_SSH_MID_FLASH);
        Outcome outcome = run(router, Runbook.Mode.UPDATE, false);
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(router.modemFirmware()).isEqualTo(TARGET);
        assertThat(router.flashCount()).isEqualTo(1);
    }

    @Test
    void forbiddenFlashFailsAtUpdateWithTheRoutersMessage() throws Exception {
        SimulatedRouter router = RouterFixture.router("1100000010").withFault(RouterFault.FLASHING_NOT_ALLOWED);
        Outcome outcome = run(router, Runbook.Mode.UPDATE, false);
        assertThat(outcome.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(outcome.step()).isEqualTo(Step.UPDATE);
        assertThat(outcome.reason()).contains("not allowed for this modem version");
        assertThat(router.flashCount()).isZero();
    }

    @Test
    void routerWithAnotherModuleIsStoppedAtIdentify() throws Exception {
        SimulatedRouter router = RouterFixture.router("1100000011").modemFirmware("EG12EBPAR01A09M4G");
        Outcome outcome = run(router, Runbook.Mode.UPDATE, false);
        assertThat(outcome.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(outcome.step()).isEqualTo(Step.IDENTIFY);
        assertThat(router.flashCount()).isZero();
    }

    @Test
    void targetNotOfferedFailsAtList() throws Exception {
        SimulatedRouter router = RouterFixture.router("1100000012").availableFirmware(List.of("EG12EAPAR01A14M4G"));
        Outcome outcome = run(router, Runbook.Mode.UPDATE, false);
        assertThat(outcome.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(outcome.step()).isEqualTo(Step.LIST);
        assertThat(router.flashCount()).isZero();
    }

    @Test
    void dryRunIdentifiesAndListsOnly() throws Exception {
        SimulatedRouter router = RouterFixture.router("1100000013").installed("modem_updater");
        Outcome outcome = run(router, Runbook.Mode.DRY_RUN, false);
        assertThat(outcome.status()).as(outcome.toString()).isEqualTo(ResultStatus.DRY_RUN_PASSED);
        assertThat(router.flashCount()).isZero();
        assertThat(router.modemFirmware()).isEqualTo("EG12EAPAR01A09M4G");
    }

    @Test
    void recheckAfterARestartConfirmsAFinishedFlashWithoutFlashing() throws Exception {
        SimulatedRouter router = RouterFixture.router("1100000014").modemFirmware(TARGET);
        Outcome outcome = run(router, Runbook.Mode.RECHECK_AFTER_FLASH, false);
        assertThat(outcome.status()).isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(router.flashCount()).isZero();
    }

    @Test
    void recheckAfterARestartNeverFlashesAModemStillOnItsOldFirmware() throws Exception {
        SimulatedRouter router = RouterFixture.router("1100000015");
        Outcome outcome = run(router, Runbook.Mode.RECHECK_AFTER_FLASH, false);
        assertThat(outcome.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(outcome.attention()).isTrue();
        assertThat(router.flashCount()).isZero();
    }
}
