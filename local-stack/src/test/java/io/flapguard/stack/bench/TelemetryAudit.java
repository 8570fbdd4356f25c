package io.flapguard.stack.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a telemetry topic from the start to the end offsets and counts its records and their distinct stable ids
 * (telemetry gives every record an id made of its input, so a redelivered MQTT message yields the same id):
 * records − distinct = duplicates, published − distinct = lost.
 */
final class TelemetryAudit {
    private static final byte[] ID_FIELD = "\"id\":\"".getBytes(StandardCharsets.US_ASCII);

    record Counts(long records, long distinct, long withoutId) {
        long duplicates() {
            return records - distinct - withoutId;
        }
    }

    static Counts count(Map<String, Object> clientSettings, String topic, Map<TopicPartition, Long> ends) {
        Map<String, Object> p = new HashMap<>(clientSettings);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Set<Long> ids = new HashSet<>();
        long records = 0;
        long withoutId = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = List.copyOf(ends.keySet());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    if (r.offset() >= ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    records++;
                    long id = idPrefix(r.value());
                    if (id == Long.MIN_VALUE) {
                        withoutId++;
                    } else {
                        ids.add(id);
                    }
                }
            }
        }
        return new Counts(records, ids.size(), withoutId);
    }

    /** The first 64 bits of the record's 128-bit hex id (collisions among a few million: about 1 in 10^6). */
    private static long idPrefix(byte[] value) {
        int at = indexOf(value, ID_FIELD);
        if (at < 0 || at + ID_FIELD.length + 16 > value.length) {
            return Long.MIN_VALUE;
        }
        return Long.parseUnsignedLong(new String(value, at + ID_FIELD.length, 16, StandardCharsets.US_ASCII), 16);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
