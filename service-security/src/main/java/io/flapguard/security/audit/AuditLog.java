package io.flapguard.security.audit;

import io.flapguard.wire.AuditRecord;
import io.flapguard.wire.WireCodec;
import io.flapguard.wire.WireFormatException;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads the audit trail back in pages, straight from the topic (no copy to keep in step): the position of a
 * record in partition 0 is its sequence number and the paging cursor.
 */
@ApplicationScoped
public class AuditLog {
    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** One record with its place in the trail. */
    public record Entry(long seq, AuditRecord record) {
    }

    /** Up to {@code limit} entries after {@code after}; {@code next} is the cursor for the following page. */
    public record Page(List<Entry> items, long next) {
    }

    private final Map<String, Object> kafka;
    private final String topic;

    @Inject
    AuditLog(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "flapguard.audit.topic", defaultValue = "flapguard.audit.v1") String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    /** @param after the last sequence number already seen, -1 for the start of the trail */
    public Page page(long after, int limit) {
        Map<String, Object> p = new HashMap<>(kafka);
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, limit);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        List<Entry> items = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            if (consumer.partitionsFor(topic, TIMEOUT).isEmpty()) {
                return new Page(items, after);
            }
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), TIMEOUT).get(tp);
            consumer.seek(tp, Math.max(after + 1, 0));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (items.size() < limit && consumer.position(tp, TIMEOUT) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (items.size() < limit) {
                        decode(r).ifPresent(items::add);
                    }
                }
            }
        }
        return new Page(items, items.isEmpty() ? after : items.get(items.size() - 1).seq());
    }

    private java.util.Optional<Entry> decode(ConsumerRecord<String, byte[]> r) {
        try {
            return java.util.Optional.of(new Entry(r.offset(), WireCodec.decode(r.value(), AuditRecord.class)));
        } catch (WireFormatException e) {
            LOG.warnf("audit record at %s-%d skipped: %s", r.topic(), r.offset(), e.getMessage());
            return java.util.Optional.empty();
        }
    }
}
