package io.flapguard.analyzer.domain;

import io.flapguard.wire.FirmwareVersion;
import java.util.regex.Pattern;

/**
 * Strings a router reports about itself become state keys, cohort keys and metric labels: each must match a strict
 * pattern, or it is replaced by {@link #UNRECOGNISED} (and counted), so one router that keeps inventing values
 * cannot grow the fleet state or the number of series without bound.
 */
public final class ReportedValues {
    public static final String UNRECOGNISED = "unrecognised";
    private static final Pattern ROUTER_MODEL = Pattern.compile("[A-Z][A-Z0-9]{1,15}");
    private static final Pattern ROUTER_FIRMWARE = Pattern.compile("[A-Z0-9][A-Z0-9_.]{2,39}");
    private static final Pattern MODEM_MODEL = Pattern.compile("[A-Z0-9]{2,16}");
    private static final Pattern OPERATOR = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._&'()+/,:-]{0,39}");

    /** The fields checked, for the counter's bounded label. */
    public enum Field {
        ROUTER_MODEL, ROUTER_FIRMWARE, MODEM_MODEL, MODEM_FIRMWARE, OPERATOR
    }

    private ReportedValues() {
    }

    /** The value if it is plausible, {@link #UNRECOGNISED} otherwise (null stays null: not reported). */
    static String check(Field field, String value, Decision d) {
        if (value == null) {
            return null;
        }
        boolean ok = switch (field) {
            case ROUTER_MODEL -> ROUTER_MODEL.matcher(value).matches();
            case ROUTER_FIRMWARE -> ROUTER_FIRMWARE.matcher(value).matches();
            case MODEM_MODEL -> MODEM_MODEL.matcher(value).matches();
            case MODEM_FIRMWARE -> FirmwareVersion.isValid(value);
            case OPERATOR -> OPERATOR.matcher(value).matches();
        };
        if (ok) {
            return value;
        }
        d.unrecognised.add(field);
        return UNRECOGNISED;
    }
}
