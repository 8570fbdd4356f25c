package io.flapguard.telemetry.bench;

import io.flapguard.brokers.EmbeddedKafka;
import io.flapguard.brokers.EmbeddedMqtt;
import io.flapguard.telemetry.ingest.KafkaSink;
import io.flapguard.telemetry.ingest.MqttIngest;
import io.flapguard.telemetry.ingest.MqttSettings;
import io.flapguard.telemetry.ingest.TelemetrySettings;
import io.flapguard.telemetry.ingest.TestIngestSettings;
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
 * only acks, and a Kafka producer alone. Arguments: {@code [seconds per phase] [publishers] [outstanding]}:
 * publishers run a closed loop with at most {@code outstanding} messages published but not yet seen at the
 * far end (subscriber or Kafka consumer), so queues stay bounded and latency means something.
 */
public final class IngestLoadHarness {
    static final String LINE = "[422506.592997] usb 1-1: USB disconnect, device number 5 t=";
    static final AtomicLong PUBLISHED = new AtomicLong();
    /** Closed loop: at most this many messages published and not yet seen at the far end, so queues stay bounded. */
    static int outstandingLimit = 2000;
    static volatile Semaphore outstanding = new Semaphore(outstandingLimit);

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int publishers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        outstandingLimit = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        Path dir = Files.createTempDirectory("flapguard-load");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0); EmbeddedMqtt mqtt = EmbeddedMqtt.startOpen(dir, 0, false)) {
            kafka.createTopics(List.of(Topics.TELEMETRY, Topics.TELEMETRY_DLQ, "bench.raw"), 1, Map.of());
            System.out.printf("load: %d s per phase, %d MQTT publishers, QoS 1, acks=all, at most %d messages between"
                    + " publisher and far end, %d cores%n", seconds, publishers, outstandingLimit,
                    Runtime.getRuntime().availableProcessors());
            Result kafkaCeiling = kafkaCeiling(kafka, seconds);
            print("Kafka ceiling (producer alone, acks=all, idempotent)", kafkaCeiling);
            for (boolean shared : new boolean[] {true, false}) {
                String how = shared ? "shared subscription" : "plain subscription";
                Result mqttCeiling = mqttCeiling(mqtt, seconds, publishers, shared);
                print("MQTT ceiling, " + how + " (subscriber only acks)", mqttCeiling);
                Result ingest = ingest(mqtt, kafka, seconds, publishers, shared);
                print("Ingest, " + how + " (publish -> telemetry -> Kafka ack)", ingest);
                double lower = Math.min(mqttCeiling.perSecond(), kafkaCeiling.perSecond());
                System.out.printf("ingest / lower ceiling (%s) = %.2f%n", how, ingest.perSecond() / lower);
            }
        }
        System.exit(0);
    }

    record Result(long count, double seconds, Histogram latency) {
        double perSecond() {
            return count / seconds;
        }
    }

    static void print(String what, Result r) {
        System.out.printf("%-66s %9.0f msg/s  p50 %9.2f ms  p99 %9.2f ms  (%d in %.1f s, %d published)%n", what,
                r.perSecond(), r.latency().getValueAtPercentile(50) / 1e6, r.latency().getValueAtPercentile(99) / 1e6,
                r.count(), r.seconds(), PUBLISHED.getAndSet(0));
    }

    /** Publishers → broker → one shared-subscription subscriber that acknowledges at once. */
    static Result mqttCeiling(EmbeddedMqtt mqtt, int seconds, int publishers, boolean shared) throws Exception {
        Histogram latency = new ConcurrentHistogram(3);
        AtomicLong received = new AtomicLong();
        MqttAsyncClient sub = new MqttAsyncClient(mqtt.url(), "bench-ceiling-sub-" + shared, new MemoryPersistence());
        sub.setManualAcks(true);
        sub.setCallback(new Callback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) throws Exception {
                latency.recordValue(Math.max(0, System.nanoTime() - stamp(message.getPayload())));
                received.incrementAndGet();
                outstanding.release();
                sub.messageArrivedComplete(message.getId(), message.getQos());
            }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setReceiveMaximum(256);
        sub.connect(o).waitForCompletion();
        sub.subscribe((shared ? "$share/bench/" : "") + "rutx/+/log/+", 1).waitForCompletion();
        long start = System.nanoTime();
        long[] atDeadline = new long[1];
        runPublishers(mqtt, seconds, publishers, "ceiling" + shared, () -> atDeadline[0] = received.get());
        double elapsed = seconds;
        long count = atDeadline[0];
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
    static Result ingest(EmbeddedMqtt mqtt, EmbeddedKafka kafka, int seconds, int publishers, boolean shared)
            throws Exception {
        Histogram latency = new ConcurrentHistogram(3);
        AtomicLong seen = new AtomicLong();
        AtomicBoolean consuming = new AtomicBoolean(true);
        IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
        TelemetrySettings telemetry = telemetrySettings();
        KafkaSink sink = new KafkaSink(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                telemetry, metrics);
        MqttIngest ingest = new MqttIngest(mqttSettings(mqtt.url(), shared), telemetry,
                new MessageTranslator(TopicParser.defaults(), ClockPolicy.defaults()), sink, metrics,
                Clock.systemUTC());
        Thread consumer = new Thread(() -> consume(kafka, consuming, seen, latency), "bench-consumer");
        consumer.start();
        ingest.start();
        while (!ingest.isReady()) {
            Thread.onSpinWait();
        }
        long[] atDeadline = new long[1];
        runPublishers(mqtt, seconds, publishers, "ingest" + shared, () -> atDeadline[0] = seen.get());
        double elapsed = seconds;
        long count = atDeadline[0];
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
                    outstanding.release();
                }
            }
        }
    }

    /** Each publisher: its own serial, QoS 1, as fast as the broker's receive maximum lets it. */
    static void runPublishers(EmbeddedMqtt mqtt, int seconds, int publishers, String phase, Runnable atDeadline)
            throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        outstanding = new Semaphore(outstandingLimit);
        List<Thread> threads = new ArrayList<>();
        java.util.concurrent.CountDownLatch stoppedPublishing = new java.util.concurrent.CountDownLatch(publishers);
        for (int p = 0; p < publishers; p++) {
            String topic = "rutx/bench" + phase + p + "/log/kernel";
            MqttAsyncClient client = new MqttAsyncClient(mqtt.url(), "bench-pub-" + phase + p, new MemoryPersistence());
            client.connect().waitForCompletion();
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        if (!outstanding.tryAcquire(10, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                            continue;
                        }
                        MqttMessage m = new MqttMessage((LINE + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
                        m.setQos(1);
                        try {
                            client.publish(topic, m);
                            PUBLISHED.incrementAndGet();
                        } catch (MqttException e) {
                            outstanding.release();
                            if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT) {
                                throw e;
                            }
                            Thread.onSpinWait();
                        }
                    }
                    stoppedPublishing.countDown();
                    client.disconnect().waitForCompletion();
                    client.close();
                } catch (MqttException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, "bench-publisher-" + p);
            t.start();
            threads.add(t);
        }
        stoppedPublishing.await(); // every publisher has passed the deadline
        atDeadline.run(); // the measurement window is the publishing window
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
        return TestIngestSettings.telemetry(Duration.ofSeconds(1), false);
    }

    static MqttSettings mqttSettings(String url, boolean shared) {
        return TestIngestSettings.Mqtt.anonymous(url, "bench-telemetry-" + shared,
                shared ? Optional.of("flapguard-telemetry") : Optional.empty(), Duration.ofMinutes(5));
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
