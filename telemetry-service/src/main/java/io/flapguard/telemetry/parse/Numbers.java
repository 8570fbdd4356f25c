package io.flapguard.telemetry.parse;

import io.flapguard.wire.RejectReason;
import io.flapguard.wire.Text;

/** Number fields of router payloads; anything not a finite number is an invalid value. */
final class Numbers {
    private Numbers() {
    }

    static double decimal(String field, String s) throws Rejected {
        try {
            double d = Double.parseDouble(s.trim());
            if (Double.isFinite(d) && s.length() < 40) {
                return d;
            }
        } catch (NumberFormatException e) {
            // fall through to the rejection
        }
        throw new Rejected(RejectReason.INVALID_VALUE, "field '" + field + "' value '" + Text.shorten(s, 40)
                + "' is not a number");
    }

    static int integer(String field, String s) throws Rejected {
        double d = decimal(field, s);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new Rejected(RejectReason.INVALID_VALUE, "field '" + field + "' value '" + Text.shorten(s, 40)
                    + "' is not a whole number");
        }
        return (int) d;
    }

    static long whole(String field, String s) throws Rejected {
        double d = decimal(field, s);
        if (d != Math.rint(d) || d < 0 || d > 1e15) {
            throw new Rejected(RejectReason.INVALID_VALUE, "field '" + field + "' value '" + Text.shorten(s, 40)
                    + "' is not a non-negative whole number");
        }
        return (long) d;
    }
}
