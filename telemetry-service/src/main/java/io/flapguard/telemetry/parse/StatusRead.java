package io.flapguard.telemetry.parse;

import java.time.Instant;
import java.util.List;

/**
 * What a status parser hands back besides the fields it set.
 *
 * @param routerTime the router's own time stamp when the format has one, else null
 * @param unreadable fields dropped because the router could not read them
 */
public record StatusRead(Instant routerTime, List<UnreadableField> unreadable) {
}
