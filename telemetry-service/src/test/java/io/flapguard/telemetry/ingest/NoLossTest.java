package io.flapguard.telemetry.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flapguard.brokers.TestBrokersResource;
import io.flapguard.wire.RouterEvent;
import io.flapguard.wire.Topics;
import io.flapguard.wire.WireCodec;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * At least once, for real: numbered messages published over MQTT while the ingest crashes (connection
 * dropped without acks) or Kafka is down must all reach Kafka. Duplicates are allowed, counted and
 * reported; they carry the same stable id.
 */
@QuarkusTest
class NoLossTest {
    static final int N = 1500;

    @Inject
    MqttIngest ingest;

    @Inject
    MqttSettings mqtt;

    @Test
    void ingestCrashMidStreamLosesNothing() throws Exception {
        String serial = "L" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (TestPublisher router = new TestPublisher(); KafkaRecords telemetry = new KafkaRecords(Topics.TELEMETRY)) {
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publish(router, serial, 0, N));
            // crash while messages are received but not yet acknowledged
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                    .until(() -> telemetry.poll(r -> serial.equals(r.key())).size() >= N / 5 && ingest.inFlight() > 0);
            int inFlightAtCrash = ingest.inFlight();
            ingest.crash();
            assertThat(ingest.isReady()).isFalse();
            publishing.get();
            int beforeRestart = telemetry.poll(r -> serial.equals(r.key())).size();
            assertThat(beforeRestart).as("nothing is ingested while the ingest is down").isLessThan(N);
            ingest.start();
            report("ingest crash (in flight at crash: " + inFlightAtCrash + ")", serial, telemetry);
        }
    }

    /** Deterministic variant: the crash surely catches messages received and not acknowledged (Kafka is away). */
    @Test
    void crashWhileKafkaIsAwayLosesNothing() throws Exception {
        String serial = "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (TestPublisher router = new TestPublisher(); KafkaRecords telemetry = new KafkaRecords(Topics.TELEMETRY)) {
            publish(router, serial, 0, N / 3);
            TestBrokersResource.kafka().stop();
            int inFlightAtCrash;
            try {
                publish(router, serial, N / 3, N);
                await().atMost(Duration.ofSeconds(30)).until(() -> ingest.inFlight() > 0);
                inFlightAtCrash = ingest.inFlight();
                ingest.crash();
            } finally {
                TestBrokersResource.kafka().restart();
            }
            ingest.start();
            assertThat(inFlightAtCrash).isPositive();
            report("crash with unacknowledged messages (in flight at crash: " + inFlightAtCrash + ")", serial,
                    telemetry);
        }
    }

    @Test
    void kafkaOutageSlowsIngestAndLosesNothing() throws Exception {
        String serial = "K" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (TestPublisher router = new TestPublisher(); KafkaRecords telemetry = new KafkaRecords(Topics.TELEMETRY)) {
            publish(router, serial, 0, N / 2);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> telemetry.poll(r -> serial.equals(r.key())).size() >= N / 2);
            TestBrokersResource.kafka().stop();
            try {
                publish(router, serial, N / 2, N);
                // ingest holds what it received unacknowledged (never more than the windows of its connections); the
                // broker keeps the rest
                int before = telemetry.poll(r -> serial.equals(r.key())).size();
                await().atMost(Duration.ofSeconds(30)).until(() -> ingest.inFlight() > 0);
                assertThat(ingest.inFlight()).isBetween(1, mqtt.maxInFlight() * ingest.clientIds().size());
                assertThat(ingest.isReady()).as("MQTT stays connected while Kafka is away").isTrue();
                assertThat(telemetry.poll(r -> serial.equals(r.key()))).hasSize(before);
            } finally {
                TestBrokersResource.kafka().restart();
            }
            report("Kafka outage", serial, telemetry);
            await().atMost(Duration.ofSeconds(30)).until(() -> ingest.inFlight() == 0);
        }
    }

    private void report(String what, String serial, KafkaRecords telemetry) {
        List<ConsumerRecord<String, byte[]>> records = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> telemetry.poll(r -> serial.equals(r.key())), l -> numbers(l).size() == N);
        List<RouterEvent> events = records.stream().map(r -> WireCodec.decode(r.value(), RouterEvent.class)).toList();
        Set<String> ids = events.stream().map(RouterEvent::id).collect(Collectors.toSet());
        assertThat(numbers(records)).hasSize(N);
        assertThat(ids).as("a duplicate carries the same stable id").hasSize(N);
        System.out.printf("NO-LOSS %s: published %d, on Kafka %d records, %d distinct, %d duplicates%n", what, N,
                records.size(), numbers(records).size(), records.size() - N);
    }

    private static Set<Integer> numbers(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> WireCodec.decode(r.value(), RouterEvent.class).line())
                .map(l -> Integer.parseInt(l.substring(l.lastIndexOf(' ') + 1))).collect(Collectors.toSet());
    }

    private static void publish(TestPublisher router, String serial, int from, int to) {
        try {
            for (int i = from; i < to; i++) {
                router.publish("rutx/" + serial + "/log/events", "2022-10-05 12:14:28  Test  message number " + i);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
