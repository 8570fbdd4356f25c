package io.flapguard.wire;

import java.util.regex.Pattern;

/**
 * Quectel modem firmware names such as {@code EG12EAPAR01A12M4G}. The first eight characters name the
 * module and variant; firmware is only ever offered for the same prefix.
 */
public final class FirmwareVersion {
    /** Strict: upper-case letters and digits, an 8-character module prefix and a build part. */
    public static final Pattern PATTERN = Pattern.compile("[A-Z0-9]{8}[A-Z0-9_.]{1,40}");

    private FirmwareVersion() {
    }

    public static boolean isValid(String version) {
        return version != null && PATTERN.matcher(version).matches();
    }

    /** The module/variant prefix ({@code EG12EAPA}); null for names that are not valid. */
    public static String modulePrefix(String version) {
        return isValid(version) ? version.substring(0, 8) : null;
    }
}
