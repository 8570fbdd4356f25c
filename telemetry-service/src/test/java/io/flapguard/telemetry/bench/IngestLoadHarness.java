package io.flapguard.telemetry.bench;

import io.flapguard.brokers.EmbeddedKafka;
import io.flapguard.brokers.EmbeddedMqtt;
import io.flapguard.telemetry.ingest.KafkaSink;
import io.flapguard.telemetry.ingest.MqttIngest;
import io.flapguard.telemetry.ingest.MqttSettings;
import io.flapguard.telemetry.ingest.TelemetrySettings;
import io.flapguard.telemetry.metrics.IngestMetrics;
import io.flapguard.telemetry.parse.ClockPolicy;
import io.flapguard.telemetry.parse.MessageTranslator;
import io.flapguard.telemetry.parse.TopicParser;
import io.flapguard.wire.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Load harness (run by hand, not a test): N publishers over MQTT (QoS 1) → telemetry ingest → Kafka
 * (acks=all), and in the same run on the same brokers the raw ceilings: MQTT broker → a subscriber that
 * only acks, and a Kafka producer alone. Arguments: {@code [seconds per phase] [publishers]}.
 */
public final class IngestLoadHarness {
    static final String LINE = "[422506.592997] usb 1-1: USB disconnect, device number 5 t=";

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int publishers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path dir = Files.createTempDirectory("flapguard-load");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0); EmbeddedMqtt mqtt = EmbeddedMqtt.start(dir, 0, false)) {
            kafka.createTopics(List.of(Topics.TELEMETRY, Topics.TELEMETRY_DLQ, "bench.raw"), 1, Map.of());
            System.out.printf("load: %d s per phase, %d MQTT publishers, QoS 1, acks=all, %d cores%n", seconds,
                    publishers, Runtime.getRuntime().availableProcessors());
            Result mqttCeiling = mqttCeiling(mqtt, seconds, publishers);
            print("MQTT ceiling (publish -> subscriber that only acks)", mqttCeiling);
            Result kafkaCeiling = kafkaCeiling(kafka, seconds);
            print("Kafka ceiling (producer alone, acks=all, idempotent)", kafkaCeiling);
            Result ingest = ingest(mqtt, kafka, seconds, publishers);
            print("Ingest (MQTT publish -> telemetry -> Kafka ack, seen by a consumer)", ingest);
            double lower = Math.min(mqttCeiling.perSecond(), kafkaCeiling.perSecond());
            System.out.printf("ingest / lower ceiling = %.2f%n", ingest.perSecond() / lower);
        }
        System.exit(0);
    }

    record Result(long count, double seconds, Histogram latency) {
        double perSecond() {
            return count / seconds;
        }
    }

    static void print(String what, Result r) {
        System.out.printf("%-72s %10.0f msg/s  p50 %7.2f ms  p99 %7.2f ms  (%d messages)%n", what, r.perSecond(),
                r.latency().getValueAtPercentile(50) / 1e6, r.latency().getValueAtPercentile(99) / 1e6, r.count());
    }

    /** Publishers → broker → one shared-subscription subscriber that acknowledges at once. */
    static Result mqttCeiling(EmbeddedMqtt mqtt, int seconds, int publishers) throws Exception {
        Histogram latency = new ConcurrentHistogram(3);
        AtomicLong received = new AtomicLong();
        MqttAsyncClient sub = new MqttAsyncClient(mqtt.url(), "bench-ceiling-sub", new MemoryPersistence());
        sub.setManualAcks(true);
        sub.setCallback(new Callback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) throws Exception {
                latency.recordValue(Math.max(0, System.nanoTime() - stamp(message.getPayload())));
                received.incrementAndGet();
                sub.messageArrivedComplete(message.getId(), message.getQos());
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setReceiveMaximum(256);
        sub.connect(o).waitForCompletion();
        sub.subscribe("$share/bench/rutx/+/log/+", 1).waitForCompletion();
        long start = System.nanoTime();
        runPublishers(mqtt, seconds, publishers, "ceiling");
        double elapsed = (System.nanoTime() - start) / 1e9;
        long count = received.get();
        sub.disconnect().waitForCompletion();
        sub.close();
        return new Result(count, elapsed, latency);
    }

    /** A producer alone, records of the size ingest writes, at most 10,000 unacknowledged. */
    static Result kafkaCeiling(EmbeddedKafka kafka, int seconds) throws Exception {
        Histogram latency = new ConcurrentHistogram(3);
        AtomicLong acked = new AtomicLong();
        Semaphore window = new Semaphore(10_000);
        byte[] value = new byte[330];
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                KafkaSink.producerConfig(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers())),
                new StringSerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            int i = 0;
            while (System.nanoTime() < end) {
                window.acquire();
                long sent = System.nanoTime();
                producer.send(new ProducerRecord<>("bench.raw", "serial-" + (i++ % 1000), value), (m, e) -> {
                    if (e == null) {
                        latency.recordValue(System.nanoTime() - sent);
                        acked.incrementAndGet();
                    }
                    window.release();
                });
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long count = acked.get();
            producer.flush();
            return new Result(count, elapsed, latency);
        }
    }

    /** The real ingest components (no Quarkus around them), publishers in, a consumer on the telemetry topic. */
    static Result ingest(EmbeddedMqtt mqtt, EmbeddedKafka kafka, int seconds, int publishers) throws Exception {
        Histogram latency = new ConcurrentHistogram(3);
        AtomicLong seen = new AtomicLong();
        AtomicBoolean consuming = new AtomicBoolean(true);
        IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
        TelemetrySettings telemetry = telemetrySettings();
        KafkaSink sink = new KafkaSink(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                telemetry, metrics);
        MqttIngest ingest = new MqttIngest(mqttSettings(mqtt.url()), telemetry,
                new MessageTranslator(TopicParser.defaults(), ClockPolicy.defaults()), sink, metrics,
                Clock.systemUTC());
        Thread consumer = new Thread(() -> consume(kafka, consuming, seen, latency), "bench-consumer");
        consumer.start();
        ingest.start();
        while (!ingest.isReady()) {
            Thread.onSpinWait();
        }
        long start = System.nanoTime();
        runPublishers(mqtt, seconds, publishers, "ingest");
        double elapsed = (System.nanoTime() - start) / 1e9;
        long count = seen.get();
        consuming.set(false);
        consumer.join();
        ingest.stop();
        return new Result(count, elapsed, latency);
    }

    static void consume(EmbeddedKafka kafka, AtomicBoolean running, AtomicLong seen, Histogram latency) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition p = new TopicPartition(Topics.TELEMETRY, 0);
            c.assign(List.of(p));
            c.seekToEnd(List.of(p));
            c.position(p);
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
                    latency.recordValue(Math.max(0, System.nanoTime() - stamp(r.value())));
                    seen.incrementAndGet();
                }
            }
        }
    }

    /** Each publisher: its own serial, QoS 1, as fast as the broker's receive maximum lets it. */
    static void runPublishers(EmbeddedMqtt mqtt, int seconds, int publishers, String phase) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            String topic = "rutx/bench" + phase + p + "/log/kernel";
            MqttAsyncClient client = new MqttAsyncClient(mqtt.url(), "bench-pub-" + phase + p, new MemoryPersistence());
            client.connect().waitForCompletion();
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        MqttMessage m = new MqttMessage((LINE + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
                        m.setQos(1);
                        try {
                            client.publish(topic, m);
                        } catch (MqttException e) {
                            if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                                throw e;
                            }
                            Thread.onSpinWait();
                        }
                    }
                    client.disconnect().waitForCompletion();
                    client.close();
                } catch (MqttException e) {
                    throw new IllegalStateException(e);
                }
            }, "bench-publisher-" + p);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    /** The publish time stamp at the end of the line ("... t=123456789"), found in any payload that holds it. */
    static long stamp(byte[] payload) {
        String s = new String(payload, StandardCharsets.UTF_8);
        int at = s.lastIndexOf(" t=");
        int i = at + 3;
        long v = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            v = v * 10 + (s.charAt(i++) - '0');
        }
        return v;
    }

    static TelemetrySettings telemetrySettings() {
        return new TelemetrySettings() {
            public String topic() {
                return Topics.TELEMETRY;
            }

            public String dlqTopic() {
                return Topics.TELEMETRY_DLQ;
            }

            public Duration sendRetryDelay() {
                return Duration.ofSeconds(1);
            }

            public Clock clock() {
                return new Clock() {
                    public Duration maxAhead() {
                        return Duration.ofHours(1);
                    }

                    public Duration maxBehind() {
                        return Duration.ofDays(30);
                    }

                    public boolean backfill() {
                        return false;
                    }
                };
            }
        };
    }

    static MqttSettings mqttSettings(String url) {
        return new MqttSettings() {
            public String url() {
                return url;
            }

            public String clientId() {
                return "bench-telemetry";
            }

            public String topicRoot() {
                return "rutx";
            }

            public String publisherRoot() {
                return "router";
            }

            public String dataToServerRoot() {
                return "teltonika";
            }

            public String dataToServerLeaf() {
                return "telemetry";
            }

            public Optional<String> sharedGroup() {
                return Optional.of("flapguard-telemetry");
            }

            public Duration sessionExpiry() {
                return Duration.ofMinutes(5);
            }

            public int maxInFlight() {
                return 256;
            }

            public Duration reconnectMinDelay() {
                return Duration.ofMillis(500);
            }

            public Duration reconnectMaxDelay() {
                return Duration.ofSeconds(30);
            }

            public Duration connectTimeout() {
                return Duration.ofSeconds(10);
            }

            public Optional<String> username() {
                return Optional.empty();
            }

            public Optional<String> password() {
                return Optional.empty();
            }

            public boolean enabled() {
                return true;
            }
        };
    }

    /** Paho's callback with nothing but message handling. */
    abstract static class Callback implements MqttCallback {
        public void disconnected(MqttDisconnectResponse r) {
        }

        public void mqttErrorOccurred(MqttException e) {
        }

        public void deliveryComplete(IMqttToken t) {
        }

        public void connectComplete(boolean reconnect, String uri) {
        }

        public void authPacketArrived(int code, MqttProperties p) {
        }
    }
}
