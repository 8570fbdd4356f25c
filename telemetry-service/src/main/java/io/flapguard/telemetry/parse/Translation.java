package io.flapguard.telemetry.parse;

import io.flapguard.wire.DeadLetter;
import io.flapguard.wire.TelemetryMessage;
import java.util.List;

/**
 * What one MQTT message becomes: records for the telemetry topic and/or dead letters (a whole refused
 * message, or single over-long lines of an otherwise good one).
 *
 * @param serial       the topic's serial when valid (the Kafka key), else null
 * @param unclassified log lines kept as {@code UNCLASSIFIED} events
 * @param unreadable   status fields dropped because the router could not read them (the snapshot is kept)
 */
public record Translation(TopicKind kind, RouterTopic topic, String serial, List<TelemetryMessage> records,
        List<DeadLetter> deadLetters, int unclassified, List<UnreadableField> unreadable) {

    static Translation rejected(TopicKind kind, RouterTopic topic, DeadLetter deadLetter) {
        return new Translation(kind, topic, deadLetter.serial(), List.of(), List.of(deadLetter), 0, List.of());
    }

    public int recordCount() {
        return records.size() + deadLetters.size();
    }
}
