package io.flapguard.updater.rollout;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A daily window in which updates may start: start time of day, length and time zone (for example 01:00 for
 * 4 h in Europe/Vilnius). A window may cross midnight. Updates already running are not stopped at its end.
 */
public record MaintenanceWindow(LocalTime start, Duration length, ZoneId zone) {
    public MaintenanceWindow {
        if (length.isNegative() || length.isZero() || length.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("maintenance window length must be within (0, 24h]");
        }
    }

    public boolean isOpen(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        for (int daysBack = 0; daysBack <= 1; daysBack++) {
            ZonedDateTime opens = local.toLocalDate().minusDays(daysBack).atTime(start).atZone(zone);
            if (!local.isBefore(opens) && local.isBefore(opens.plus(length))) {
                return true;
            }
        }
        return false;
    }
}
