package io.flapguard.telemetry.bench;

import io.flapguard.brokers.EmbeddedKafka;
import io.flapguard.brokers.EmbeddedMqtt;
import io.flapguard.telemetry.ingest.KafkaSink;
import io.flapguard.telemetry.ingest.MqttIngest;
import io.flapguard.telemetry.ingest.MosquittoBroker;
import io.flapguard.telemetry.ingest.PahoSockets;
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
 * (acks=all), and in the same run on the same brokers the raw ceilings: MQTT broker → subscribers that only ack
 * (one connection, and as many connections as the ingest has), and a Kafka producer alone. Arguments:
 * {@code [seconds per phase] [publishers] [outstanding] [hivemq|mosquitto|both] [ingest connections]}:
 * publishers run a closed loop with at most {@code outstanding} messages published but not yet seen at the far
 * end (subscriber or Kafka consumer), so queues stay bounded and latency means something. {@code mosquitto} runs
 * the system's {@code mosquitto} as its own process (open, in memory), {@code hivemq} the embedded broker.
 */
public final class IngestLoadHarness {
    static final String LINE = "[422506.592997] usb 1-1: USB disconnect, device number 5 t=";
    static final AtomicLong PUBLISHED = new AtomicLong();
    /** Closed loop: at most this many messages published and not yet seen at the far end, so queues stay bounded. */
    static int outstandingLimit = 2000;
    static volatile Semaphore outstanding = new Semaphore(outstandingLimit);

    public static void main(String[] args) throws Exception {
        serviceLogLevels();
        Cpu.sincePrevious();
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int publishers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        outstandingLimit = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        String brokers = args.length > 3 ? args[3] : "both";
        int connections = args.length > 4 ? Integer.parseInt(args[4]) : TestIngestSettings.Mqtt.CONNECTIONS;
        Path dir = Files.createTempDirectory("flapguard-load");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir, 0)) {
            kafka.createTopics(List.of(Topics.TELEMETRY, Topics.TELEMETRY_DLQ, "bench.raw"), 1, Map.of());
            System.out.printf("load: %d s per phase, %d MQTT publishers, QoS 1, acks=all, at most %d messages between"
                    + " publisher and far end, ingest with %d MQTT connections, %d cores%n", seconds, publishers,
                    outstandingLimit, connections, Runtime.getRuntime().availableProcessors());
            Result kafkaCeiling = kafkaCeiling(kafka, seconds);
            print("Kafka ceiling (producer alone, acks=all, idempotent)", kafkaCeiling);
            if (!brokers.equals("mosquitto")) {
                try (EmbeddedMqtt mqtt = EmbeddedMqtt.startOpen(dir, 0, false)) {
                    compare("embedded HiveMQ CE", mqtt.url(), kafka, kafkaCeiling, seconds, publishers, connections);
                }
            }
            if (!brokers.equals("hivemq")) {
                try (MosquittoBroker mosquitto = MosquittoBroker.startOpen(dir.resolve("mosquitto"))) {
                    Cpu.brokerStarted(mosquitto.process());
                    compare("Mosquitto", mosquitto.url(), kafka, kafkaCeiling, seconds, publishers, connections);
                }
            }
        }
        System.exit(0);
    }

    /**
     * The service's log levels (application.properties: INFO, Kafka clients WARN). Without them the log manager on
     * this class path is at ALL, and the Kafka clients and broker format a TRACE line for every record sent.
     */
    static void serviceLogLevels() {
        org.jboss.logmanager.LogContext logs = org.jboss.logmanager.LogContext.getSystemLogContext();
        logs.getLogger("").setLevel(java.util.logging.Level.INFO);
        logs.getLogger("org.apache.kafka").setLevel(java.util.logging.Level.WARNING);
        logs.getLogger("kafka").setLevel(java.util.logging.Level.WARNING);
        logs.getLogger("com.hivemq").setLevel(java.util.logging.Level.WARNING);
    }

    /** On one broker: its raw ceiling to one subscriber and to {@code connections} subscribers, then the ingest. */
    static void compare(String broker, String url, EmbeddedKafka kafka, Result kafkaCeiling, int seconds,
            int publishers, int connections) throws Exception {
        mqttCeiling(url, Math.min(5, seconds), publishers, connections); // warm-up (JIT, broker), not reported
        PUBLISHED.set(0);
        Cpu.sincePrevious(); // not the broker's start nor the warm-up
        Result one = mqttCeiling(url, seconds, publishers, 1);
        print(broker + ": MQTT ceiling, 1 subscriber (only acks)", one);
        Result many = one;
        if (connections > 1) {
            many = mqttCeiling(url, seconds, publishers, connections);
            print(broker + ": MQTT ceiling, " + connections + " subscribers in a shared group", many);
        }
        // last: the ingest leaves persistent sessions behind, which a broker keeps queueing for
        Result ingest = ingest(url, kafka, seconds, publishers, connections);
        print(broker + ": ingest, " + connections + " connections (publish -> Kafka ack)", ingest);
        System.out.printf("%s: ingest / ceiling to 1 subscriber = %.2f; ingest / ceiling to %d subscribers = %.2f;"
                + " ingest / Kafka ceiling = %.2f%n", broker, ingest.perSecond() / one.perSecond(), connections,
                ingest.perSecond() / many.perSecond(), ingest.perSecond() / kafkaCeiling.perSecond());
    }

    record Result(long count, double seconds, Histogram latency) {
        double perSecond() {
            return count / seconds;
        }
    }

    static void print(String what, Result r) {
        System.out.printf("%-66s %9.0f msg/s  p50 %9.2f ms  p99 %9.2f ms  (%d in %.1f s, %d published; %s)%n", what,
                r.perSecond(), r.latency().getValueAtPercentile(50) / 1e6, r.latency().getValueAtPercentile(99) / 1e6,
                r.count(), r.seconds(), PUBLISHED.getAndSet(0), Cpu.sincePrevious());
    }

    /**
     * CPU used since the previous call, in cores: this JVM (publishers, subscribers or ingest, Kafka, and the embedded
     * HiveMQ when it is the broker), Mosquitto's process when it is, and the whole machine (shared with other builds).
     */
    static final class Cpu {
        static volatile ProcessHandle broker;
        private static long wall = System.nanoTime();
        private static long jvm = cpu(ProcessHandle.current());
        private static long brokerCpu;
        private static long[] machine = machine();

        static synchronized String sincePrevious() {
            long now = System.nanoTime();
            long j = cpu(ProcessHandle.current());
            long b = broker == null ? 0 : cpu(broker);
            long[] m = machine();
            double seconds = (now - wall) / 1e9;
            String out = String.format("CPU cores: JVM %.2f, Mosquitto %.2f, machine busy %.0f%% of %d", (j - jvm) / 1e9
                    / seconds, broker == null ? 0 : (b - brokerCpu) / 1e9 / seconds, 100.0 * (m[0] - machine[0])
                    / Math.max(1, m[1] - machine[1]), Runtime.getRuntime().availableProcessors());
            wall = now;
            jvm = j;
            brokerCpu = b;
            machine = m;
            return out;
        }

        static void brokerStarted(ProcessHandle process) {
            broker = process;
            brokerCpu = cpu(process);
        }

        private static long cpu(ProcessHandle p) {
            return p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
        }

        /** {busy, total} jiffies from /proc/stat. */
        private static long[] machine() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < f.length; i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                return new long[] {total - idle, total};
            } catch (java.io.IOException | RuntimeException e) {
                return new long[] {0, 0};
            }
        }
    }

    /** Publishers → broker → {@code subscribers} members of one shared group that acknowledge at once. */
    static Result mqttCeiling(String url, int seconds, int publishers, int subscribers) throws Exception {
        Histogram latency = new ConcurrentHistogram(3);
        AtomicLong received = new AtomicLong();
        List<MqttAsyncClient> subs = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            MqttAsyncClient sub = new MqttAsyncClient(url, "bench-ceiling-sub-" + subscribers + "-" + i,
                    new MemoryPersistence());
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
            if (!Boolean.getBoolean("ceiling.nagle")) {
                o.setSocketFactory(PahoSockets.INSTANCE); // as the ingest's connections
            }
            sub.connect(o).waitForCompletion();
            sub.subscribe("$share/bench/rutx/+/log/+", 1).waitForCompletion();
            subs.add(sub);
        }
        long[] atDeadline = new long[1];
        runPublishers(url, seconds, publishers, "ceiling" + subscribers, () -> atDeadline[0] = received.get());
        for (MqttAsyncClient sub : subs) {
            sub.disconnect().waitForCompletion();
            sub.close();
        }
        return new Result(atDeadline[0], seconds, latency);
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
    static Result ingest(String url, EmbeddedKafka kafka, int seconds, int publishers, int connections)
            throws Exception {
        Histogram latency = new ConcurrentHistogram(3);
        AtomicLong seen = new AtomicLong();
        AtomicBoolean consuming = new AtomicBoolean(true);
        IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry());
        TelemetrySettings telemetry = telemetrySettings();
        KafkaSink sink = new KafkaSink(kafkaConfig(kafka), telemetry, metrics);
        MqttIngest ingest = new MqttIngest(mqttSettings(url, connections), telemetry,
                new MessageTranslator(TopicParser.defaults(), ClockPolicy.defaults()), sink, metrics,
                Clock.systemUTC());
        Thread consumer = new Thread(() -> consume(kafka, consuming, seen, latency), "bench-consumer");
        consumer.start();
        ingest.start();
        while (!ingest.isReady()) {
            Thread.onSpinWait();
        }
        long[] atDeadline = new long[1];
        runPublishers(url, seconds, publishers, "ingest" + connections, () -> atDeadline[0] = seen.get());
        double elapsed = seconds;
        long count = atDeadline[0];
        consuming.set(false);
        consumer.join();
        ingest.stop();
        return new Result(count, elapsed, latency);
    }

    /** The ingest's {@code kafka.*} configuration: the bootstrap servers, plus any {@code -Dkafka.<key>=<value>}. */
    static Map<String, Object> kafkaConfig(EmbeddedKafka kafka) {
        Map<String, Object> config = new java.util.HashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("kafka."))
                .forEach(k -> config.put(k.substring("kafka.".length()), System.getProperty(k)));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return config;
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
    static void runPublishers(String url, int seconds, int publishers, String phase, Runnable atDeadline)
            throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        outstanding = new Semaphore(outstandingLimit);
        List<Thread> threads = new ArrayList<>();
        java.util.concurrent.CountDownLatch stoppedPublishing = new java.util.concurrent.CountDownLatch(publishers);
        for (int p = 0; p < publishers; p++) {
            String topic = "rutx/bench" + phase + p + "/log/kernel";
            MqttAsyncClient client = new MqttAsyncClient(url, "bench-pub-" + phase + p, new MemoryPersistence());
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

    static MqttSettings mqttSettings(String url, int connections) {
        return TestIngestSettings.Mqtt.anonymous(url, "bench-telemetry", Optional.of("flapguard-telemetry"),
                Duration.ofMinutes(5)).withConnections(connections);
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
