package io.flapguard.wire;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quectel modem firmware names such as {@code EG12EAPAR01A12M4G}. The first eight characters name the
 * module and variant; firmware is only ever offered for the same prefix.
 */
public final class FirmwareVersion {
    /** Strict: upper-case letters and digits, an 8-character module prefix and a build part. */
    public static final Pattern PATTERN = Pattern.compile("[A-Z0-9]{8}[A-Z0-9_.]{1,40}");

    /** Release and build, e.g. {@code R01A12}; the R may be the prefix's last character (EG06ELAR04A20M4G). */
    private static final Pattern RELEASE_BUILD = Pattern.compile("R(\\d{2})A(\\d{2})");

    private FirmwareVersion() {
    }

    public static boolean isValid(String version) {
        return version != null && PATTERN.matcher(version).matches();
    }

    /** The module/variant prefix ({@code EG12EAPA}); null for names that are not valid. */
    public static String modulePrefix(String version) {
        return isValid(version) ? version.substring(0, 8) : null;
    }

    /**
     * Orders two versions of the same module by release, then build (negative: {@code a} is older). Empty when
     * the prefixes differ or either name has no release/build part: such versions cannot be ordered safely.
     */
    public static OptionalInt compare(String a, String b) {
        String prefix = modulePrefix(a);
        if (prefix == null || !prefix.equals(modulePrefix(b))) {
            return OptionalInt.empty();
        }
        Matcher ma = RELEASE_BUILD.matcher(a);
        Matcher mb = RELEASE_BUILD.matcher(b);
        if (!ma.find(7) || !mb.find(7)) {
            return OptionalInt.empty();
        }
        int release = Integer.compare(Integer.parseInt(ma.group(1)), Integer.parseInt(mb.group(1)));
        return OptionalInt.of(release != 0 ? release
                : Integer.compare(Integer.parseInt(ma.group(2)), Integer.parseInt(mb.group(2))));
    }
}
