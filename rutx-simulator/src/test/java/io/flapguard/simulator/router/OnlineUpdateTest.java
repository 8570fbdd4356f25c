package io.flapguard.simulator.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

class OnlineUpdateTest extends RouterFixture {

    @Test
    void happyUpdateFlashesOnceAndChangesTheReportedFirmware() throws IOException {
        List<String> changes = new CopyOnWriteArrayList<>();
        router.addFirmwareChangeListener((r, from, to) -> changes.add(r.serial() + ":" + from + "->" + to));
        installModemUpdater();

        RouterSsh.Result run = exec("modem_updater -i 1-1 -v EG12EAPAR01A12M4G");

        assertThat(run.exitStatus()).isZero();
        assertThat(run.stdout()).contains("DO NOT TURN OFF YOUR DEVICE", "upgrade progress 37% 1233/3333",
                "upgrade progress 100% 3333/3333");
        assertThat(run.stdout().lines().dropWhile(l -> !l.equals("Upgrade module successfully.")).toList())
                .first().isEqualTo("Upgrade module successfully.");
        assertThat(run.stdout().lines().reduce((a, b) -> b)).hasValue("Modem is responding to AT commands. Modem is ready");
        assertThat(exec("gsmctl -y").stdout()).isEqualTo("EG12EAPAR01A12M4G\n");
        assertThat(exec("gsmctl -A AT").stdout()).isEqualTo("OK\n");
        assertThat(router.flashCount()).isEqualTo(1);
        assertThat(router.modemState()).isEqualTo(ModemState.NORMAL);
        assertThat(changes).containsExactly("1100123456:EG12EAPAR01A09M4G->EG12EAPAR01A12M4G");
        assertThat(router.events()).contains("Firmware: Updated internal modem firmware from EG12EAPAR01A09M4G to EG12EAPAR01A12M4G");
    }

    @Test
    void progressIsStreamedWhileTheModemIsInDownloadMode() throws IOException {
        router.updateDuration(Duration.ofSeconds(3));
        installModemUpdater();
        try (RouterSsh.Running run = ssh().start("modem_updater -i 1-1 -v EG12EAPAR01A14M4G")) {
            BufferedReader out = run.stdout();
            run.readUntil(out, "upgrade progress 10%");
            assertThat(router.modemState()).isEqualTo(ModemState.DOWNLOAD_MODE);
            assertThat(exec("gsmctl -y").stdout()).as("second session during the flash").isEqualTo("N/A\n");
            assertThat(run.readUntil(out, "Modem is responding")).isEqualTo("Modem is responding to AT commands. Modem is ready");
            await().atMost(Duration.ofSeconds(10)).until(() -> run.command().getExitStatus() != null);
            assertThat(run.command().getExitStatus()).isZero();
        }
        assertThat(router.modemFirmware()).isEqualTo("EG12EAPAR01A14M4G");
    }

    @Test
    void sameVersionIsNotFlashedAgain() throws IOException {
        installModemUpdater();
        RouterSsh.Result run = exec("modem_updater -i 1-1 -v EG12EAPAR01A09M4G");
        assertThat(run.exitStatus()).isNotZero();
        assertThat(run.stdout()).contains("[ERROR]");
        assertThat(router.flashCount()).isZero();
    }

    @Test
    void wrongUsbIdIsRefused() throws IOException {
        installModemUpdater();
        RouterSsh.Result run = exec("modem_updater -i 3-1 -v EG12EAPAR01A12M4G");
        assertThat(run.exitStatus()).isNotZero();
        assertThat(run.stdout()).isEqualTo("[ERROR] MODEM_N is wrong or modem is not responding.\n");
    }
}
