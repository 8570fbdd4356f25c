package io.flapguard.telemetry.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Fast, allocation-light time parsing for the router formats. */
final class Times {
    private Times() {
    }

    /** {@code 2022-10-05 12:14:28} at {@code at} (UTC), or null. */
    static Instant dateTime(String s, int at, char dateSep) {
        if (s.length() < at + 19 || s.charAt(at + 4) != dateSep || s.charAt(at + 7) != dateSep
                || s.charAt(at + 10) != ' ') {
            return null;
        }
        int year = digits(s, at, 4);
        int month = digits(s, at + 5, 2);
        int day = digits(s, at + 8, 2);
        long secondOfDay = clock(s, at + 11);
        if (year < 0 || month < 0 || day < 0 || secondOfDay < 0) {
            return null;
        }
        return of(year, month, day, secondOfDay);
    }

    /** {@code 12:14:28} at {@code at} as seconds of the day, or -1. */
    static long clock(String s, int at) {
        if (s.length() < at + 8 || s.charAt(at + 2) != ':' || s.charAt(at + 5) != ':') {
            return -1;
        }
        int h = digits(s, at, 2);
        int m = digits(s, at + 3, 2);
        int sec = digits(s, at + 6, 2);
        if (h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 60) {
            return -1;
        }
        return h * 3600L + m * 60L + sec;
    }

    static Instant of(int year, int month, int day, long secondOfDay) {
        try {
            return Instant.ofEpochSecond(LocalDate.of(year, month, day).toEpochDay() * 86_400L + secondOfDay);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code n} decimal digits at {@code at}, or -1. */
    static int digits(String s, int at, int n) {
        int v = 0;
        for (int i = at; i < at + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** ISO-8601 with zone ({@code 2022-10-05T12:14:50Z} or with an offset), or null. */
    static Instant iso(String s) {
        if (s == null || s.length() > 64) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    static final ZoneOffset UTC = ZoneOffset.UTC;
}
