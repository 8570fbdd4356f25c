package io.flapguard.updater.results;

import io.flapguard.wire.RemediationResult;
import io.flapguard.wire.WireCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes progress and results keyed by serial. Results that report a state change go through the
 * {@link ResultOutbox} and {@link #deliver}; progress is best effort.
 */
public final class ResultPublisher implements AutoCloseable {
    private final String topic;
    private final KafkaProducer<String, byte[]> producer;

    /** @param kafka the service's Kafka client settings (every {@code kafka.*} property), as the job store gets them */
    public ResultPublisher(Map<String, Object> kafka, String topic) {
        this.topic = topic;
        Map<String, Object> p = new HashMap<>(kafka);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends a result; a terminal one waits for the broker's acknowledgement (throws if it does not come). */
    public void publish(RemediationResult result) {
        send(result, result.status().isTerminal());
    }

    /** Sends a result and waits for the broker's acknowledgement whatever its status (the outbox's delivery). */
    public void deliver(RemediationResult result) {
        send(result, true);
    }

    private void send(RemediationResult result, boolean waitForAck) {
        var sent = producer.send(new ProducerRecord<>(topic, result.serial(), WireCodec.encode(result)));
        if (waitForAck) {
            try {
                sent.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("result of " + result.commandId() + " not published: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
