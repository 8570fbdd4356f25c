package io.flapguard.telemetry.parse;

import io.flapguard.wire.EventKind;
import java.util.Locale;

/**
 * dmesg lines: {@code [422506.592997] usb 1-1: USB disconnect, device number 5}. Hand-written scanning
 * (no regular expressions) because every kernel line of the fleet passes through here.
 */
public final class KernelLineParser {
    /** Vendor:product of a Qualcomm modem in emergency download (EDL) mode. */
    static final String DOWNLOAD_MODE_USB_ID = "05c6:9008";

    private KernelLineParser() {
    }

    public static ParsedLine parse(String line) {
        int start = 0;
        long micros = -1;
        if (!line.isEmpty() && line.charAt(0) == '[') {
            int close = line.indexOf(']');
            if (close > 0 && close < 32) {
                micros = parseSeconds(line, 1, close);
                if (micros >= 0) {
                    start = close + 1;
                    if (start < line.length() && line.charAt(start) == ' ') {
                        start++;
                    }
                }
            }
        }
        return classify(line, start).withKernelMicros(micros);
    }

    /** {@code   422506.592997} between {@code from} and {@code to} as microseconds, -1 when not a number. */
    static long parseSeconds(String s, int from, int to) {
        int i = from;
        while (i < to && s.charAt(i) == ' ') {
            i++;
        }
        long whole = 0;
        int digits = 0;
        while (i < to && isDigit(s.charAt(i))) {
            whole = whole * 10 + (s.charAt(i++) - '0');
            if (++digits > 12) {
                return -1;
            }
        }
        if (digits == 0) {
            return -1;
        }
        long frac = 0;
        int fracDigits = 0;
        if (i < to && s.charAt(i) == '.') {
            i++;
            while (i < to && isDigit(s.charAt(i))) {
                if (fracDigits < 6) {
                    frac = frac * 10 + (s.charAt(i) - '0');
                    fracDigits++;
                }
                i++;
            }
        }
        if (i != to) {
            return -1;
        }
        for (; fracDigits < 6; fracDigits++) {
            frac *= 10;
        }
        return whole * 1_000_000L + frac;
    }

    /** Classifies the kernel message that starts at {@code from}; also used for syslog's {@code kernel:} lines. */
    static ParsedLine classify(String line, int from) {
        if (line.startsWith("usb ", from)) {
            int disconnect = line.indexOf(": USB disconnect, device number ", from);
            if (disconnect > 0) {
                return usb(EventKind.MODEM_USB_DISCONNECT, line, from, disconnect,
                        disconnect + ": USB disconnect, device number ".length());
            }
            int found = line.indexOf(": New USB device found, idVendor=", from);
            if (found > 0) {
                return newDevice(line, found + ": New USB device found, idVendor=".length());
            }
            int number = line.indexOf(" USB device number ", from);
            if (number > 0 && line.indexOf(": new ", from) > 0) {
                return usb(EventKind.MODEM_USB_ATTACH, line, from, line.indexOf(':', from),
                        number + " USB device number ".length());
            }
            return ParsedLine.UNCLASSIFIED;
        }
        if (line.startsWith("qmi_wwan ", from)) {
            if (line.indexOf(": unregister 'qmi_wwan'", from) > 0) {
                return wwan(EventKind.WWAN_UNREGISTERED, line, from);
            }
            if (line.indexOf(": register 'qmi_wwan'", from) > 0) {
                return wwan(EventKind.WWAN_REGISTERED, line, from);
            }
            return ParsedLine.UNCLASSIFIED;
        }
        if (line.startsWith("Linux version ", from) || line.startsWith("Booting Linux", from)) {
            return ParsedLine.of(EventKind.ROUTER_REBOOT);
        }
        return ParsedLine.UNCLASSIFIED;
    }

    private static ParsedLine usb(EventKind kind, String line, int from, int colon, int numberAt) {
        int end = numberAt;
        int n = 0;
        while (end < line.length() && end - numberAt < 6 && isDigit(line.charAt(end))) {
            n = n * 10 + (line.charAt(end++) - '0');
        }
        Integer number = end > numberAt ? n : null;
        // "usb 1-1" names the USB port; the analyzer decides whether it is the modem's.
        String port = colon > from ? line.substring(from, colon) : null;
        return new ParsedLine(kind, null, -1, null, number, null, null, port);
    }

    /**
     * {@code usb 1-1: New USB device found, idVendor=05c6, idProduct=9008, ...}: Qualcomm's 05c6:9008 is a modem
     * stuck in emergency download mode after a failed flash. Every other id (the EG12's 2c7c:0512, the EG06's
     * 2c7c:0306) is an ordinary enumeration, already told by the {@code new ... USB device number} line.
     */
    private static ParsedLine newDevice(String line, int vendorAt) {
        int productAt = vendorAt + 4 + ", idProduct=".length();
        if (productAt + 4 > line.length() || !line.startsWith(", idProduct=", vendorAt + 4)) {
            return ParsedLine.UNCLASSIFIED;
        }
        String id = (line.substring(vendorAt, vendorAt + 4) + ":" + line.substring(productAt, productAt + 4))
                .toLowerCase(Locale.ROOT);
        if (!id.equals(DOWNLOAD_MODE_USB_ID)) {
            return ParsedLine.UNCLASSIFIED;
        }
        return new ParsedLine(EventKind.MODEM_DOWNLOAD_MODE, null, -1, null, null, null, null, id);
    }

    private static ParsedLine wwan(EventKind kind, String line, int from) {
        // "qmi_wwan 1-1:1.4 wwan0: ..." -> "wwan0"
        int second = line.indexOf(' ', from + "qmi_wwan ".length());
        int colon = second < 0 ? -1 : line.indexOf(':', second);
        String iface = colon > second + 1 && colon - second < 40 ? line.substring(second + 1, colon) : null;
        return new ParsedLine(kind, null, -1, null, null, null, null, iface);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
