package io.flapguard.telemetry.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flapguard.brokers.EmbeddedKafka;
import io.flapguard.brokers.auth.IdentityFile;
import io.flapguard.brokers.auth.MosquittoAuthFiles;
import io.flapguard.brokers.auth.MqttRole;
import io.flapguard.brokers.auth.TopicPolicy;
import io.flapguard.wire.RouterEvent;
import io.flapguard.wire.Topics;
import io.flapguard.wire.WireCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest against a real Mosquitto 2 with FlapGuard's identities exported to its password_file and acl_file
 * (pattern write rutx/%u/# ...): telemetry connects with its own account, routers only as themselves.
 */
class MosquittoIngestTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String ROUTER_A = "1117759414";
    static final String ROUTER_B = "1117759415";
    /** Has an identity but never publishes itself: whatever arrives under its serial is forged. */
    static final String VICTIM = "1117759416";

    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static MosquittoBroker mosquitto;
    static Path telemetryPassword;
    static Map<String, String> routerPasswords;

    private final List<AutoCloseable> open = new java.util.ArrayList<>();

    @BeforeAll
    static void brokers() throws Exception {
        MosquittoBroker.binary();
        IdentityFile identities = new IdentityFile(dir.resolve("identities"));
        telemetryPassword = dir.resolve("telemetry.password");
        identities.ensureServiceAccount("flapguard-telemetry", MqttRole.TELEMETRY, telemetryPassword);
        routerPasswords = Map.of(ROUTER_A, identities.add(ROUTER_A, MqttRole.ROUTER),
                ROUTER_B, identities.add(ROUTER_B, MqttRole.ROUTER), VICTIM, identities.add(VICTIM, MqttRole.ROUTER));
        mosquitto = MosquittoBroker.start(dir.resolve("mosquitto"),
                MosquittoAuthFiles.write(identities, TopicPolicy.defaults(), dir.resolve("mosquitto-auth")));
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        kafka.createTopics(Topics.all(), 3, Map.of());
    }

    @AfterAll
    static void stopBrokers() throws Exception {
        if (mosquitto != null) {
            mosquitto.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @AfterEach
    void closeClients() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void telemetryIngestsWhatARouterPublishesWithItsOwnIdentity() throws Exception {
        StandaloneIngest ingest = ingest("flapguard-telemetry-m1");
        TestPublisher router = router(ROUTER_A, "ingests");
        router.publish("rutx/" + ROUTER_A + "/log/events", "2022-10-05 12:14:28  Mobile Data  Mobile data "
                + "disconnected (internal modem)");
        router.publish("rutx/" + ROUTER_A + "/status", "{\"v\":1,\"modem\":{\"model\":\"EG12\"}}");
        KafkaRecords telemetry = records();
        await().atMost(WAIT).until(() -> telemetry.poll(r -> ROUTER_A.equals(r.key())).size() >= 2);
        assertThat(ingest.received()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aRouterCannotPublishUnderAnotherSerialTheMessageNeverReachesKafka() throws Exception {
        ingest("flapguard-telemetry-m1");
        TestPublisher spoofer = router(ROUTER_A, "spoofs");
        try {
            spoofer.publish("rutx/" + VICTIM + "/log/events", "2022-10-05 12:14:28  Mobile Data  forged line");
        } catch (MqttException refused) {
            // MQTT 5: Mosquitto answers PUBACK "not authorized"
        }
        spoofer.publish("rutx/" + ROUTER_A + "/log/events", "2022-10-05 12:14:29  Test  spoof-marker");
        KafkaRecords telemetry = records();
        await().atMost(WAIT).until(() -> lines(telemetry.poll(r -> true)).stream().anyMatch(l -> l.endsWith("spoof-marker")));
        assertThat(lines(telemetry.poll(r -> true))).noneMatch(l -> l.contains("forged line"));
        assertThat(telemetry.poll(r -> VICTIM.equals(r.key()))).isEmpty();
    }

    @Test
    void anUnacknowledgedMessageIsDeliveredAgainAfterATelemetryCrash() throws Exception {
        StandaloneIngest first = ingest("flapguard-telemetry-crash");
        TestPublisher router = router(ROUTER_B, "crash");
        kafka.stop();
        try {
            router.publish("rutx/" + ROUTER_B + "/log/events", "2022-10-05 12:14:30  Test  redelivered-after-crash");
            await().atMost(WAIT).until(() -> first.ingest.inFlight() > 0);
            first.ingest.crash(); // received, never acknowledged
        } finally {
            kafka.restart();
        }
        StandaloneIngest again = ingest("flapguard-telemetry-crash");
        KafkaRecords telemetry = records();
        await().atMost(WAIT).until(() -> lines(telemetry.poll(r -> ROUTER_B.equals(r.key()))).stream()
                .anyMatch(l -> l.endsWith("redelivered-after-crash")));
        assertThat(again.received()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aSharedSubscriptionSplitsTheMessagesAcrossTwoIngestInstances() throws Exception {
        StandaloneIngest one = ingest("flapguard-telemetry-s1");
        StandaloneIngest two = ingest("flapguard-telemetry-s2");
        double before = one.received() + two.received();
        TestPublisher a = router(ROUTER_A, "shared");
        int n = 200;
        for (int i = 0; i < n; i++) {
            a.publish("rutx/" + ROUTER_A + "/log/events", "2022-10-05 12:15:00  Test  shared " + i);
        }
        KafkaRecords telemetry = records();
        await().atMost(WAIT).until(() -> lines(telemetry.poll(r -> ROUTER_A.equals(r.key()))).stream()
                .filter(l -> l.contains("shared ")).collect(Collectors.toSet()).size() == n);
        assertThat(one.received() + two.received() - before).isEqualTo(n);
        assertThat(one.received()).isGreaterThan(n / 4.0);
        assertThat(two.received()).isGreaterThan(n / 4.0);
        System.out.printf("MOSQUITTO shared subscription: %d messages, instance 1 got %.0f, instance 2 got %.0f%n", n,
                one.received(), two.received());
    }

    /**
     * One instance, four connections in the shared group: Mosquitto gives each a share; a crash mid-stream (no
     * DISCONNECT, nothing in flight acknowledged) and a restart lose nothing, and a message Kafka already had when
     * the crash came arrives again with the same stable id.
     */
    @Test
    void fourConnectionsShareTheLoadAndACrashLosesNothing() throws Exception {
        StandaloneIngest ingest = ingest("flapguard-telemetry-multi");
        assertThat(ingest.ingest.clientIds()).containsExactly("flapguard-telemetry-multi",
                "flapguard-telemetry-multi-2", "flapguard-telemetry-multi-3", "flapguard-telemetry-multi-4");
        TestPublisher router = router(ROUTER_A, "multi");
        KafkaRecords telemetry = records();
        int n = 3000;
        java.util.concurrent.CompletableFuture<Void> publishing = java.util.concurrent.CompletableFuture.runAsync(
                () -> {
                    try {
                        for (int i = 0; i < n; i++) {
                            router.publish("rutx/" + ROUTER_A + "/log/events", "2022-10-05 12:16:00  Test  multi " + i);
                        }
                    } catch (MqttException e) {
                        throw new IllegalStateException(e);
                    }
                });
        await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> multi(telemetry).size() >= n / 5
                && ingest.ingest.inFlight() > 0);
        java.util.Map<String, Long> beforeCrash = ingest.ingest.receivedByConnection();
        ingest.ingest.crash();
        publishing.get();
        ingest.ingest.start();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> multi(telemetry).stream()
                .map(RouterEvent::line).collect(Collectors.toSet()).size() == n);
        List<RouterEvent> events = multi(telemetry);
        assertThat(events.stream().map(RouterEvent::id).collect(Collectors.toSet())).as("a duplicate has the same id")
                .hasSize(n);
        assertThat(beforeCrash.values()).as("every connection took a share").allMatch(count -> count > 0);
        System.out.printf("MOSQUITTO 4 connections: before the crash %s; after it %s; %d on Kafka, %d duplicates%n",
                beforeCrash, ingest.ingest.receivedByConnection(), events.size(), events.size() - n);
    }

    private static List<RouterEvent> multi(KafkaRecords telemetry) {
        return telemetry.poll(r -> ROUTER_A.equals(r.key())).stream()
                .map(r -> WireCodec.decode(r.value(), io.flapguard.wire.TelemetryMessage.class))
                .filter(RouterEvent.class::isInstance).map(RouterEvent.class::cast)
                .filter(e -> e.line().contains("multi ")).toList();
    }

    private StandaloneIngest ingest(String clientId) {
        StandaloneIngest ingest = new StandaloneIngest(mosquitto.url(), clientId, "flapguard-telemetry",
                telemetryPassword, kafka.bootstrapServers());
        open.add(ingest);
        ingest.ingest.start();
        await().atMost(WAIT).until(ingest.ingest::isReady);
        return ingest;
    }

    /** A router connecting as itself: username = serial, its own password, client id fg-serial-purpose. */
    private TestPublisher router(String serial, String purpose) throws MqttException {
        TestPublisher r = new TestPublisher(mosquitto.url(), "fg-" + serial + "-" + purpose, serial,
                routerPasswords.get(serial));
        open.add(r);
        return r;
    }

    private KafkaRecords records() {
        KafkaRecords r = new KafkaRecords(kafka.bootstrapServers(), Topics.TELEMETRY);
        open.add(r);
        return r;
    }

    private static Set<String> lines(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(r -> WireCodec.decode(r.value(), io.flapguard.wire.TelemetryMessage.class))
                .filter(RouterEvent.class::isInstance).map(m -> ((RouterEvent) m).line()).collect(Collectors.toSet());
    }
}
