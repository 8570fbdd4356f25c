package io.flapguard.simulator.fleet;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Text of kernel (dmesg) and WebUI events-log lines exactly as a RUTX prints them (see shared/fixtures). */
final class RutosLines {

    private static final DateTimeFormatter EVENTS_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private RutosLines() {
    }

    /** {@code [422506.592997] text}: dmesg pads the seconds to five characters. */
    static String kernel(double uptimeSeconds, String text) {
        long micros = Math.round(uptimeSeconds * 1_000_000);
        return String.format(Locale.ROOT, "[%5d.%06d] %s", micros / 1_000_000, micros % 1_000_000, text);
    }

    /** {@code 2022-10-05 12:14:28  Mobile Data  Mobile data disconnected (internal modem)} */
    static String event(Instant at, String sender, String text) {
        return EVENTS_TIME.format(at) + "  " + sender + "  " + text;
    }

    /** The modem leaving the USB bus: disconnect, the four serial ports, then the QMI network device. */
    static List<String> usbDisconnectTexts(String usbId, int deviceNumber) {
        List<String> lines = new ArrayList<>();
        lines.add("usb " + usbId + ": USB disconnect, device number " + deviceNumber);
        for (int port = 0; port < 4; port++) {
            lines.add("option1 ttyUSB" + port + ": GSM modem (1-port) converter now disconnected from ttyUSB" + port);
            lines.add("option " + usbId + ":1." + port + ": device disconnected");
        }
        lines.add("qmi_wwan " + usbId + ":1.4 wwan0: unregister 'qmi_wwan', WWAN/QMI device");
        return lines;
    }

    /** The modem coming back on the bus with a new device number, up to the registered network device. */
    static List<String> usbAttachTexts(String usbId, int deviceNumber, String mac) {
        List<String> lines = new ArrayList<>();
        lines.add("usb " + usbId + ": new high-speed USB device number " + deviceNumber + " using xhci-hcd");
        for (int port = 0; port < 4; port++) {
            lines.add("option " + usbId + ":1." + port + ": GSM modem (1-port) converter detected");
            lines.add("usb " + usbId + ": GSM modem (1-port) converter now attached to ttyUSB" + port);
        }
        lines.add("qmi_wwan " + usbId + ":1.4: cdc-wdm0: USB WDM device");
        lines.add("qmi_wwan " + usbId + ":1.4 wwan0: register 'qmi_wwan' at, WWAN/QMI device, " + mac);
        return lines;
    }

    static String rawIpText(String usbId) {
        return "qmi_wwan " + usbId + ":1.4 wwan0: mode: raw IP";
    }

    /** A modem switched to download mode shows up as a bare device (Qualcomm 05c6:9008), no serial ports. */
    static String downloadModeAttachText(String usbId, int deviceNumber) {
        return "usb " + usbId + ": new high-speed USB device number " + deviceNumber + " using xhci-hcd";
    }
}
