package io.flapguard.telemetry.ingest;

import io.flapguard.telemetry.metrics.IngestMetrics;
import io.flapguard.telemetry.parse.MessageTranslator;
import io.flapguard.telemetry.parse.TopicKind;
import io.flapguard.telemetry.parse.Translation;
import io.flapguard.telemetry.parse.UnreadableField;
import io.flapguard.wire.DeadLetter;
import io.flapguard.wire.RejectReason;
import io.flapguard.wire.TelemetryMessage;
import io.flapguard.wire.WireCodec;
import io.flapguard.wire.WireFormatException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.jboss.logging.Logger;

/**
 * MQTT → Kafka, at least once. {@code connections} MQTT 5 connections, each with its own persistent session, all
 * members of the shared group, QoS 1, manual acks: a message is acknowledged to the broker only after Kafka
 * acknowledged every record made from it, and each connection acknowledges in arrival order as MQTT requires
 * ({@link IngestConnection}, {@link AckQueue}). Kafka sends are asynchronous: many messages are in flight at once,
 * at most {@code max-in-flight} per connection (broker receive maximum plus a local semaphore), so a slow or absent
 * Kafka slows ingest and the broker keeps the backlog.
 */
@ApplicationScoped
public class MqttIngest {
    private static final Logger LOG = Logger.getLogger(MqttIngest.class);

    private final MqttSettings settings;
    private final TelemetrySettings telemetry;
    private final MessageTranslator translator;
    private final KafkaSink sink;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final List<IngestConnection> connections;

    public MqttIngest(MqttSettings settings, TelemetrySettings telemetry, MessageTranslator translator,
            KafkaSink sink, IngestMetrics metrics, Clock clock) {
        this.settings = settings;
        this.telemetry = telemetry;
        this.translator = translator;
        this.sink = sink;
        this.metrics = metrics;
        this.clock = clock;
        MqttCredentials credentials = new MqttCredentials(settings);
        List<IngestConnection> list = new ArrayList<>();
        for (String id : clientIds(settings)) {
            list.add(new IngestConnection(settings, id, credentials, this::handle, metrics));
        }
        this.connections = List.copyOf(list);
        metrics.connectedFrom(this::isReady);
    }

    /**
     * The client ids of the connections: the first is {@code client-id} itself (so an instance keeps its session
     * across an upgrade), the others {@code client-id-2} ... Without a shared group every connection would receive
     * every message, so there is only one.
     */
    static List<String> clientIds(MqttSettings settings) {
        int n = Math.max(1, settings.connections());
        if (n > 1 && settings.sharedGroup().filter(g -> !g.isBlank()).isEmpty()) {
            LOG.warnf("flapguard.mqtt.connections=%d needs a shared group (flapguard.mqtt.shared-group): using one"
                    + " connection", n);
            n = 1;
        }
        List<String> ids = new ArrayList<>();
        ids.add(settings.clientId());
        for (int i = 2; i <= n; i++) {
            ids.add(settings.clientId() + "-" + i);
        }
        return ids;
    }

    void onStart(@Observes StartupEvent event) {
        if (settings.enabled()) {
            start();
        } else {
            LOG.info("MQTT ingest is disabled (flapguard.mqtt.enabled=false)");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
        connections.forEach(IngestConnection::shutdown);
    }

    /** Connects every connection (once now, then in the background with backoff until it succeeds). */
    public synchronized void start() {
        List<String> filters = subscriptions();
        connections.forEach(c -> c.start(filters));
    }

    /** Leaves cleanly: unacknowledged messages stay with the broker for the next session. */
    public synchronized void stop() {
        connections.forEach(c -> c.stop(true));
    }

    /**
     * Drops every connection like a crash: no DISCONNECT packet, nothing in flight acknowledged. The broker
     * redelivers those messages once this instance connects again ({@link #start()}).
     */
    public synchronized void crash() {
        connections.forEach(c -> c.stop(false));
    }

    /** Every connection is up and subscribed. */
    public boolean isReady() {
        return connections.stream().allMatch(IngestConnection::isReady);
    }

    public int inFlight() {
        return metrics.inFlight();
    }

    /** The client ids this instance connects with, one per connection. */
    public List<String> clientIds() {
        return connections.stream().map(IngestConnection::clientId).toList();
    }

    /** Messages received per connection (client id → count, redeliveries included): how the broker shares the load. */
    public java.util.Map<String, Long> receivedByConnection() {
        java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
        connections.forEach(c -> out.put(c.clientId(), c.received()));
        return out;
    }

    public List<String> subscriptions() {
        String group = settings.sharedGroup().filter(g -> !g.isBlank()).orElse(null);
        return translator.topics().filters().stream().map(f -> group == null ? f : "$share/" + group + "/" + f)
                .toList();
    }

    /** On a connection's send thread: translate, count, send; {@code stored} runs once Kafka has every record. */
    private void handle(String topic, MqttMessage message, Runnable stored) {
        long arrived = System.nanoTime();
        Instant receivedAt = clock.instant();
        Translation t = translate(topic, message.getPayload(), receivedAt);
        TopicKind kind = t.kind();
        metrics.received(kind);
        for (DeadLetter d : t.deadLetters()) {
            metrics.rejected(kind, d.reason());
        }
        if (t.topic() != null && t.topic().source() != null) {
            metrics.unclassified(t.topic().source(), t.unclassified());
        }
        for (UnreadableField f : t.unreadable()) {
            metrics.unreadableField(f.format(), f.field());
        }
        List<ProducerRecord<String, byte[]>> records = records(t, topic, message.getPayload(), receivedAt);
        sink.sendAll(records, () -> {
            metrics.latency(kind, System.nanoTime() - arrived);
            stored.run();
        }, record -> metrics.produced(kind, record.topic().equals(telemetry.dlqTopic()) ? "dlq" : "telemetry"));
    }

    /** The translator never throws by design; if it ever does, the message is dead-lettered, not lost. */
    private Translation translate(String topic, byte[] payload, Instant receivedAt) {
        try {
            return translator.translate(topic, payload, receivedAt);
        } catch (RuntimeException e) {
            LOG.errorf(e, "bug: cannot translate a message on %s", topic);
            DeadLetter d = DeadLetter.of(RejectReason.INVALID_VALUE, "unexpected error: " + e.getClass().getName(),
                    MessageTranslator.displayTopic(topic), null, receivedAt, payload);
            return new Translation(TopicKind.UNKNOWN, null, null, List.of(), List.of(d), 0, List.of());
        }
    }

    private List<ProducerRecord<String, byte[]>> records(Translation t, String topic, byte[] payload,
            Instant receivedAt) {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(t.recordCount());
        try {
            for (TelemetryMessage m : t.records()) {
                out.add(new ProducerRecord<>(telemetry.topic(), t.serial(), WireCodec.encode(m)));
            }
        } catch (WireFormatException e) {
            // a record the wire contract refuses: the whole message goes to the dead letters instead
            out.clear();
            DeadLetter d = DeadLetter.of(RejectReason.INVALID_VALUE, e.getMessage(), MessageTranslator.displayTopic(topic),
                    t.serial(), receivedAt, payload);
            metrics.rejected(t.kind(), d.reason());
            out.add(new ProducerRecord<>(telemetry.dlqTopic(), d.serial(), WireCodec.encode(d)));
            return out;
        }
        for (DeadLetter d : t.deadLetters()) {
            out.add(new ProducerRecord<>(telemetry.dlqTopic(), d.serial(), WireCodec.encode(d)));
        }
        return out;
    }
}
