package io.flapguard.updater.validate;

import io.flapguard.wire.FirmwareVersion;
import io.flapguard.wire.RouterSerial;
import java.util.regex.Pattern;

/**
 * The only values that may be placed in a command line sent to a router. Each is checked against a strict
 * pattern of letters, digits and a few punctuation marks that mean nothing to a POSIX shell, so quoting is
 * never needed and never relied upon.
 */
public record ShellToken(Kind kind, String value) {

    /** Kinds of token and their patterns. */
    public enum Kind {
        SERIAL(RouterSerial.PATTERN),
        /** USB id of a modem as modem_updater -g prints it: {@code 1-1}, {@code 2-1.4}. */
        USB_ID(Pattern.compile("\\d{1,2}-\\d{1,2}(\\.\\d{1,2}){0,3}")),
        /** Modem number in the -g list. */
        MODEM_NUMBER(Pattern.compile("\\d{1,2}")),
        FIRMWARE(FirmwareVersion.PATTERN),
        /** Absolute folder below an allowlisted root; no dot segments, ends with a slash. */
        FOLDER(Pattern.compile("(/[A-Za-z0-9_][A-Za-z0-9_.-]{0,63})+/")),
        /** Absolute file path, same segments as a folder, no trailing slash. */
        FILE(Pattern.compile("(/[A-Za-z0-9_][A-Za-z0-9_.-]{0,63})+"));

        private final Pattern pattern;

        Kind(Pattern pattern) {
            this.pattern = pattern;
        }

        public boolean accepts(String value) {
            return value != null && value.length() <= 200 && pattern.matcher(value).matches()
                    && !value.contains("/../") && !value.contains("/./");
        }
    }

    public ShellToken {
        if (!kind.accepts(value)) {
            throw new IllegalArgumentException(kind + " token refused");
        }
    }

    public static ShellToken of(Kind kind, String value) throws RefusedException {
        if (!kind.accepts(value)) {
            throw new RefusedException(kind.name().toLowerCase().replace('_', ' ') + " refused: " + printable(value));
        }
        return new ShellToken(kind, value);
    }

    /** Shows a refused value in a log line without letting it break the line. */
    static String printable(String value) {
        if (value == null) {
            return "(missing)";
        }
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
            if (out.length() > 60) {
                return out.append("...").toString();
            }
        }
        return "'" + out + "'";
    }

    @Override
    public String toString() {
        return value;
    }
}
