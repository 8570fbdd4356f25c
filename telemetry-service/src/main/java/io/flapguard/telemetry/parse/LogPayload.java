package io.flapguard.telemetry.parse;

import io.flapguard.wire.RejectReason;
import io.flapguard.wire.RouterEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a log message: plain text (one line per {@code \n}) or the JSON envelope
 * {@code {"v":1,"sent_at":...,"uptime_s":...,"lines":[...]}}.
 *
 * @param sentAt  the envelope's send time, null for plain text
 * @param uptimeMicros the router's uptime when sent, in microseconds, or -1
 */
public record LogPayload(List<String> lines, Instant sentAt, long uptimeMicros) {
    public static final int MAX_LINES = 1000;

    /** Reads a payload; lines longer than the limit are kept here and refused one by one by the caller. */
    public static LogPayload read(String text) throws Rejected {
        int first = 0;
        while (first < text.length() && Character.isWhitespace(text.charAt(first))) {
            first++;
        }
        if (first < text.length() && text.charAt(first) == '{') {
            return envelope(text);
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start <= text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            int trimmed = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            if (trimmed > start && !isBlank(text, start, trimmed)) {
                if (lines.size() == MAX_LINES) {
                    throw tooMany();
                }
                lines.add(text.substring(start, trimmed));
            }
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
        return new LogPayload(lines, null, -1);
    }

    private static LogPayload envelope(String text) throws Rejected {
        var node = JsonPayloads.object(text);
        JsonPayloads.requireVersion(node);
        var sentAtNode = node.get("sent_at");
        Instant sentAt = null;
        if (sentAtNode != null && !sentAtNode.isNull()) {
            sentAt = sentAtNode.isTextual() ? Times.iso(sentAtNode.textValue()) : null;
            if (sentAt == null) {
                throw new Rejected(RejectReason.INVALID_VALUE, "envelope field 'sent_at' is not an ISO-8601 time");
            }
        }
        long uptime = -1;
        var uptimeNode = node.get("uptime_s");
        if (uptimeNode != null && !uptimeNode.isNull()) {
            double u = uptimeNode.isNumber() ? uptimeNode.doubleValue() : -1;
            if (!(u >= 0 && u < 1e10)) {
                throw new Rejected(RejectReason.INVALID_VALUE, "envelope field 'uptime_s' is not a non-negative number");
            }
            uptime = Math.round(u * 1_000_000d);
        }
        var linesNode = node.get("lines");
        if (linesNode == null || !linesNode.isArray()) {
            throw new Rejected(RejectReason.MALFORMED_JSON, "envelope field 'lines' is missing or not an array");
        }
        if (linesNode.size() > MAX_LINES) {
            throw tooMany();
        }
        List<String> lines = new ArrayList<>(linesNode.size());
        for (var l : linesNode) {
            if (!l.isTextual()) {
                throw new Rejected(RejectReason.MALFORMED_JSON, "envelope 'lines' must hold strings only");
            }
            String s = l.textValue();
            // a line inside the envelope may itself end in a newline
            int end = s.length();
            while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
                end--;
            }
            if (end > 0 && !isBlank(s, 0, end)) {
                lines.add(s.substring(0, end));
            }
        }
        return new LogPayload(lines, sentAt, uptime);
    }

    /** Blank lines carry nothing (and a blank line is not a valid event). */
    private static boolean isBlank(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static Rejected tooMany() {
        return new Rejected(RejectReason.TOO_MANY_LINES, "more than " + MAX_LINES + " lines in one message");
    }

    static boolean tooLong(String line) {
        return line.length() > RouterEvent.MAX_LINE_CHARS;
    }
}
