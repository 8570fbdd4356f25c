package io.flapguard.simulator.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class CommandOutputTest extends RouterFixture {

    @Test
    void identityCommands() throws IOException {
        assertThat(exec("cat /etc/version")).isEqualTo(new RouterSsh.Result("RUTX_R_00.07.02.7\n", "", 0));
        assertThat(exec("gsmctl -y").stdout()).isEqualTo("EG12EAPAR01A09M4G\n");
        assertThat(exec("gsmctl -m").stdout()).isEqualTo("EG12\n");
        assertThat(exec("gsmctl -w").stdout()).isEqualTo("Quectel\n");
        assertThat(exec("gsmctl -j").stdout()).isEqualTo("connected\n");
        assertThat(exec("gsmctl -o").stdout()).isEqualTo("Telia LT\n");
        assertThat(exec("gsmctl -b").stdout()).isEqualTo("LTE B3\n");
        assertThat(exec("gsmctl -q").stdout()).isEqualTo("RSSI: -59\nRSRP: -85\nRSRQ: -8\nSINR: 12\n");
    }

    @Test
    void serialAsManufacturedUsbListingInDownloadModeAndTheRecordOfCommands() throws IOException {
        assertThat(exec("mnf_info -s")).isEqualTo(new RouterSsh.Result(router.serial() + "\n", "", 0));
        router.manufacturedSerial("1117759999");
        assertThat(exec("mnf_info -s").stdout()).isEqualTo("1117759999\n");
        assertThat(exec("lsusb").stdout()).contains("ID 2c7c:0512").doesNotContain("9008");
        router.modemState(ModemState.DOWNLOAD_MODE);
        assertThat(exec("lsusb").stdout()).contains("ID 05c6:9008").doesNotContain("2c7c:0512");
        assertThat(router.executedCommands()).containsExactly("mnf_info -s", "mnf_info -s", "lsusb", "lsusb");
    }

    @Test
    void atCommandAndModemSelection() throws IOException {
        assertThat(exec("gsmctl -A 'AT'")).isEqualTo(new RouterSsh.Result("OK\n", "", 0));
        assertThat(exec("gsmctl -A AT").stdout()).isEqualTo("OK\n");
        assertThat(exec("gsmctl -O 1-1 -y")).isEqualTo(new RouterSsh.Result("EG12EAPAR01A09M4G\n", "", 0));
        RouterSsh.Result otherModem = exec("gsmctl -O 2-1 -y");
        assertThat(otherModem.stdout()).isEqualTo("ERROR: Couldn't retrieve data\n");
        assertThat(otherModem.exitStatus()).isNotZero();
    }

    @Test
    void gsmctlReportsNaWhileTheModemIsInDownloadMode() throws IOException {
        router.modemState(ModemState.DOWNLOAD_MODE);
        assertThat(exec("gsmctl -y")).isEqualTo(new RouterSsh.Result("N/A\n", "", 1));
        assertThat(exec("gsmctl -A AT").stdout()).isEqualTo("ERROR: Couldn't retrieve data\n");
        assertThat(exec("ubus call gsm.modem0 info")).isEqualTo(new RouterSsh.Result("", "Command failed: Not found\n", 4));
    }

    @Test
    void ubusPrintsJson() throws IOException {
        assertThat(exec("ubus call gsm.modem0 info").stdout()).isEqualTo("""
                {
                \t"usb_id": "1-1",
                \t"manuf": "Quectel",
                \t"name": "EG12",
                \t"builtin": true
                }
                """);
        assertThat(exec("ubus call gsm.modem0 get_firmware").stdout())
                .isEqualTo("{\n\t\"firmware\": \"EG12EAPAR01A09M4G\"\n}\n");
    }

    @Test
    void dfUsesTheBusyBoxLayout() throws IOException {
        String expected = """
                Filesystem           1K-blocks      Used Available Use% Mounted on
                tmpfs                   124716      3424    121292   3% /tmp
                """;
        assertThat(exec("df /tmp")).isEqualTo(new RouterSsh.Result(expected, "", 0));
        assertThat(exec("df -k /tmp").stdout()).isEqualTo(expected);
    }

    @Test
    void logreadShowsTheModem() throws IOException {
        RouterSsh.Result log = exec("logread");
        assertThat(log.exitStatus()).isZero();
        assertThat(log.stdout().lines()).hasSizeGreaterThanOrEqualTo(2)
                .allMatch(l -> l.matches("\\w{3} \\w{3} \\d{1,2} \\d\\d:\\d\\d:\\d\\d \\d{4} \\S+ .*"));
        assertThat(log.stdout()).contains("gsmd[1482]: Modem 1-1 (EG12) registered");
    }

    @Test
    void directoriesUnderTmp() throws IOException {
        assertThat(exec("test -d /tmp/Update").exitStatus()).isEqualTo(1);
        assertThat(exec("mkdir -p /tmp/Update/update/firehose")).isEqualTo(new RouterSsh.Result("", "", 0));
        assertThat(exec("test -d /tmp/Update/update/firehose").exitStatus()).isZero();
        assertThat(exec("rm -rf /tmp/Update")).isEqualTo(new RouterSsh.Result("", "", 0));
        assertThat(exec("test -d /tmp/Update").exitStatus()).isEqualTo(1);
        assertThat(exec("rm -rf /etc").exitStatus()).isNotZero();
    }

    @Test
    void modemUpdaterIsNotThereUntilInstalled() throws IOException {
        assertThat(exec("modem_updater -h")).isEqualTo(new RouterSsh.Result("", "ash: modem_updater: not found\n", 127));
        assertThat(exec("command -v modem_updater")).isEqualTo(new RouterSsh.Result("", "", 1));
        assertThat(exec("which modem_updater").exitStatus()).isEqualTo(1);
        assertThat(exec("opkg install modem_updater").exitStatus()).as("no package lists yet").isNotZero();

        RouterSsh.Result update = exec("opkg update");
        assertThat(update.exitStatus()).isZero();
        assertThat(update.stdout()).contains("Updated list of available packages");
        RouterSsh.Result install = exec("opkg install modem_updater");
        assertThat(install.exitStatus()).isZero();
        assertThat(install.stdout()).startsWith("Installing modem_updater (").contains("Configuring modem_updater.");
        assertThat(exec("opkg install sshfs").stdout()).contains("Configuring sshfs.");

        assertThat(exec("command -v modem_updater")).isEqualTo(new RouterSsh.Result("/usr/sbin/modem_updater\n", "", 0));
        assertThat(exec("which modem_updater").stdout()).isEqualTo("/usr/sbin/modem_updater\n");
        assertThat(exec("opkg install modem_updater").stdout()).contains("installed in root is up to date");
    }

    @Test
    void modemUpdaterHelpAndList() throws IOException {
        installModemUpdater();
        RouterSsh.Result help = exec("modem_updater -h");
        assertThat(help.exitStatus()).isZero();
        assertThat(help.stdout()).startsWith("Usage: modem_updater")
                .contains(" -g ", " -v ", " -p ", " -i ", " -n ", " -f ", " -h ");
        assertThat(exec("modem_updater -g")).isEqualTo(new RouterSsh.Result("""
                Modem List:
                [0] EG12 | USB_ID: 1-1 | Firmware: EG12EAPAR01A09M4G | builtin:true
                Available versions (highest version number first):
                EG12EAPAR01A14M4G
                EG12EAPAR01A12M4G
                """, "", 0));
        RouterSsh.Result oldFlag = exec("modem_updater -r");
        assertThat(oldFlag.exitStatus()).isNotZero();
        assertThat(oldFlag.stderr()).contains("invalid option -- 'r'");
    }

    @Test
    void unknownProgramsAndShellOperators() throws IOException {
        assertThat(exec("xyz --help")).isEqualTo(new RouterSsh.Result("", "ash: xyz: not found\n", 127));
        RouterSsh.Result chained = exec("cat /etc/version; gsmctl -y");
        assertThat(chained.stdout()).isEmpty();
        assertThat(chained.exitStatus()).isNotZero();
        assertThat(exec("cat /etc/version && gsmctl -y").exitStatus()).isNotZero();
        assertThat(exec("echo 'a;b'").stdout()).isEqualTo("a;b\n");
    }
}
