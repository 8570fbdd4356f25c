package io.flapguard.analyzer.bench;

import static io.flapguard.analyzer.FleetTimeline.A09;
import static io.flapguard.analyzer.FleetTimeline.A12;
import static io.flapguard.analyzer.FleetTimeline.hour;
import static io.flapguard.analyzer.FleetTimeline.upgradedAt;
import static org.awaitility.Awaitility.await;

import io.flapguard.analyzer.FleetTimeline;
import io.flapguard.analyzer.SeedFixture;
import io.flapguard.analyzer.TestConfig;
import io.flapguard.analyzer.config.AnalyzerConfig;
import io.flapguard.analyzer.domain.RouterState;
import io.flapguard.analyzer.domain.RouterStateCodec;
import io.flapguard.analyzer.metrics.AnalyzerMetrics;
import io.flapguard.analyzer.topology.AnalyzerTopology;
import io.flapguard.analyzer.topology.TopologyHarness;
import io.flapguard.brokers.EmbeddedKafka;
import io.flapguard.wire.Diagnosis;
import io.flapguard.wire.EventKind;
import io.flapguard.wire.FlapState;
import io.flapguard.wire.LogSource;
import io.flapguard.wire.TelemetryMessage;
import io.flapguard.wire.Topics;
import io.flapguard.wire.WireCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.Test;

/**
 * Load harness, not part of {@code verify} (the class name matches no surefire pattern). Run one method with
 * {@code ./mvnw -B -pl analyzer-service test -Dtest=AnalyzerBenchmark#<method> -Dsurefire.failIfNoSpecifiedTests=false}
 * and read the lines starting with {@code BENCH}. Sizes: {@code -Dbench.routers=1000}.
 */
class AnalyzerBenchmark {
    static final int ROUTERS = Integer.getInteger("bench.routers", 1000);
    /** Partitions of every topic (production has 12); 1 keeps the figures comparable with the earlier runs. */
    static final int PARTITIONS = Integer.getInteger("bench.partitions", 1);

    /** A day of a fleet: hourly status for every router; half of them on A09 replaying a fixture episode every 4 h. */
    static List<TelemetryMessage> fleetDay(int routers, String prefix) {
        FleetTimeline fleet = new FleetTimeline();
        for (int i = 0; i < routers; i++) {
            String serial = prefix + i;
            String fw = i % 2 == 0 ? A09 : A12;
            fleet.hourlyStatus(serial, 0, 24, upgradedAt(serial, 0, fw, "op" + (i % 7)));
            if (i % 2 == 0) {
                fleet.episodes(serial, hour(1 + (i % 240) / 60.0), Duration.ofHours(4), 5);
            }
        }
        List<TelemetryMessage> sorted = new ArrayList<>(fleet.messages);
        sorted.sort(Comparator.comparing(TelemetryMessage::time));
        return sorted;
    }

    @Test
    void topologyTestDriverThroughput() {
        List<TelemetryMessage> load = fleetDay(ROUTERS, "bench");
        for (boolean persistent : new boolean[] {false, true}) {
            AnalyzerConfig config = TestConfig.with(Map.of("persistent-stores", Boolean.toString(persistent)));
            try (TopologyHarness h = new TopologyHarness(config)) {
                fleetDay(50, "warm").forEach(h::send); // JIT warm-up
                long start = System.nanoTime();
                load.forEach(h::send);
                double s = (System.nanoTime() - start) / 1e9;
                System.out.printf("BENCH ttd stores=%s routers=%d messages=%d seconds=%.2f events_per_s=%.0f"
                        + " commands=%d%n", persistent ? "rocksdb" : "in-memory", ROUTERS, load.size(), s,
                        load.size() / s, h.commandLog.size());
            }
        }
    }

    @Test
    void realBrokerThroughputStateBytesAndDetectionLatency() throws Exception {
        Path dir = Files.createTempDirectory("analyzer-bench");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            kafka.createTopics(Topics.all(), PARTITIONS, Map.of());
            List<TelemetryMessage> load = fleetDay(ROUTERS, "bench");
            try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
                for (TelemetryMessage m : load) {
                    producer.send(new ProducerRecord<>(Topics.TELEMETRY, m.serial(), WireCodec.encode(m)));
                }
                producer.flush();
            }
            plainConsumer(kafka, load.size(), false);
            plainConsumer(kafka, load.size(), true);
            AnalyzerConfig config = TestConfig.with(Map.of("persistent-stores", "true"));
            createFactsTopic(kafka, config);
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-" + UUID.randomUUID());
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
            props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 500);
            props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 10 * 1024 * 1024);
            props.put(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                    LogAndContinueExceptionHandler.class);
            // as the service runs (application.properties); -Dbench.processing.guarantee=at_least_once to compare
            String guarantee = System.getProperty("bench.processing.guarantee", StreamsConfig.EXACTLY_ONCE_V2);
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
            // as application.properties (kafka-streams.num.stream.threads); -Dbench.stream.threads=N to compare
            int threads = Integer.getInteger("bench.stream.threads", 1);
            props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
            System.out.println("BENCH processing.guarantee=" + guarantee + " stream.threads=" + threads
                    + " partitions=" + PARTITIONS);
            KafkaStreams streams = new KafkaStreams(AnalyzerTopology.build(config,
                    new AnalyzerMetrics(new SimpleMeterRegistry())), props);
            long start = System.nanoTime();
            streams.start();
            waitForCommitted(kafka, props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG), load.size());
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf("BENCH broker stores=rocksdb routers=%d messages=%d seconds=%.2f events_per_s=%.0f"
                    + " (includes start-up and rebalance)%n", ROUTERS, load.size(), s, load.size() / s);
            // CPU the Streams threads used for it: on a shared machine this moves far less with the load than seconds do
            double cpu = streamsCpuSeconds(props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
            System.out.printf("BENCH broker streams_threads_cpu_seconds=%.2f cpu_us_per_record=%.1f"
                    + " events_per_cpu_s=%.0f%n", cpu, cpu * 1e6 / load.size(), load.size() / cpu);

            var store = streams.store(StoreQueryParameters.fromNameAndType(AnalyzerTopology.ROUTER_STORE,
                    QueryableStoreTypes.<String, RouterState>keyValueStore()));
            long routers = 0;
            long bytes = 0;
            int max = 0;
            try (var all = store.all()) {
                while (all.hasNext()) {
                    int size = RouterStateCodec.encode(all.next().value).length;
                    routers++;
                    bytes += size;
                    max = Math.max(max, size);
                }
            }
            System.out.printf("BENCH state routers=%d mean_bytes=%.0f max_bytes=%d%n", routers,
                    (double) bytes / routers, max);

            latency(kafka, props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG), load.size());
            streams.close(Duration.ofSeconds(20));
        }
    }

    /**
     * The reference for the topology's rate in the same run: a plain consumer reads the whole telemetry topic from the
     * start (its own group, the Streams consumer's defaults otherwise), optionally decoding every record as the
     * topology's serde does.
     */
    private static void plainConsumer(EmbeddedKafka kafka, int messages, boolean decode) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-plain-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            c.subscribe(List.of(Topics.TELEMETRY));
            long start = System.nanoTime();
            int seen = 0;
            while (seen < messages) {
                for (var r : c.poll(Duration.ofMillis(100))) {
                    if (decode) {
                        WireCodec.decode(r.value(), TelemetryMessage.class);
                    }
                    seen++;
                }
            }
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf("BENCH plain-consumer decode=%s messages=%d seconds=%.2f records_per_s=%.0f"
                    + " (includes group join)%n", decode, seen, s, seen / s);
        }
    }

    /** Decisive event (third incident of a router in the implicated cohort) → FLAPPING diagnosis on the topic. */
    private static void latency(EmbeddedKafka kafka, String appId, long consumedSoFar) throws Exception {
        int n = 200;
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> seenAt = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "lat-" + UUID.randomUUID(),
                    // what a downstream consumer sees: only committed diagnoses (exactly_once_v2 writes in transactions)
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(),
                    new StringDeserializer())) {
                c.subscribe(List.of(Topics.DIAGNOSES));
                while (!stop.get()) {
                    c.poll(Duration.ofMillis(20)).forEach(r -> {
                        Diagnosis d = WireCodec.decode(r.value(), Diagnosis.class);
                        if (d.state() == FlapState.FLAPPING) {
                            seenAt.putIfAbsent(d.serial(), System.nanoTime());
                        }
                    });
                }
            }
        });
        reader.start();
        Instant base = hour(30);
        try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
            for (int i = 0; i < n; i++) { // prepare: status and two incidents each (not flapping yet)
                String serial = "lat" + i;
                producer.send(rec(SeedFixture.goodStatus(serial, base, FleetTimeline.BAD_ROUTER_FW, A09, "opL")));
                producer.send(rec(disconnect(serial, base.plusSeconds(600))));
                producer.send(rec(disconnect(serial, base.plusSeconds(1800))));
            }
            producer.flush();
            // the preparation is consumed before the clock runs
            waitForCommitted(kafka, appId, consumedSoFar + 3L * n);
            for (int i = 0; i < n; i++) {
                String serial = "lat" + i;
                sentAt.put(serial, System.nanoTime());
                producer.send(rec(disconnect(serial, base.plusSeconds(3000))));
                producer.flush();
                // one decisive event at a time, so each latency is measured on an idle pipeline
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1))
                        .until(() -> seenAt.containsKey(serial));
            }
        }
        stop.set(true);
        reader.join();
        long[] ms = sentAt.keySet().stream().filter(seenAt::containsKey)
                .mapToLong(k -> TimeUnit.NANOSECONDS.toMicros(seenAt.get(k) - sentAt.get(k))).sorted().toArray();
        System.out.printf("BENCH latency decisive_event_to_diagnosis n=%d seen=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f%n",
                n, ms.length, pct(ms, 50), pct(ms, 99), ms.length == 0 ? 0 : ms[ms.length - 1] / 1000.0);
    }

    private static double pct(long[] sortedMicros, int p) {
        if (sortedMicros.length == 0) {
            return Double.NaN;
        }
        int idx = (int) Math.ceil(p / 100.0 * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, idx)] / 1000.0;
    }

    private static TelemetryMessage disconnect(String serial, Instant t) {
        return SeedFixture.event(serial, EventKind.MOBILE_DATA_DISCONNECTED, LogSource.EVENTS, t,
                "Mobile data disconnected (internal modem)");
    }

    private static ProducerRecord<String, byte[]> rec(TelemetryMessage m) {
        return new ProducerRecord<>(Topics.TELEMETRY, m.serial(), WireCodec.encode(m));
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static void createFactsTopic(EmbeddedKafka kafka, AnalyzerConfig config) {
        kafka.createTopics(List.of(config.topics().facts()), PARTITIONS, Map.of("cleanup.policy", "compact"));
    }

    /** CPU time of the application's stream threads and global thread so far (their names carry the id). */
    private static double streamsCpuSeconds(String appId) {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(appId) && t.getName().contains("StreamThread")) {
                nanos += Math.max(0, mx.getThreadCpuTime(t.getId()));
            }
        }
        return nanos / 1e9;
    }

    /** Until the group's committed offsets on the telemetry topic add up to {@code messages}. */
    private static void waitForCommitted(EmbeddedKafka kafka, String group, long messages) throws Exception {
        try (Admin admin = kafka.admin()) {
            await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                long committed = 0;
                for (var e : admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet()) {
                    OffsetAndMetadata o = e.getValue();
                    if (e.getKey().topic().equals(Topics.TELEMETRY) && o != null) {
                        committed += o.offset();
                    }
                }
                return committed >= messages;
            });
        }
    }

    static String dump(long[] a) {
        return Arrays.toString(a);
    }
}
