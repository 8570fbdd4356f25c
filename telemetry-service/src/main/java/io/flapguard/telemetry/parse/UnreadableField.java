package io.flapguard.telemetry.parse;

/**
 * A status field the router sent but could not read ({@code N/A}, {@code ERROR: Couldn't retrieve data}, empty,
 * not a number, out of the plausible range): dropped from its snapshot, which keeps every other field.
 *
 * @param format the status format ({@link StatusParsers#AGENT_JSON}, ...)
 * @param field  the {@link io.flapguard.wire.StatusSnapshot} field it would have filled ({@code rsrp}, ...)
 * @param why    a short reason, for tests and debugging (never a metric label)
 */
public record UnreadableField(String format, String field, String why) {
}
