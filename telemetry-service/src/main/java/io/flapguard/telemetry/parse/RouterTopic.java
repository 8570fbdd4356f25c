package io.flapguard.telemetry.parse;

import io.flapguard.wire.LogSource;

/**
 * A topic of the router contract, taken apart.
 *
 * @param source    for {@link TopicKind#LOG}
 * @param parameter for {@link TopicKind#PUBLISHER} ({@code signal}, {@code operator}, ...)
 */
public record RouterTopic(TopicKind kind, String serial, LogSource source, String parameter) {
}
