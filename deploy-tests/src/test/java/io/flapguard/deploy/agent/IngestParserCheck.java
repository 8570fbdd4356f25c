package io.flapguard.deploy.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.telemetry.parse.ClockPolicy;
import io.flapguard.telemetry.parse.MessageTranslator;
import io.flapguard.telemetry.parse.TopicParser;
import io.flapguard.telemetry.parse.Translation;
import io.flapguard.wire.RouterEvent;
import io.flapguard.wire.StatusSnapshot;
import io.flapguard.wire.TelemetryMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds what the agent published through telemetry-service's own translator (its pure parse package),
 * exactly as ingest would: nothing may be dead-lettered.
 */
final class IngestParserCheck {
    // backfill: the fixture's events are from 2022, far behind "now"
    private static final MessageTranslator TRANSLATOR =
            new MessageTranslator(TopicParser.defaults(), ClockPolicy.backfillMode());

    private IngestParserCheck() {
    }

    /** All records of all messages; fails on any dead letter, naming the topic and reason. */
    static List<TelemetryMessage> translateAll(List<RouterAgentTest.Received> messages) {
        List<TelemetryMessage> records = new ArrayList<>();
        for (RouterAgentTest.Received m : messages) {
            if (m.payload().isEmpty()) {
                continue;
            }
            Translation t = TRANSLATOR.translate(m.topic(), m.payload().getBytes(StandardCharsets.UTF_8), Instant.now());
            assertThat(t.deadLetters()).as("dead letters for %s: %s", m.topic(), m.payload()).isEmpty();
            assertThat(t.serial()).isEqualTo(AgentSandbox.SERIAL);
            records.addAll(t.records());
        }
        return records;
    }

    static List<RouterEvent> events(List<TelemetryMessage> records) {
        return records.stream().filter(RouterEvent.class::isInstance).map(RouterEvent.class::cast).toList();
    }

    static List<StatusSnapshot> statuses(List<TelemetryMessage> records) {
        return records.stream().filter(StatusSnapshot.class::isInstance).map(StatusSnapshot.class::cast).toList();
    }
}
