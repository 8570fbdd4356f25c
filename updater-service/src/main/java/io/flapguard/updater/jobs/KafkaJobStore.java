package io.flapguard.updater.jobs;

import io.flapguard.updater.rollout.RolloutRecord;
import io.flapguard.wire.RemediationCommand;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Job state in a compacted Kafka topic keyed {@code job/<command id>}, plus each rollout's state keyed
 * {@code rollout/<id>}: two key spaces that no command id can reach (ids are {@code cmd-<hex>}). Every write waits
 * for the broker's acknowledgement (acks=all, idempotent), so when {@link #save} returns the state survives a crash
 * of this service. Values are in {@link JobTopicFormat}. A record that cannot be read at start is skipped, logged and counted; it never stops the start.
 */
public final class KafkaJobStore implements AutoCloseable {
    public static final String JOB_KEY_PREFIX = "job/";
    private static final Logger LOG = Logger.getLogger(KafkaJobStore.class);
    private final Map<String, Object> kafka;
    private final String topic;
    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, JobRecord> latest = new ConcurrentHashMap<>();
    private final Map<String, RolloutRecord> rollouts = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private int skipped;

    /**
     * @param kafka the service's Kafka client settings (every {@code kafka.*} property: bootstrap servers, security
     *              protocol, SASL, TLS); its producer, consumer and admin client are all built from them
     */
    public KafkaJobStore(Map<String, Object> kafka, String topic) {
        this.kafka = Map.copyOf(kafka);
        this.topic = topic;
        Map<String, Object> p = new HashMap<>(this.kafka);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Creates the compacted topic if needed and reads every job's last state. */
    public Map<String, JobRecord> load() {
        ensureTopic();
        Map<String, Object> p = new HashMap<>(kafka);
        p.put("enable.auto.commit", false);
        Map<String, JobRecord> read = new LinkedHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        readRecord(r, read);
                    } catch (IOException | RuntimeException e) {
                        skipped++;
                        LOG.warnf("%s offset %d: skipping unreadable record (key '%s'): %s", topic, r.offset(),
                                printable(r.key()), oneLine(e));
                    }
                }
            }
        }
        latest.putAll(read);
        return read;
    }

    private void readRecord(ConsumerRecord<String, byte[]> r, Map<String, JobRecord> read) throws IOException {
        String key = r.key() == null ? "" : r.key();
        if (key.startsWith(RolloutRecord.KEY_PREFIX) || key.startsWith(RolloutRecord.LEGACY_KEY_PREFIX)) {
            readRollout(key.substring(key.indexOf(key.startsWith(RolloutRecord.KEY_PREFIX) ? '/' : ':') + 1), r.value());
            return;
        }
        // Jobs written before the key spaces existed were keyed by the bare command id.
        String id = key.startsWith(JOB_KEY_PREFIX) ? key.substring(JOB_KEY_PREFIX.length()) : key;
        if (!RemediationCommand.ID_PATTERN.matcher(id).matches()) {
            throw new IOException("key is neither job/<command id> nor rollout/<id>");
        }
        if (r.value() == null) {
            read.remove(id);
            return;
        }
        JobRecord job = JobTopicFormat.decodeJob(r.value());
        if (!id.equals(job.commandId()) || job.command() == null || !id.equals(job.command().commandId())) {
            throw new IOException("job record does not belong to its key");
        }
        read.put(id, job);
    }

    /** How many records {@link #load} skipped because they could not be read. */
    public int skipped() {
        return skipped;
    }

    /** Rollout states read by {@link #load}, by rollout id. */
    public Map<String, RolloutRecord> rollouts() {
        return Map.copyOf(rollouts);
    }

    /** Writes a rollout's state and waits for the broker, like {@link #save}. */
    public void saveRollout(RolloutRecord record) {
        write(record.key(), JobTopicFormat.encode(record));
        rollouts.put(record.rolloutId(), record);
    }

    private void readRollout(String id, byte[] value) throws IOException {
        if (value == null) {
            rollouts.remove(id);
            return;
        }
        RolloutRecord record = JobTopicFormat.decodeRollout(value);
        if (!id.equals(record.rolloutId())) {
            throw new IOException("rollout record does not belong to its key");
        }
        rollouts.put(id, record);
    }

    public Optional<JobRecord> get(String commandId) {
        return Optional.ofNullable(latest.get(commandId));
    }

    /** Writes and waits for the broker; throws if the state could not be made durable. */
    public void save(JobRecord record) {
        synchronized (lockFor(record.commandId())) {
            write(JOB_KEY_PREFIX + record.commandId(), JobTopicFormat.encode(record));
            latest.put(record.commandId(), record);
        }
    }

    /**
     * Applies {@code change} to the job's latest state and saves the result, one writer per job at a time (the
     * outbox sender and the job's worker both write a job). Throws, leaving the state unchanged, if it is not durable.
     */
    public JobRecord update(String commandId, UnaryOperator<JobRecord> change) {
        synchronized (lockFor(commandId)) {
            JobRecord next = change.apply(get(commandId).orElseThrow(() -> new IllegalStateException("no job " + commandId)));
            save(next);
            return next;
        }
    }

    /** Every job's latest state (for the outbox after a restart). */
    public List<JobRecord> all() {
        return List.copyOf(latest.values());
    }

    private Object lockFor(String commandId) {
        return locks.computeIfAbsent(commandId, id -> new Object());
    }

    private void write(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while saving job state", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("state of " + key + " not durable: " + e.getMessage(), e);
        }
    }

    private static String printable(String key) {
        if (key == null) {
            return "(none)";
        }
        String p = key.replaceAll("[^\\x20-\\x7e]", "?");
        return p.length() > 80 ? p.substring(0, 80) + "..." : p;
    }

    private static String oneLine(Exception e) {
        String m = String.valueOf(e.getMessage()).replaceAll("[\\r\\n]+", " ");
        return e.getClass().getSimpleName() + ": " + (m.length() > 200 ? m.substring(0, 200) + "..." : m);
    }

    private void ensureTopic() {
        try (Admin admin = Admin.create(kafka)) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact"))))
                        .all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + topic + ": " + e.getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer while creating " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
