package io.flapguard.simulator.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class FaultTest extends RouterFixture {

    @Test
    void noWanBreaksOpkgAndOnlineUpdates() throws IOException {
        installModemUpdater();
        router.withFault(RouterFault.NO_WAN);

        RouterSsh.Result update = exec("opkg update");
        assertThat(update.exitStatus()).isNotZero();
        assertThat(update.stdout()).contains("*** Failed to download the package list from https://");
        RouterSsh.Result install = exec("opkg install sshfs");
        assertThat(install.exitStatus()).isNotZero();
        assertThat(install.stderr()).contains("Collected errors:", "Cannot install package sshfs.");

        RouterSsh.Result run = exec("modem_updater -i 1-1 -v EG12EAPAR01A12M4G");
        assertThat(run.exitStatus()).isNotZero();
        assertThat(run.stdout()).endsWith("[ERROR] internet connection is not active\n");
        assertThat(exec("modem_updater -g").stdout()).contains("[ERROR] internet connection is not active");
        assertThat(router.flashCount()).isZero();
    }

    @Test
    void firmwareForAnotherModuleIsRefused() throws IOException {
        installModemUpdater();
        RouterSsh.Result run = exec("modem_updater -i 1-1 -v EG06ELAR04A20M4G");
        assertThat(run.exitStatus()).isNotZero();
        assertThat(run.stdout()).endsWith("[ERROR] Specified firmware is not intended for this module. Exiting..\n");
        assertThat(router.flashCount()).isZero();
    }

    @Test
    void downgradeOfARestrictedBuildIsRefused() throws IOException {
        router.modemFirmware("EG12EAPAR01A21M4G");
        installModemUpdater();
        RouterSsh.Result run = exec("modem_updater -i 1-1 -v EG12EAPAR01A12M4G");
        assertThat(run.exitStatus()).isNotZero();
        assertThat(run.stdout()).endsWith("[ERROR] Modem firmware flashing is not allowed for this modem version. Exiting..\n");
        assertThat(router.flashCount()).isZero();
    }

    @Test
    void unresponsiveModemAfterFlash() throws IOException {
        router.withFault(RouterFault.MODEM_UNRESPONSIVE_AFTER_FLASH);
        installModemUpdater();
        RouterSsh.Result run = exec("modem_updater -i 1-1 -v EG12EAPAR01A12M4G");
        assertThat(run.exitStatus()).isNotZero();
        assertThat(run.stdout()).contains("Upgrade module successfully.")
                .endsWith("Looks like modem is not responsive. A system reboot may be required.\n");
        assertThat(exec("gsmctl -A AT").stdout()).isEqualTo("ERROR: Couldn't retrieve data\n");
        assertThat(router.modemState()).isEqualTo(ModemState.UNRESPONSIVE);
        assertThat(router.flashCount()).isEqualTo(1);

        router.reboot();
        assertThat(exec("gsmctl -y").stdout()).isEqualTo("EG12EAPAR01A12M4G\n");
    }

    @Test
    void stuckFlashNeverEndsAndLeavesDownloadMode() throws IOException {
        router.withFault(RouterFault.FLASH_STUCK);
        installModemUpdater();
        RouterSsh.Running run = ssh().start("modem_updater -i 1-1 -v EG12EAPAR01A12M4G");
        BufferedReader out = run.stdout();
        assertThat(run.readUntil(out, "upgrade progress 6%")).isEqualTo("upgrade progress 6% 199/3333");
        // Well past the configured 500 ms run, the command still has not ended.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> run.command().getExitStatus() == null && run.command().isOpen());
        assertThat(router.modemState()).isEqualTo(ModemState.DOWNLOAD_MODE);

        run.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !run.command().isOpen());
        assertThat(router.modemState()).isEqualTo(ModemState.DOWNLOAD_MODE);
        assertThat(router.modemFirmware()).isEqualTo("EG12EAPAR01A09M4G");
        assertThat(router.flashCount()).isEqualTo(1);
        assertThat(exec("gsmctl -y").stdout()).isEqualTo("N/A\n");
        assertThat(exec("modem_updater -i 1-1 -v EG12EAPAR01A12M4G").stdout())
                .isEqualTo("[ERROR] MODEM_N is wrong or modem is not responding.\n");
    }

    @Test
    void droppedSessionStillEndsWithTheTargetFirmware() throws IOException {
        router.withFault(RouterFault.DROP_SSH_MID_FLASH).updateDuration(Duration.ofSeconds(2));
        installModemUpdater();
        RouterSsh ssh = ssh();
        RouterSsh.Running run = ssh.start("modem_updater -i 1-1 -v EG12EAPAR01A12M4G");
        BufferedReader out = run.stdout();
        run.readUntil(out, "upgrade progress 50%");

        await().atMost(Duration.ofSeconds(5)).until(() -> !ssh.connected());
        assertThat(router.modemFirmware()).as("flash still running").isEqualTo("EG12EAPAR01A09M4G");
        await().atMost(Duration.ofSeconds(10)).until(() -> router.modemState() == ModemState.NORMAL);
        assertThat(router.modemFirmware()).isEqualTo("EG12EAPAR01A12M4G");
        assertThat(router.flashCount()).isEqualTo(1);

        try (RouterSsh again = RouterSsh.connect(server)) {
            assertThat(again.exec("gsmctl -y").stdout()).isEqualTo("EG12EAPAR01A12M4G\n");
        }
    }
}
