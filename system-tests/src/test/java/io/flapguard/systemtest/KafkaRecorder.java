package io.flapguard.systemtest;

import io.flapguard.wire.WireCodec;
import io.flapguard.wire.WireMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads FlapGuard topics from the start in the background and keeps every record with when it was seen. */
final class KafkaRecorder implements AutoCloseable {
    record Seen(String topic, String key, byte[] value, Instant seenAt) {
        <T extends WireMessage> T as(Class<T> type) {
            return WireCodec.decode(value, type);
        }
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    /** @param kafka client settings (bootstrap servers and any security settings) */
    KafkaRecorder(java.util.Map<String, Object> kafka, List<String> topics) {
        java.util.Map<String, Object> p = new java.util.HashMap<>(kafka);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "system-test-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // what a downstream consumer sees: the analyzer writes in transactions, aborted ones are not its output
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(topics);
        thread = new Thread(this::poll, "kafka-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(new Seen(r.topic(), r.key(), r.value(),
                        Instant.now())));
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    <T extends WireMessage> List<T> all(String topic, Class<T> type) {
        return seen.stream().filter(s -> s.topic().equals(topic)).map(s -> s.as(type)).toList();
    }

    List<Seen> seen(String topic) {
        return seen.stream().filter(s -> s.topic().equals(topic)).toList();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
