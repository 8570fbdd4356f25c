package io.flapguard.telemetry.parse;

import io.flapguard.wire.EventKind;
import java.time.Instant;

/**
 * WebUI events-log lines: {@code 2022-10-05 12:14:28  Mobile Data  Mobile data disconnected (internal modem)}.
 * Columns are separated by two or more spaces or a tab; trailing spaces happen. Times are taken as UTC
 * (the export carries no zone).
 */
public final class EventsLineParser {
    private EventsLineParser() {
    }

    public static ParsedLine parse(String line) {
        Instant time = Times.dateTime(line, 0, '-');
        if (time == null) {
            return ParsedLine.UNCLASSIFIED;
        }
        int senderStart = skipSeparator(line, 19);
        if (senderStart < 0) {
            return ParsedLine.UNCLASSIFIED.withRouterTime(time);
        }
        int senderEnd = findSeparator(line, senderStart);
        if (senderEnd < 0) {
            return ParsedLine.UNCLASSIFIED.withRouterTime(time);
        }
        int textStart = skipSeparator(line, senderEnd);
        int textEnd = line.length();
        while (textEnd > textStart && isBlank(line.charAt(textEnd - 1))) {
            textEnd--;
        }
        if (textStart < 0 || textStart >= textEnd) {
            return ParsedLine.UNCLASSIFIED.withRouterTime(time);
        }
        return classifyText(line, textStart, textEnd).withRouterTime(time);
    }

    /** The text column of an events line (also what RutOS's syslog copies of events carry). */
    static ParsedLine classifyText(String line, int from, int to) {
        if (line.startsWith("Mobile data disconnected", from)) {
            return withModem(EventKind.MOBILE_DATA_DISCONNECTED, line, from, to, null);
        }
        if (line.startsWith("Mobile data connected", from)) {
            return withModem(EventKind.MOBILE_DATA_CONNECTED, line, from, to, null);
        }
        if (line.startsWith("Joined ", from)) {
            int end = line.indexOf(" network", from);
            String type = end > from + 7 && end < to ? line.substring(from + 7, end) : null;
            return withModem(EventKind.NETWORK_JOINED, line, from, to, type);
        }
        if (line.startsWith("Connected to ", from)) {
            int end = line.lastIndexOf(" operator", to);
            String operator = end > from + 13 ? line.substring(from + 13, end) : null;
            return withModem(EventKind.OPERATOR_CONNECTED, line, from, to, operator);
        }
        if (line.startsWith("Updated ", from)) {
            return firmware(line, from, to);
        }
        return ParsedLine.UNCLASSIFIED;
    }

    /** {@code Updated internal modem firmware from EG12EAPAR01A09M4G to EG12EAPAR01A12M4G}. */
    private static ParsedLine firmware(String line, int from, int to) {
        int modemWord = line.indexOf(" modem firmware from ", from);
        int toWord = modemWord < 0 ? -1 : line.indexOf(" to ", modemWord + 21);
        if (modemWord < 0 || toWord < 0 || toWord >= to) {
            return ParsedLine.UNCLASSIFIED;
        }
        String modem = modemWord > from + 8 ? modemName(line.substring(from + 8, modemWord)) : null;
        String old = token(line, modemWord + " modem firmware from ".length(), toWord);
        String neu = token(line, toWord + 4, to);
        if (old == null || neu == null) {
            return ParsedLine.UNCLASSIFIED;
        }
        return new ParsedLine(EventKind.MODEM_FIRMWARE_UPDATED, null, -1, modem, null, old, neu, null);
    }

    private static String token(String line, int from, int to) {
        String t = line.substring(from, to).trim();
        return t.isEmpty() || t.length() > 64 || t.indexOf(' ') >= 0 ? null : t;
    }

    /**
     * Reads the modem from a trailing {@code (internal modem)}; newer RutOS puts the address family first,
     * {@code (IPv4, primary modem)}, so only what follows the last comma names the modem.
     */
    private static ParsedLine withModem(EventKind kind, String line, int from, int to, String detail) {
        String modem = null;
        if (line.charAt(to - 1) == ')') {
            int open = line.lastIndexOf('(', to);
            if (open >= from && to - 7 > open && line.startsWith(" modem)", to - 7)) {
                int comma = line.lastIndexOf(',', to - 7);
                int nameStart = comma > open ? comma + 1 : open + 1;
                modem = modemName(line.substring(nameStart, to - 7).trim());
            }
        }
        return new ParsedLine(kind, null, -1, modem, null, null, null, detail);
    }

    private static String modemName(String s) {
        return switch (s) {
            case "internal", "external", "primary", "secondary" -> s;
            default -> null;
        };
    }

    /** Index after a column separator (2+ spaces or a tab) starting at {@code at}, or -1. */
    private static int skipSeparator(String line, int at) {
        int i = at;
        boolean tab = false;
        while (i < line.length() && isBlank(line.charAt(i))) {
            tab |= line.charAt(i) == '\t';
            i++;
        }
        return (tab || i - at >= 2) && i < line.length() ? i : -1;
    }

    /** Index of the next column separator at or after {@code from}, or -1. */
    private static int findSeparator(String line, int from) {
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t' || (c == ' ' && i + 1 < line.length() && line.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
