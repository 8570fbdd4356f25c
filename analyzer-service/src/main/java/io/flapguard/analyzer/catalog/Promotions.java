package io.flapguard.analyzer.catalog;

import io.flapguard.analyzer.config.AnalyzerConfig;
import io.flapguard.analyzer.config.KafkaClients;
import io.flapguard.analyzer.domain.FleetFact;
import io.flapguard.analyzer.store.JsonSerde;
import io.flapguard.wire.FirmwareVersion;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Turns a learned suggestion (or any checked bad → good pair) into a catalog entry: a promotion fact on the facts
 * topic, so every instance sees it in its global store and routers of that firmware get commands from then on.
 * Validated strictly: firmware names, one module prefix, never a downgrade.
 */
@ApplicationScoped
public class Promotions {
    private static final Pattern MODEM_MODEL = Pattern.compile("[A-Z0-9]{2,16}");
    private static final int MAX_REASON = 500;

    @Inject
    AnalyzerConfig config;

    @Inject
    KafkaClients clients;

    private KafkaProducer<String, FleetFact> producer;
    Clock clock = Clock.systemUTC();

    /** Refused promotion: the message says why in one line. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    public FleetFact.Promotion promote(PromotionRequest r, String who) {
        if (r == null || r.modemModel() == null || !MODEM_MODEL.matcher(r.modemModel()).matches()) {
            throw new Refused("modemModel must match " + MODEM_MODEL.pattern());
        }
        if (!FirmwareVersion.isValid(r.fromFirmware()) || !FirmwareVersion.isValid(r.toFirmware())) {
            throw new Refused("fromFirmware and toFirmware must match " + FirmwareVersion.PATTERN.pattern());
        }
        if (!FirmwareVersion.modulePrefix(r.fromFirmware()).equals(FirmwareVersion.modulePrefix(r.toFirmware()))) {
            throw new Refused("fromFirmware and toFirmware must share their module prefix (first 8 characters)");
        }
        if (r.toFirmware().compareTo(r.fromFirmware()) <= 0) {
            throw new Refused("toFirmware must be newer than fromFirmware (no downgrades)");
        }
        if (r.reason() == null || r.reason().isBlank() || r.reason().length() > MAX_REASON) {
            throw new Refused("a reason (1-" + MAX_REASON + " characters) is required");
        }
        FleetFact.Promotion p = new FleetFact.Promotion(r.modemModel(), r.fromFirmware(), r.toFirmware(), who,
                Instant.now(clock), r.reason().strip());
        send(FleetFact.promotionKey(p.modemModel(), p.fromFirmware()), new FleetFact(null, null, null, p));
        return p;
    }

    private synchronized void send(String key, FleetFact fact) {
        if (producer == null) {
            Map<String, Object> props = clients.settings();
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producer = new KafkaProducer<>(props, new StringSerializer(), new JsonSerde<>(FleetFact.class).serializer());
        }
        try {
            producer.send(new ProducerRecord<>(config.topics().facts(), key, fact)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording the promotion", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the promotion could not be recorded on " + config.topics().facts() + ": "
                    + e.getMessage(), e);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
