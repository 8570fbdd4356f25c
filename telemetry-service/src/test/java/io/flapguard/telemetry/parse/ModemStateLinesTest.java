package io.flapguard.telemetry.parse;

import static io.flapguard.telemetry.parse.FormatsTest.LIVE;
import static io.flapguard.telemetry.parse.FormatsTest.PLAIN;
import static io.flapguard.telemetry.parse.FormatsTest.RECEIVED;
import static io.flapguard.telemetry.parse.FormatsTest.SERIAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.wire.EventKind;
import io.flapguard.wire.LogSource;
import io.flapguard.wire.RouterEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lines real routers print about their modem beyond the forum fixtures (rutos-facts.md, public threads). */
class ModemStateLinesTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "2022-10-05 12:14:28  Mobile Data  Mobile data connected (IPv4, primary modem)|MOBILE_DATA_CONNECTED|primary",
        "2022-10-05 12:14:28  Mobile Data  Mobile data disconnected (IPv6, internal modem)|MOBILE_DATA_DISCONNECTED|internal",
        "2022-10-05 12:14:28\tMobile Data\tMobile data disconnected (IPv4v6, secondary modem)  |MOBILE_DATA_DISCONNECTED|secondary",
        "2022-10-05 12:14:28  Mobile Data  Mobile data connected (external modem)|MOBILE_DATA_CONNECTED|external",
        "2022-10-05 12:14:28  Mobile Data  Mobile data connected (IPv4, other modem)|MOBILE_DATA_CONNECTED|",
        "2022-10-05 12:14:28  Mobile Data  Mobile data connected ( modem)|MOBILE_DATA_CONNECTED|",
        "2022-10-05 12:14:28  Mobile Data  Mobile data connected (modem)|MOBILE_DATA_CONNECTED|",
    })
    void eventsLogAddressFamilyBeforeTheModem(String line, EventKind kind, String modem) {
        RouterEvent e = LIVE.event(SERIAL, LogSource.EVENTS, line, PLAIN, RECEIVED);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.modem()).isEqualTo(modem);
        assertThat(e.time()).isEqualTo(Instant.parse("2022-10-05T12:14:28Z"));
    }

    @Test
    void syslogCopyOfAnEventsLineWithAddressFamily() {
        RouterEvent e = LIVE.event(SERIAL, LogSource.SYSLOG,
                "Wed Oct  5 12:14:43 2022 user.info mobifd[1234]: Mobile data connected (IPv4, primary modem)", PLAIN,
                RECEIVED);
        assertThat(e.kind()).isEqualTo(EventKind.MOBILE_DATA_CONNECTED);
        assertThat(e.modem()).isEqualTo("primary");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Wed Oct  5 12:14:28 2022 daemon.info gsmd[3553]: [__write:1300] warning: [CMM] Write to `1-1 [2c7c:6005]` modem failed: errno 5|MODEM_UNRESPONSIVE|1-1",
        "Wed Oct  5 12:14:28 2022 daemon.info gsmd[3553]: [__write:1300] warning: [CMM] Write to `2-1.3 [2c7c:0512]` modem failed: errno 19|MODEM_UNRESPONSIVE|2-1.3",
        "Wed Oct  5 12:14:28 2022 daemon.info gsmd: Write to `1-1` modem failed: errno 5|MODEM_UNRESPONSIVE|1-1",
        "Wed Oct  5 12:14:28 2022 daemon.info gsmd[3553]: Write to `$(reboot) [x]` modem failed: errno 5|MODEM_UNRESPONSIVE|",
        "Wed Oct  5 12:14:28 2022 daemon.info gsmd[3553]: Write to `1-1 [2c7c:6005]` modem ok|UNCLASSIFIED|",
        "Wed Oct  5 12:14:28 2022 daemon.info gsmd[3553]: Write to `1-1 [2c7c:6005]|UNCLASSIFIED|",
        "Wed Oct  5 12:14:28 2022 daemon.info gsmd[3553]: Mobile data disconnected (internal modem)|MOBILE_DATA_DISCONNECTED|",
        "Wed Oct  5 12:14:28 2022 daemon.info other[1]: Write to `1-1 [2c7c:6005]` modem failed: errno 5|UNCLASSIFIED|",
    })
    void gsmdModemWriteFailureMeansUnresponsive(String line, EventKind kind, String detail) {
        RouterEvent e = LIVE.event(SERIAL, LogSource.SYSLOG, line, PLAIN, RECEIVED);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.detail()).isEqualTo(detail);
        assertThat(e.time()).isEqualTo(Instant.parse("2022-10-05T12:14:28Z"));
        if (kind == EventKind.MODEM_UNRESPONSIVE) {
            assertThat(e.kind().isDisconnectEvidence()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "[  12.345678] usb 1-1: New USB device found, idVendor=05c6, idProduct=9008, bcdDevice= 0.00|MODEM_DOWNLOAD_MODE|05c6:9008",
        "[  12.345678] usb 1-1: New USB device found, idVendor=05C6, idProduct=9008|MODEM_DOWNLOAD_MODE|05c6:9008",
        "[   5.120000] usb 1-1: New USB device found, idVendor=2c7c, idProduct=0512, bcdDevice= 3.18|UNCLASSIFIED|",
        "[   5.120000] usb 1-1: New USB device found, idVendor=2c7c, idProduct=0306, bcdDevice= 3.10|UNCLASSIFIED|",
        "[   5.120000] usb 1-1: New USB device found, idVendor=05c6, idProduct=90|UNCLASSIFIED|",
        "[   5.120000] usb 1-1: New USB device found, idVendor=05c6|UNCLASSIFIED|",
    })
    void kernelDownloadModeEnumeration(String line, EventKind kind, String detail) {
        RouterEvent e = LIVE.event(SERIAL, LogSource.KERNEL, line, PLAIN, RECEIVED);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.detail()).isEqualTo(detail);
        assertThat(e.kind().isDisconnectEvidence()).as("an enumeration is no disconnect evidence").isFalse();
    }

    @Test
    void downloadModeRelayedBySyslogAsTheSimulatorPrintsIt() {
        RouterEvent e = LIVE.event(SERIAL, LogSource.SYSLOG, "Wed Oct  5 12:14:28 2022 kern.info kernel: usb 1-1: "
                + "New USB device found, idVendor=05c6, idProduct=9008", PLAIN, RECEIVED);
        assertThat(e.kind()).isEqualTo(EventKind.MODEM_DOWNLOAD_MODE);
        assertThat(e.detail()).isEqualTo("05c6:9008");
    }
}
