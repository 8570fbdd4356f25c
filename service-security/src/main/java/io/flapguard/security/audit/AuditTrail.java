package io.flapguard.security.audit;

import io.flapguard.wire.AuditRecord;
import io.flapguard.wire.WireCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Writes audit records to {@code flapguard.audit.topic}, partition 0 (one order for the whole trail), from the
 * service's common Kafka settings ({@code kafka.*}). Any service can record an action that is not a REST call
 * (a setting changed at run time) with {@link #record}. A record that cannot be written is logged in one line and
 * counted in {@code flapguard_audit_write_failures_total}; the action itself is not undone.
 */
@ApplicationScoped
public class AuditTrail {
    private static final Logger LOG = Logger.getLogger(AuditTrail.class);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final String service;
    private final Clock clock = Clock.systemUTC();
    private final Map<AuditRecord.Outcome, Counter> written = new java.util.EnumMap<>(AuditRecord.Outcome.class);
    private final Counter failures;

    @Inject
    AuditTrail(@Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "flapguard.audit.topic", defaultValue = "flapguard.audit.v1") String topic,
            @ConfigProperty(name = "quarkus.application.name") String service, MeterRegistry meters) {
        Map<String, Object> p = new HashMap<>(kafka);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.service = service;
        for (AuditRecord.Outcome o : AuditRecord.Outcome.values()) {
            written.put(o, Counter.builder("flapguard.audit.records").tag("outcome", o.name().toLowerCase())
                    .description("Audit records written to Kafka, by outcome (accepted, refused, rejected)")
                    .register(meters));
        }
        this.failures = Counter.builder("flapguard.audit.write.failures")
                .description("Audit records that could not be written to Kafka").register(meters);
    }

    /** Records one attempt by {@code who}; {@code status} is the HTTP status (or its equivalent) it was answered. */
    public void record(String who, String action, String target, String reason, int status, String detail) {
        AuditRecord record = AuditRecord.of(clock.instant(), who, service, action, target, reason, status, detail);
        LOG.infof("audit: %s %s %s by %s (%d)", record.outcome(), record.action(),
                record.target() == null ? "-" : record.target(), record.who(), record.status());
        try {
            producer.send(new ProducerRecord<>(topic, 0, record.target(), WireCodec.encode(record)), (meta, e) -> {
                if (e == null) {
                    written.get(record.outcome()).increment();
                } else {
                    failures.increment();
                    LOG.warnf("audit record %s not written to %s: %s", record.id(), topic, e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            failures.increment();
            LOG.warnf("audit record %s not written to %s: %s", record.id(), topic, e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
