package io.flapguard.simulator.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;
import org.junit.jupiter.api.Test;

class OfflineUpdateTest extends RouterFixture {

    /** An unzipped vendor package: update/firehose/ with a programmer and a partition image. */
    private Path localPackage(long imageBytes) throws IOException {
        Path firehose = Files.createDirectories(state.resolve("local/EG12EAPAR01A12M4G/update/firehose"));
        Files.writeString(firehose.resolve("prog_firehose_sdx24.mbn"), "programmer");
        Files.write(firehose.resolve("system.ubi"), new byte[(int) imageBytes]);
        return firehose.getParent().getParent();
    }

    @Test
    void updateFromAFolderUploadedBySftp() throws IOException {
        installModemUpdater();
        Path pkg = localPackage(2 * 1024 * 1024);
        try (SFTPClient sftp = ssh().sftp()) {
            // SSHJ copies a folder's contents into an existing target folder.
            sftp.mkdirs("/tmp/EG12EAPAR01A12M4G");
            sftp.put(pkg.toString(), "/tmp/EG12EAPAR01A12M4G");
        }
        assertThat(exec("df /tmp").stdout()).contains("tmpfs                   124716      5473    119243   4% /tmp");

        RouterSsh.Result run = exec("modem_updater -i 1-1 -p /tmp/EG12EAPAR01A12M4G/");

        assertThat(run.exitStatus()).as(run.toString()).isZero();
        assertThat(run.stdout()).contains("Upgrade module successfully.", "Modem is responding to AT commands. Modem is ready");
        assertThat(exec("gsmctl -y").stdout()).isEqualTo("EG12EAPAR01A12M4G\n");
        assertThat(router.flashCount()).isEqualTo(1);
    }

    @Test
    void folderWithoutFirehoseIsRefused() throws IOException {
        installModemUpdater();
        exec("mkdir -p /tmp/Update");
        RouterSsh.Result run = exec("modem_updater -i 1-1 -p /tmp/Update/");
        assertThat(run.stdout()).endsWith("\n[ERROR] No firehose folder found...\n");
        assertThat(run.exitStatus()).isNotZero();
        assertThat(router.flashCount()).isZero();
    }

    @Test
    void emptyFirehoseFolderIsRefused() throws IOException {
        installModemUpdater();
        exec("mkdir -p /tmp/Update/update/firehose");
        RouterSsh.Result run = exec("modem_updater -i 1-1 -p /tmp/Update/");
        assertThat(run.stdout()).contains("\n[ERROR] firmware directory is empty.");
        assertThat(run.exitStatus()).isNotZero();
    }

    @Test
    void uploadLargerThanFreeTmpFails() throws IOException {
        router.withFault(RouterFault.TMP_TOO_SMALL);
        assertThat(exec("df /tmp").stdout()).contains("tmpfs                   124716    118572      6144  95% /tmp");
        Path pkg = localPackage(8 * 1024 * 1024);
        try (SFTPClient sftp = ssh().sftp()) {
            assertThatThrownBy(() -> sftp.put(pkg.toString(), "/tmp"))
                    .isInstanceOf(SFTPException.class);
        }
        assertThat(exec("df /tmp").stdout()).as("the part that fitted stays").contains(" 100% /tmp");
    }
}
