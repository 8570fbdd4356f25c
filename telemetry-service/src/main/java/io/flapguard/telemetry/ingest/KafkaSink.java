package io.flapguard.telemetry.ingest;

import io.flapguard.telemetry.metrics.IngestMetrics;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Produces records with an idempotent, acks=all producer and reports when ALL records of one MQTT
 * message are acknowledged. A record Kafka refuses (broker down past the delivery timeout, metadata
 * timeout) is re-sent after a delay until it is acknowledged: nothing is given up, so the MQTT message
 * stays unacknowledged and the broker keeps it.
 */
@ApplicationScoped
public class KafkaSink {
    private static final Logger LOG = Logger.getLogger(KafkaSink.class);

    private final KafkaProducer<String, byte[]> producer;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "telemetry-kafka-retry");
        t.setDaemon(true);
        return t;
    });
    private final Duration retryDelay;
    private final IngestMetrics metrics;
    private volatile boolean closed;

    @Inject
    public KafkaSink(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            TelemetrySettings settings, IngestMetrics metrics) {
        this.retryDelay = settings.sendRetryDelay();
        this.metrics = metrics;
        this.producer = new KafkaProducer<>(producerConfig(kafkaConfig), new StringSerializer(),
                new ByteArraySerializer());
    }

    /** The service's producer settings over whatever {@code kafka.*} configuration says. */
    public static Map<String, Object> producerConfig(Map<String, Object> kafkaConfig) {
        Map<String, Object> config = new HashMap<>();
        // defaults that suit ingest; kafka.* properties override them
        // up to 5 ms to fill a batch of up to 64 KiB: under load far fewer produce requests (each costs the producer
        // and the broker CPU whatever its size), at most 5 ms more latency when idle
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "flapguard-telemetry");
        config.putAll(kafkaConfig);
        // never overridable: the no-loss guarantee rests on them
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        return config;
    }

    /**
     * Sends every record; {@code onAllAcked} runs once, after Kafka has acknowledged the last of them
     * (on a producer thread). It never runs if the sink closes first.
     */
    public void sendAll(List<ProducerRecord<String, byte[]>> records, Runnable onAllAcked,
            Consumer<ProducerRecord<String, byte[]>> onEachAcked) {
        if (records.isEmpty()) {
            onAllAcked.run();
            return;
        }
        AtomicInteger remaining = new AtomicInteger(records.size());
        for (ProducerRecord<String, byte[]> record : records) {
            send(record, () -> {
                onEachAcked.accept(record);
                if (remaining.decrementAndGet() == 0) {
                    onAllAcked.run();
                }
            });
        }
    }

    private void send(ProducerRecord<String, byte[]> record, Runnable onAck) {
        if (closed) {
            return;
        }
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    onAck.run();
                } else {
                    retryLater(record, onAck, error);
                }
            });
        } catch (RuntimeException e) {
            retryLater(record, onAck, e);
        }
    }

    private void retryLater(ProducerRecord<String, byte[]> record, Runnable onAck, Exception error) {
        if (closed) {
            return;
        }
        metrics.sendRetried();
        LOG.warnf("Kafka did not take a record for %s (%s); retrying in %d ms", record.topic(),
                error.getMessage(), retryDelay.toMillis());
        try {
            retries.schedule(() -> send(record, onAck), retryDelay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing: the MQTT message stays unacknowledged and is redelivered
        }
    }

    @PreDestroy
    void close() {
        closed = true;
        retries.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}
