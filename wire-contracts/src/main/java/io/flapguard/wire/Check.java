package io.flapguard.wire;

import java.util.regex.Pattern;

/** Field checks shared by the wire records; each failure names the record and field. */
final class Check {
    private Check() {
    }

    static void version(String record, int v) {
        if (v != WireMessage.SCHEMA_VERSION) {
            throw new WireFormatException(record + ": schema version " + v + " is not supported (this build reads v"
                    + WireMessage.SCHEMA_VERSION + ")");
        }
    }

    static <T> T present(String record, String field, T value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new WireFormatException(record + ": field '" + field + "' is required");
        }
        return value;
    }

    static void serial(String record, String serial) {
        present(record, "serial", serial);
        if (!RouterSerial.isValid(serial)) {
            throw new WireFormatException(record + ": serial '" + Text.shorten(serial, 80)
                    + "' does not match " + RouterSerial.PATTERN.pattern());
        }
    }

    static void matches(String record, String field, String value, Pattern pattern) {
        if (value != null && !pattern.matcher(value).matches()) {
            throw new WireFormatException(record + ": field '" + field + "' value '" + Text.shorten(value, 80)
                    + "' does not match " + pattern.pattern());
        }
    }

    static void range(String record, String field, Number value, double min, double max) {
        if (value != null && (value.doubleValue() < min || value.doubleValue() > max)) {
            throw new WireFormatException(record + ": field '" + field + "' value " + value + " is outside ["
                    + min + ", " + max + "]");
        }
    }
}
