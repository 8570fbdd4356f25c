package io.flapguard.updater.jobs;

import io.flapguard.updater.rollout.RolloutRecord;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

/**
 * Job state in a compacted Kafka topic keyed by command id, plus each rollout's state keyed {@code rollout:<id>}. Every write waits for the broker's acknowledgement
 * (acks=all, idempotent), so when {@link #save} returns the state survives a crash of this service.
 */
public final class KafkaJobStore implements AutoCloseable {
    private final String bootstrap;
    private final String topic;
    private final KafkaProducer<String, byte[]> producer;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Map<String, JobRecord> latest = new ConcurrentHashMap<>();
    private final Map<String, RolloutRecord> rollouts = new ConcurrentHashMap<>();

    public KafkaJobStore(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Creates the compacted topic if needed and reads every job's last state. */
    public Map<String, JobRecord> load() {
        ensureTopic();
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
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
                    if (r.key() != null && r.key().startsWith(RolloutRecord.KEY_PREFIX)) {
                        readRollout(r.key(), r.value());
                    } else if (r.value() == null) {
                        read.remove(r.key());
                    } else {
                        read.put(r.key(), decode(r.value()));
                    }
                }
            }
        }
        latest.putAll(read);
        return read;
    }

    /** Rollout states read by {@link #load}, by rollout id. */
    public Map<String, RolloutRecord> rollouts() {
        return Map.copyOf(rollouts);
    }

    /** Writes a rollout's state and waits for the broker, like {@link #save}. */
    public void saveRollout(RolloutRecord record) {
        write(record.key(), record);
        rollouts.put(record.rolloutId(), record);
    }

    private void readRollout(String key, byte[] value) {
        String id = key.substring(RolloutRecord.KEY_PREFIX.length());
        if (value == null) {
            rollouts.remove(id);
            return;
        }
        try {
            rollouts.put(id, json.readValue(value, RolloutRecord.class));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable rollout record " + key, e);
        }
    }

    public Optional<JobRecord> get(String commandId) {
        return Optional.ofNullable(latest.get(commandId));
    }

    /** Writes and waits for the broker; throws if the state could not be made durable. */
    public void save(JobRecord record) {
        write(record.commandId(), record);
        latest.put(record.commandId(), record);
    }

    private void write(String key, Object record) {
        try {
            producer.send(new ProducerRecord<>(topic, key, json.writeValueAsBytes(record))).get(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while saving job state", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("state of " + key + " not durable: " + e.getMessage(), e);
        }
    }

    private JobRecord decode(byte[] bytes) {
        try {
            return json.readValue(bytes, JobRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable job record", e);
        }
    }

    private void ensureTopic() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
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
