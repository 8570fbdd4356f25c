package io.flapguard.wire;

import java.util.regex.Pattern;

/** The router serial as the router contract accepts it (RUTX serials are 10 digits; others are allowed). */
public final class RouterSerial {
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private RouterSerial() {
    }

    public static boolean isValid(String serial) {
        return serial != null && PATTERN.matcher(serial).matches();
    }
}
