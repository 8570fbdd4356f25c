package io.flapguard.stack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flapguard.wire.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows the analyzer's output during the run: which routers got a FIRMWARE diagnosis and which got a
 * remediation command, and when (seconds since the watch started), split into the flapping routers and the rest.
 */
final class DiagnosisWatch implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> flapping;
    private final Map<String, Double> firmware = new ConcurrentHashMap<>();
    private final Map<String, Double> commanded = new ConcurrentHashMap<>();
    private final Map<String, String> lastCause = new ConcurrentHashMap<>();
    private final long startNanos = System.nanoTime();
    private final Thread thread;
    private volatile boolean running = true;

    DiagnosisWatch(Map<String, Object> clientSettings, Set<String> flapping) {
        this.flapping = flapping;
        Map<String, Object> p = new HashMap<>(clientSettings);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "fleet-scale-watch");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        thread = new Thread(() -> follow(p), "diagnosis-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow(Map<String, Object> settings) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings)) {
            consumer.subscribe(List.of(Topics.DIAGNOSES, Topics.COMMANDS));
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    take(r);
                }
            }
        }
    }

    private void take(ConsumerRecord<byte[], byte[]> r) {
        try {
            JsonNode node = JSON.readTree(r.value());
            String serial = node.path("serial").asText();
            double at = (System.nanoTime() - startNanos) / 1e9;
            if (r.topic().equals(Topics.COMMANDS)) {
                commanded.putIfAbsent(serial, at);
            } else {
                String cause = node.path("cause").asText();
                lastCause.put(serial, cause);
                if (cause.equals("FIRMWARE")) {
                    firmware.putIfAbsent(serial, at);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a record the watch cannot read is not what it counts
        }
    }

    /** Flapping routers that got a FIRMWARE diagnosis at some point. */
    long firmwareFlapping() {
        return firmware.keySet().stream().filter(flapping::contains).count();
    }

    /** Routers outside the flapping group that got a FIRMWARE diagnosis: false positives. */
    long firmwareOthers() {
        return firmware.size() - firmwareFlapping();
    }

    long commandedFlapping() {
        return commanded.keySet().stream().filter(flapping::contains).count();
    }

    long commandedOthers() {
        return commanded.size() - commandedFlapping();
    }

    /** Seconds since the start until the n-th flapping router got FIRMWARE (n from 1); -1 if not that many. */
    double firmwareAfter(int n) {
        List<Double> times = firmware.entrySet().stream().filter(e -> flapping.contains(e.getKey()))
                .map(Map.Entry::getValue).sorted().toList();
        return times.size() >= n ? times.get(n - 1) : -1;
    }

    /** The latest cause of every diagnosed router, counted. */
    Map<String, Long> latestCauses() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        lastCause.values().forEach(c -> counts.merge(c, 1L, Long::sum));
        return counts;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
