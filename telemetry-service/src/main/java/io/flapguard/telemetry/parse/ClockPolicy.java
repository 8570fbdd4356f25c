package io.flapguard.telemetry.parse;

import java.time.Duration;
import java.time.Instant;

/**
 * Router clocks are not trusted blindly: RutOS routers without NTP boot in the past. A time more than
 * {@code maxAhead} after receipt or {@code maxBehind} before it is a clock fault: the record is kept,
 * placed at its receive time and flagged. In backfill mode (importing old logs) times are taken as they are.
 */
public record ClockPolicy(Duration maxAhead, Duration maxBehind, boolean backfill) {
    public static ClockPolicy defaults() {
        return new ClockPolicy(Duration.ofHours(1), Duration.ofDays(30), false);
    }

    public static ClockPolicy backfillMode() {
        return new ClockPolicy(Duration.ofHours(1), Duration.ofDays(30), true);
    }

    /** The time to record and whether it is a clock fault. */
    public Placement place(Instant routerTime, Instant receivedAt) {
        if (routerTime == null) {
            return new Placement(receivedAt, true);
        }
        if (backfill) {
            return new Placement(routerTime, false);
        }
        if (routerTime.isAfter(receivedAt.plus(maxAhead)) || routerTime.isBefore(receivedAt.minus(maxBehind))) {
            return new Placement(receivedAt, true);
        }
        return new Placement(routerTime, false);
    }

    /** @param clockFault the time is the receive time, not the router's own */
    public record Placement(Instant time, boolean clockFault) {
    }
}
