package io.flapguard.analyzer.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.analyzer.TestConfig;
import io.flapguard.analyzer.metrics.AnalyzerMetrics;
import io.flapguard.brokers.EmbeddedKafka;
import io.flapguard.wire.Diagnosis;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.TelemetryMessage;
import io.flapguard.wire.WireCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.flapguard.analyzer.config.AnalyzerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same input through two analyzer instances sharing the partitions of a real broker gives the same commands and
 * the same final diagnoses as one instance in the TopologyTestDriver: what the analyzer decides depends on the data,
 * not on how partitions and fleet facts interleave.
 */
class TwoInstancesDeterminismTest {

    @Test
    void twoInstancesOnARealBrokerDecideLikeOne(@TempDir Path dir) throws Exception {
        AnalyzerConfig config = TestConfig.with(Map.of("reevaluate-interval", "PT1S"));
        List<TelemetryMessage> input = new ArrayList<>(SignatureAndFactsTest.badCohort(72).messages);
        input.sort(Comparator.comparing(TelemetryMessage::time));
        TreeSet<String> expectedCommands = new TreeSet<>();
        Map<String, String> expectedFinal = new TreeMap<>();
        try (TopologyHarness h = new TopologyHarness(config)) {
            input.forEach(h::send);
            h.commandLog.forEach(c -> expectedCommands.add(c.serial() + " " + c.commandId()));
            h.diagnosisLog.forEach(d -> expectedFinal.put(d.serial(), d.state() + " " + d.cause()));
        }
        assertThat(expectedCommands).hasSize(8);

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            var topics = config.topics();
            kafka.createTopics(List.of(topics.telemetry(), topics.results(), topics.diagnoses(), topics.commands()), 4,
                    Map.of());
            kafka.createTopics(List.of(topics.facts()), 1, Map.of("cleanup.policy", "compact"));
            List<KafkaStreams> instances = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    KafkaStreams streams = new KafkaStreams(AnalyzerTopology.build(config,
                            new AnalyzerMetrics(new SimpleMeterRegistry())), props(kafka, dir.resolve("state-" + i)));
                    streams.start();
                    instances.add(streams);
                }
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> instances.stream()
                        .allMatch(s -> s.state() == KafkaStreams.State.RUNNING));
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                    input.forEach(m -> producer.send(new ProducerRecord<>(topics.telemetry(), m.serial(),
                            WireCodec.encodeToString(m))));
                }
                TreeSet<String> commands = new TreeSet<>();
                Map<String, String> finals = new TreeMap<>();
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                        new StringDeserializer(), new StringDeserializer())) {
                    consumer.subscribe(List.of(topics.commands(), topics.diagnoses()));
                    Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                            if (r.topic().equals(topics.commands())) {
                                RemediationCommand c = WireCodec.decode(r.value(), RemediationCommand.class);
                                commands.add(c.serial() + " " + c.commandId());
                            } else {
                                Diagnosis d = WireCodec.decode(r.value(), Diagnosis.class);
                                finals.put(d.serial(), d.state() + " " + d.cause());
                            }
                        });
                        return commands.equals(expectedCommands) && finals.equals(expectedFinal);
                    });
                }
                assertThat(commands).isEqualTo(expectedCommands);
                assertThat(finals).isEqualTo(expectedFinal);
            } finally {
                instances.forEach(s -> s.close(Duration.ofSeconds(10)));
            }
        }
    }

    private static Properties props(EmbeddedKafka kafka, Path stateDir) throws java.io.IOException {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "determinism-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateDir).toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                org.apache.kafka.streams.errors.LogAndContinueExceptionHandler.class);
        return p;
    }
}
