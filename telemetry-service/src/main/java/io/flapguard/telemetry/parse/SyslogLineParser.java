package io.flapguard.telemetry.parse;

import io.flapguard.wire.EventKind;
import java.time.Instant;

/**
 * OpenWrt logread lines: {@code Wed Oct  5 12:14:28 2022 daemon.notice netifd: Interface 'mob1s1a1' is now up}.
 * Kernel messages relayed by syslog ({@code kern.info kernel: [  12.3] usb 1-1: ...}) are classified like
 * dmesg lines; netifd's up/down messages for mobile interfaces ({@code mob*}) like the events log. Times
 * are taken as UTC.
 */
public final class SyslogLineParser {
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private SyslogLineParser() {
    }

    public static ParsedLine parse(String line) {
        Instant time = time(line);
        if (time == null) {
            return ParsedLine.UNCLASSIFIED;
        }
        // after "Wed Oct  5 12:14:28 2022 " comes "facility.level tag[pid]: message"
        int tagStart = line.indexOf(' ', 25) + 1;
        int colon = tagStart <= 0 ? -1 : line.indexOf(": ", tagStart);
        if (colon < 0) {
            return ParsedLine.UNCLASSIFIED.withRouterTime(time);
        }
        int msg = colon + 2;
        ParsedLine parsed;
        if (line.startsWith("kernel", tagStart)) {
            int start = msg;
            if (line.startsWith("[", msg)) {
                int close = line.indexOf(']', msg);
                if (close > 0 && close - msg < 32) {
                    start = close + 1;
                    while (start < line.length() && line.charAt(start) == ' ') {
                        start++;
                    }
                }
            }
            parsed = KernelLineParser.classify(line, start);
        } else if (line.startsWith("netifd", tagStart)) {
            parsed = netifd(line, msg);
        } else if (line.startsWith("gsmd", tagStart)) {
            parsed = gsmd(line, msg);
        } else {
            parsed = EventsLineParser.classifyText(line, msg, trimEnd(line));
        }
        return parsed.withRouterTime(time);
    }

    /** {@code Interface 'mob1s1a1' is now up} / {@code has lost the connection} / {@code is now down}. */
    private static ParsedLine netifd(String line, int msg) {
        if (!line.startsWith("Interface 'mob", msg)) {
            return ParsedLine.UNCLASSIFIED;
        }
        int close = line.indexOf("' ", msg + 11);
        if (close < 0) {
            return ParsedLine.UNCLASSIFIED;
        }
        String iface = line.substring(msg + 11, close);
        if (line.startsWith("' is now up", close)) {
            return new ParsedLine(EventKind.MOBILE_DATA_CONNECTED, null, -1, null, null, null, null, iface);
        }
        if (line.startsWith("' has lost the connection", close) || line.startsWith("' is now down", close)) {
            return new ParsedLine(EventKind.MOBILE_DATA_DISCONNECTED, null, -1, null, null, null, null, iface);
        }
        return ParsedLine.UNCLASSIFIED;
    }

    /**
     * gsmd failing to talk to the modem: {@code [__write:1300] warning: [CMM] Write to `1-1 [2c7c:6005]` modem
     * failed: errno 5}. The modem stopped answering; its USB id ({@code 1-1}) is the detail. Other gsmd lines
     * may still be events-log copies.
     */
    private static ParsedLine gsmd(String line, int msg) {
        int write = line.indexOf("Write to `", msg);
        int close = write < 0 ? -1 : line.indexOf('`', write + 10);
        if (close < 0 || !line.startsWith("` modem failed", close)) {
            return EventsLineParser.classifyText(line, msg, trimEnd(line));
        }
        int idStart = write + 10;
        int idEnd = idStart;
        while (idEnd < close && isUsbIdChar(line.charAt(idEnd))) {
            idEnd++;
        }
        boolean wellFormed = idEnd > idStart && idEnd - idStart <= 16 && (idEnd == close || line.charAt(idEnd) == ' ');
        return new ParsedLine(EventKind.MODEM_UNRESPONSIVE, null, -1, null, null, null, null,
                wellFormed ? line.substring(idStart, idEnd) : null);
    }

    /** USB port ids are {@code bus-port[.port...]}: {@code 1-1}, {@code 2-1.3}. */
    private static boolean isUsbIdChar(char c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '.';
    }

    /** The leading {@code Wed Oct  5 12:14:28 2022} as UTC, or null. */
    static Instant time(String line) {
        if (line.length() < 26 || line.charAt(3) != ' ' || line.charAt(7) != ' ' || line.charAt(10) != ' '
                || line.charAt(19) != ' ' || line.charAt(24) != ' ') {
            return null;
        }
        int month = MONTHS.indexOf(line.substring(4, 7));
        if (month < 0 || month % 3 != 0) {
            return null;
        }
        char d1 = line.charAt(8);
        int day = d1 == ' ' ? Times.digits(line, 9, 1) : Times.digits(line, 8, 2);
        long secondOfDay = Times.clock(line, 11);
        int year = Times.digits(line, 20, 4);
        if (day < 0 || secondOfDay < 0 || year < 0) {
            return null;
        }
        return Times.of(year, month / 3 + 1, day, secondOfDay);
    }

    private static int trimEnd(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        return end;
    }
}
