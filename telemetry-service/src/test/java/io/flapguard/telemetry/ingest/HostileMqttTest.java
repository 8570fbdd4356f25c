package io.flapguard.telemetry.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flapguard.telemetry.parse.HostileInputs;
import io.flapguard.wire.DeadLetter;
import io.flapguard.wire.Topics;
import io.flapguard.wire.WireCodec;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Hostile messages through the real service: every one ends up on Kafka (telemetry or dead letters), none stops it. */
@QuarkusTest
class HostileMqttTest {
    static final int MESSAGES = 300;

    @Inject
    MqttIngest ingest;

    @Test
    void everyHostileMessageIsProducedOrDeadLettered() throws Exception {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Pattern marker = Pattern.compile("Z" + run + "x(\\d+)Q");
        Random rnd = new Random(42);
        try (TestPublisher router = new TestPublisher(); KafkaRecords telemetry = new KafkaRecords(Topics.TELEMETRY);
                KafkaRecords dlq = new KafkaRecords(Topics.TELEMETRY_DLQ)) {
            for (int i = 0; i < MESSAGES; i++) {
                router.publish(HostileInputs.topic(rnd, "Z" + run + "x" + i + "Q"), HostileInputs.payload(rnd));
            }
            Set<Integer> seen = new HashSet<>();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> {
                telemetry.poll(r -> r.key() != null).forEach(r -> find(marker, r.key(), seen));
                dlq.poll(r -> r.value() != null)
                        .forEach(r -> find(marker, WireCodec.decode(r.value(), DeadLetter.class).sourceTopic(), seen));
                return seen.size() == MESSAGES;
            });
            assertThat(seen).hasSize(MESSAGES);
            assertThat(ingest.isReady()).isTrue();
        }
    }

    private static void find(Pattern marker, String text, Set<Integer> seen) {
        Matcher m = marker.matcher(text);
        if (m.find()) {
            seen.add(Integer.parseInt(m.group(1)));
        }
    }
}
