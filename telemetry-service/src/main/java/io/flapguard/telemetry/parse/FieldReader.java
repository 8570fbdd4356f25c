package io.flapguard.telemetry.parse;

import io.flapguard.wire.DataState;
import io.flapguard.wire.StatusSnapshot;
import io.flapguard.wire.WireFormatException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Sets status fields from what a router printed, one field at a time. A value the router could not read
 * ({@code N/A}, {@code ERROR...}, empty, not a number, outside the range {@link StatusSnapshot#validate()} allows)
 * drops only that field: gsmctl prints {@code N/A} for RSRP while the modem is not registered, and that must not
 * cost the snapshot its firmware and operator. The dropped fields are listed, not counted: parsing stays pure.
 */
final class FieldReader {
    private final StatusSnapshot.Builder b;
    private final String format;
    private final List<UnreadableField> unreadable = new ArrayList<>(0);

    FieldReader(StatusSnapshot.Builder b, String format) {
        this.b = b;
        this.format = format;
        b.format(format);
    }

    StatusSnapshot.Builder builder() {
        return b;
    }

    /** What the parser returns: the router's time stamp (or null) and what was dropped. */
    StatusRead done(Instant routerTime) {
        return new StatusRead(routerTime, List.copyOf(unreadable));
    }

    /** True when {@code raw} (already trimmed) is what RutOS prints for a value it could not read. */
    static boolean couldNotRead(String raw) {
        return raw.isEmpty() || raw.equalsIgnoreCase("N/A") || raw.equalsIgnoreCase("ERROR")
                || raw.regionMatches(true, 0, "ERROR:", 0, 6);
    }

    /** Records {@code field} as unreadable; the caller sets nothing. */
    void drop(String field, String why) {
        unreadable.add(new UnreadableField(format, field, why));
    }

    /** {@code raw} null means absent: nothing set, nothing dropped. Otherwise the value, or null once dropped. */
    private String readable(String field, String raw) {
        if (raw == null) {
            return null;
        }
        String v = raw.trim();
        if (couldNotRead(v)) {
            drop(field, v.isEmpty() ? "empty" : "could not read");
            return null;
        }
        return v;
    }

    void text(String field, String raw, BiConsumer<StatusSnapshot.Builder, String> set) {
        String v = readable(field, raw);
        if (v != null) {
            set.accept(b, v);
        }
    }

    void integer(String field, String raw, BiConsumer<StatusSnapshot.Builder, Integer> set) {
        number(field, raw, Numbers::integer, "not a whole number", set);
    }

    void decimal(String field, String raw, BiConsumer<StatusSnapshot.Builder, Double> set) {
        scaled(field, raw, 1.0, set);
    }

    /** A number the router prints in units of {@code scale} (temperature in 0.1 °C). */
    void scaled(String field, String raw, double scale, BiConsumer<StatusSnapshot.Builder, Double> set) {
        number(field, raw, (f, v) -> Numbers.decimal(f, v) * scale, "not a number", set);
    }

    void whole(String field, String raw, BiConsumer<StatusSnapshot.Builder, Long> set) {
        number(field, raw, Numbers::whole, "not a non-negative whole number", set);
    }

    /** One of {@link Numbers}' readings. */
    @FunctionalInterface
    private interface NumberParser<T> {
        T parse(String field, String value) throws Rejected;
    }

    private <T> void number(String field, String raw, NumberParser<T> parser, String why,
            BiConsumer<StatusSnapshot.Builder, T> set) {
        String v = readable(field, raw);
        if (v == null) {
            return;
        }
        T value;
        try {
            value = parser.parse(field, v);
        } catch (Rejected e) {
            drop(field, why);
            return;
        }
        plausible(field, value, set);
    }

    /** The data bearer: {@code connected} / {@code disconnected} in any case (gsmctl -j, Teltonika's publishers). */
    void dataState(String raw) {
        String v = readable("dataState", raw);
        if (v != null) {
            DataState ds = switch (v.toLowerCase(Locale.ROOT)) {
                case "connected" -> DataState.CONNECTED;
                case "disconnected" -> DataState.DISCONNECTED;
                default -> null;
            };
            if (ds == null) {
                drop("dataState", "neither connected nor disconnected");
            } else {
                b.dataState(ds);
            }
        }
    }

    /** An IPv4 or IPv6 address as text: hex digits, dots and colons only. */
    void ipAddress(String field, String raw, BiConsumer<StatusSnapshot.Builder, String> set) {
        String v = readable(field, raw);
        if (v == null) {
            return;
        }
        boolean ok = v.length() <= 45;
        for (int i = 0; ok && i < v.length(); i++) {
            char c = v.charAt(i);
            ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
        }
        if (ok) {
            set.accept(b, v);
        } else {
            drop(field, "not an IP address");
        }
    }

    /**
     * {@link StatusSnapshot#validate()} owns the plausible ranges: a probe snapshot carrying only this value asks
     * it, so the ranges live in one place.
     */
    private <T> void plausible(String field, T value, BiConsumer<StatusSnapshot.Builder, T> set) {
        StatusSnapshot.Builder probe = StatusSnapshot.builder().id("probe").serial("probe").time(Instant.EPOCH)
                .receivedAt(Instant.EPOCH);
        set.accept(probe, value);
        try {
            probe.build().validate();
        } catch (WireFormatException e) {
            drop(field, "out of range");
            return;
        }
        set.accept(b, value);
    }
}
