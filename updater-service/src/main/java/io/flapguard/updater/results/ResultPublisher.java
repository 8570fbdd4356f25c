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

/** Publishes progress and results keyed by serial; terminal results wait for the broker's acknowledgement. */
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

    public void publish(RemediationResult result) {
        var sent = producer.send(new ProducerRecord<>(topic, result.serial(), WireCodec.encode(result)));
        if (result.status().isTerminal()) {
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
