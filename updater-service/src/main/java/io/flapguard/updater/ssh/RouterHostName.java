package io.flapguard.updater.ssh;

import java.util.regex.Pattern;

/**
 * Refuses host names that Java (like inet_aton) would read as a numeric IPv4 address: a RUTX serial such as
 * {@code 1117759414} resolves to 66.159.167.182, {@code 0x7f000001} to 127.0.0.1. Only a plain dotted quad is
 * accepted as an address literal; everything else must be a real name (or IPv6).
 */
final class RouterHostName {
    /** Dot-separated decimal, octal or hex parts: what inet_aton-style parsers accept. */
    private static final Pattern NUMERIC = Pattern.compile("(?i)(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*\\.?");
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    private static final Pattern DOTTED_QUAD = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

    private RouterHostName() {
    }

    /** Null when the host may be used, else why not. */
    static String problem(String host) {
        if (host == null || host.isBlank()) {
            return "empty host name";
        }
        if (NUMERIC.matcher(host).matches() && !DOTTED_QUAD.matcher(host).matches()) {
            return "host '" + shorten(host) + "' is numeric and would be read as an IPv4 address; use a host name"
                    + " or a dotted address a.b.c.d";
        }
        return null;
    }

    private static String shorten(String host) {
        String printable = host.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 64 ? printable.substring(0, 64) + "..." : printable;
    }
}
