package io.flapguard.quality.fleet;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The log lines a RUTX router writes, in the formats of router-contract.md and the forum fixtures
 * (fixtures/forum-rutx14/): dmesg with stamps since boot, the WebUI events log, OpenWrt logread.
 */
final class RouterLines {
    private static final DateTimeFormatter EVENTS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private RouterLines() {
    }

    /** {@code [422506.592997] text}: seconds since boot, padded like dmesg. */
    static String kernel(long sinceBootMicros, String text) {
        return String.format(Locale.ROOT, "[%5d.%06d] %s", sinceBootMicros / 1_000_000, sinceBootMicros % 1_000_000,
                text);
    }

    /** {@code 2022-10-05 12:14:28  Mobile Data  Mobile data disconnected (internal modem)}. */
    static String events(long ms, String sender, String text) {
        return EVENTS.format(Instant.ofEpochMilli(ms)) + "  " + sender + "  " + text;
    }

    /** {@code Wed Oct  5 12:14:28 2022 daemon.notice netifd: Interface 'mob1s1a1' is now up}. */
    static String syslog(long ms, String facility, String tag, String text) {
        return SYSLOG.format(Instant.ofEpochMilli(ms)) + " " + facility + " " + tag + ": " + text;
    }

    static final String[] USB_GONE = {
        "usb 1-1: USB disconnect, device number %d",
        "option1 ttyUSB0: GSM modem (1-port) converter now disconnected from ttyUSB0",
        "option 1-1:1.0: device disconnected",
        "option1 ttyUSB2: GSM modem (1-port) converter now disconnected from ttyUSB2",
        "qmi_wwan 1-1:1.4 wwan0: unregister 'qmi_wwan', WWAN/QMI device"};

    static final String[] USB_BACK = {
        "usb 1-1: new high-speed USB device number %d using xhci-hcd",
        "usb 1-1: New USB device found, idVendor=%s, idProduct=%s",
        "option 1-1:1.0: GSM modem (1-port) converter detected",
        "usb 1-1: GSM modem (1-port) converter now attached to ttyUSB0",
        "qmi_wwan 1-1:1.4: cdc-wdm0: USB WDM device",
        "qmi_wwan 1-1:1.4 wwan0: register 'qmi_wwan' at, WWAN/QMI device, 82:94:84:97:63:53"};

    static final String RAW_IP = "qmi_wwan 1-1:1.4 wwan0: mode: raw IP";

    /** The modem's own USB id, and Qualcomm's download (EDL) mode a flash passes through. */
    static String[] usbId(ModemFamily f) {
        return switch (f) {
            case EG12 -> new String[] {"2c7c", "0512"};
            case EG06 -> new String[] {"2c7c", "0306"};
            case RG501Q -> new String[] {"2c7c", "0800"};
        };
    }

    static final String[] DOWNLOAD_MODE = {"05c6", "9008"};

    static final String[] BOOT = {
        "Booting Linux on physical CPU 0x0",
        "Linux version 5.4.147 (builder@rutx) (gcc version 8.4.0 (OpenWrt GCC 8.4.0)) #0 SMP PREEMPT",
        "Machine model: Teltonika RUTX"};

    static final String[] SYSLOG_NOISE = {
        "daemon.info dnsmasq-dhcp[2711]: DHCPACK(br-lan) 192.168.1.157 3c:22:fb:12:00:01",
        "daemon.notice rms_connect[1876]: Connection to RMS established",
        "authpriv.info dropbear[9123]: Exit (root) from <192.168.1.2:51544>: Disconnected by peer",
        "daemon.info gsmd[3553]: [main:120] Operator changed",
        "user.notice ntpclient: time synchronised"};

    static final String[][] EVENTS_NOISE = {
        {"SSH", "Authentication was successful from 192.168.1.2"},
        {"Web UI", "Password auth succeeded for admin"},
        {"SMS", "Received SMS from +37060000000"}};
}
