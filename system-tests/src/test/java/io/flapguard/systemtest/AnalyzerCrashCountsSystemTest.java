package io.flapguard.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flapguard.wire.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fleet counts are exactly once across a kill -9 of the analyzer. The seeded fleet runs once and its telemetry, as
 * telemetry-service put it on Kafka, is recorded; then the same records are replayed, in the same order, to two
 * fresh systems: one left alone, one whose analyzer is killed with kill -9 a third of the way through them and
 * restarted. Both must end with every router's incidents counted once (the same totals per router) and the same
 * cohort router-days and routers. The cohorts' unexplained incidents may differ by the few incidents a router forgot
 * (it keeps 16) before its operator's burst reached it: those keep the class they had (docs/diagnosis.md §1), and
 * in a catch-up the partitions' pace decides which. That bound is asserted too.
 *
 * <p>Why a replay: two live fleet runs do not make the same cohort figures even without a kill — how an
 * incident is split between a router's old and new router firmware depends on whether its status page or its
 * kernel log reached the analyzer first, which the machine's load decides (measured: 23 vs 79 incidents in one
 * cohort between two undisturbed runs, the modem firmware's total 199 in both).
 */
class AnalyzerCrashCountsSystemTest {
    static final int DAYS = 3;
    static final double SECONDS_PER_DAY = 40;

    @TempDir
    Path data;

    /** Cohort router-days and routers; cohort unexplained incidents; every router's incidents ever counted. */
    record Figures(Map<String, String> exposure, Map<String, Long> unexplained, Map<String, Integer> routerIncidents) {
        boolean complete() {
            return !exposure.isEmpty() && !routerIncidents.isEmpty();
        }
    }

    @Test
    void cohortFiguresAfterAKill9OfTheAnalyzerMidStreamEqualThoseOfARunWithout() {
        List<KafkaRecorder.Seen> telemetry = recordFleet(data.resolve("fleet"));
        Figures calm = replay(data.resolve("calm"), telemetry, false);
        Figures crashed = replay(data.resolve("crashed"), telemetry, true);
        System.out.println("cohort figures (unexplained incidents / router-days / routers) of " + telemetry.size()
                + " telemetry records, without and with the kill:");
        calm.exposure().forEach((cohort, f) -> System.out.printf("  %s  %d / %s  |  %d / %s%n", cohort,
                calm.unexplained().get(cohort), f, crashed.unexplained().get(cohort), crashed.exposure().get(cohort)));
        assertThat(calm.complete()).isTrue();
        assertThat(crashed.routerIncidents()).as("every router's incidents, counted once").isEqualTo(calm.routerIncidents());
        assertThat(crashed.exposure()).isEqualTo(calm.exposure());
        assertThat(crashed.unexplained().keySet()).isEqualTo(calm.unexplained().keySet());
        calm.unexplained().forEach((cohort, n) -> assertThat(crashed.unexplained().get(cohort)).as(cohort)
                .isBetween(n - Math.max(2, n / 50), n + Math.max(2, n / 50)));
    }

    private static Map<String, String> properties() {
        Map<String, String> p = new HashMap<>(SeedCaseSystemTest.fastLoop());
        p.put("flapguard.updater.rollout.dry-run", "true"); // nothing flashed: the fleet's cohorts stay as scripted
        return p;
    }

    private static List<KafkaRecorder.Seen> recordFleet(Path folder) {
        Path scenario = RunningSystem.scenario("seed-case", DAYS, Map.of(), folder.getParent());
        try (RunningSystem system = RunningSystem.start(folder, scenario, SECONDS_PER_DAY, properties())) {
            var fleet = system.stack.fleet();
            await().atMost(Duration.ofMinutes(6)).until(fleet::scenarioOver);
            fleet.flush(Duration.ofSeconds(30));
            // The routers go on sending status in real time; a snapshot is input enough (both replays get the same).
            await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> true);
            return List.copyOf(system.recorder.seen(Topics.TELEMETRY));
        }
    }

    private static Figures replay(Path folder, List<KafkaRecorder.Seen> telemetry, boolean kill) {
        try (RunningSystem system = RunningSystem.startWithoutFleet(folder, properties())) {
            Map<String, Object> p = system.stack.kafkaClientSettings();
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(),
                    new ByteArraySerializer())) {
                for (KafkaRecorder.Seen r : telemetry) {
                    producer.send(new ProducerRecord<>(Topics.TELEMETRY, r.key(), r.value()));
                }
                producer.flush();
            }
            if (kill) {
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200))
                        .until(() -> consumed(system) >= telemetry.size() / 3);
                long pid = system.stack.service("analyzer-service").pid();
                system.stack.kill("analyzer-service");
                assertThat(ProcessHandle.of(pid)).isEmpty();
                System.out.println("killed -9 the analyzer after " + consumed(system) + " of " + telemetry.size()
                        + " committed; restarting");
                system.stack.restart("analyzer-service");
            }
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> consumed(system) >= telemetry.size());
            // Settled: the same figures on three reads 5 s apart once every record is consumed.
            java.util.Set<String> serials = new java.util.TreeSet<>();
            telemetry.forEach(r -> serials.add(r.key()));
            Figures[] last = {null};
            int[] same = {0};
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(5)).until(() -> {
                Figures now = figures(system, serials);
                same[0] = now.equals(last[0]) && now.complete() ? same[0] + 1 : 0;
                last[0] = now;
                return same[0] >= 2;
            });
            return last[0];
        }
    }

    /** Telemetry records the analyzer has committed (its consumer group's offsets, summed over partitions). */
    private static long consumed(RunningSystem system) {
        try (Admin admin = Admin.create(system.stack.kafkaClientSettings())) {
            Map<?, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("flapguard-analyzer")
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream()
                    .filter(e -> e.getKey().toString().startsWith(Topics.TELEMETRY + "-") && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (java.util.concurrent.ExecutionException e) {
            return 0; // the group is not there yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Figures figures(RunningSystem system, java.util.Set<String> serials) {
        Map<String, String> exposure = new TreeMap<>();
        Map<String, Long> unexplained = new TreeMap<>();
        for (JsonNode c : system.get("analyzer-service", "/api/cohorts?limit=1000")) {
            String cohort = c.path("cohort").toString();
            exposure.put(cohort, String.format(java.util.Locale.ROOT, "%.6f", c.path("routerDays").asDouble()) + " / "
                    + c.path("routers").asInt());
            unexplained.put(cohort, c.path("incidents").asLong());
        }
        Map<String, Integer> routerIncidents = new TreeMap<>();
        for (String serial : serials) {
            try {
                JsonNode r = system.get("analyzer-service", "/api/routers/" + serial);
                if (r.has("incidentsTotal")) {
                    routerIncidents.put(serial, r.path("incidentsTotal").asInt());
                }
            } catch (IllegalStateException e) {
                // not known (yet): the figures stay incomplete and differ from a complete read
            }
        }
        return new Figures(exposure, unexplained, routerIncidents);
    }
}
