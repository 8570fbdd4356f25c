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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jboss.logging.Logger;

/**
 * MQTT → Kafka, at least once. Persistent MQTT 5 session, QoS 1, shared subscription, manual acks: a
 * message is acknowledged to the broker only after Kafka acknowledged every record made from it. At most
 * {@code max-in-flight} messages are unacknowledged (broker receive maximum plus a local semaphore), so a
 * slow or absent Kafka slows ingest and the broker keeps the backlog. Acks of a previous connection are
 * never sent on a new one (the broker redelivers those messages instead: a duplicate, never a loss).
 */
@ApplicationScoped
public class MqttIngest implements MqttCallback {
    private static final Logger LOG = Logger.getLogger(MqttIngest.class);

    private final MqttSettings settings;
    private final TelemetrySettings telemetry;
    private final MessageTranslator translator;
    private final KafkaSink sink;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final Semaphore window;
    private final AtomicLong generation = new AtomicLong();
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "telemetry-mqtt-connect");
        t.setDaemon(true);
        return t;
    });
    /** Kafka sends leave the MQTT callback thread: a producer waiting for an absent broker fills the window instead. */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "telemetry-kafka-send");
        t.setDaemon(true);
        return t;
    });
    private volatile MqttAsyncClient client;
    private volatile boolean running;
    private volatile boolean subscribed;
    private volatile Duration backoff;

    public MqttIngest(MqttSettings settings, TelemetrySettings telemetry, MessageTranslator translator,
            KafkaSink sink, IngestMetrics metrics, Clock clock) {
        this.settings = settings;
        this.telemetry = telemetry;
        this.translator = translator;
        this.sink = sink;
        this.metrics = metrics;
        this.clock = clock;
        this.window = new Semaphore(settings.maxInFlight());
        this.backoff = settings.reconnectMinDelay();
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
        sender.shutdownNow();
    }

    /** Connects (once now, then in the background with backoff until it succeeds). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        try {
            client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException("invalid MQTT settings (flapguard.mqtt.url=" + settings.url()
                    + "): " + e.getMessage(), e);
        }
        client.setCallback(this);
        client.setManualAcks(true);
        connector.execute(this::connect);
    }

    /** Leaves cleanly: unacknowledged messages stay with the broker for the next session. */
    public synchronized void stop() {
        running = false;
        MqttAsyncClient c = client;
        client = null;
        subscribed = false;
        if (c != null) {
            generation.incrementAndGet();
            try {
                if (c.isConnected()) {
                    c.disconnect().waitForCompletion(5_000);
                }
                c.close(true);
            } catch (MqttException e) {
                LOG.debugf("MQTT disconnect: %s", e.getMessage());
            }
        }
        metrics.connected(false);
    }

    /**
     * Drops the connection like a crash: no DISCONNECT packet, nothing in flight acknowledged. The broker
     * redelivers those messages once this client connects again ({@link #start()}).
     */
    public synchronized void crash() {
        running = false;
        MqttAsyncClient c = client;
        client = null;
        subscribed = false;
        generation.incrementAndGet();
        if (c != null) {
            try {
                c.disconnectForcibly(0, 1_000, false);
                c.close(true);
            } catch (MqttException e) {
                LOG.debugf("MQTT forced disconnect: %s", e.getMessage());
            }
        }
        metrics.connected(false);
    }

    public boolean isReady() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected() && subscribed;
    }

    public int inFlight() {
        return metrics.inFlight();
    }

    public List<String> subscriptions() {
        String group = settings.sharedGroup().filter(g -> !g.isBlank()).orElse(null);
        return translator.topics().filters().stream().map(f -> group == null ? f : "$share/" + group + "/" + f)
                .toList();
    }

    private void connect() {
        MqttAsyncClient c = client;
        if (!running || c == null || c.isConnected()) {
            return;
        }
        try {
            generation.incrementAndGet();
            c.connect(options()).waitForCompletion(settings.connectTimeout().toMillis());
            List<String> filters = subscriptions();
            int[] qos = new int[filters.size()];
            java.util.Arrays.fill(qos, 1);
            IMqttToken token = c.subscribe(filters.toArray(String[]::new), qos);
            token.waitForCompletion(settings.connectTimeout().toMillis());
            for (int code : token.getReasonCodes()) {
                if (code >= 0x80) {
                    throw new MqttException(code);
                }
            }
            subscribed = true;
            backoff = settings.reconnectMinDelay();
            metrics.connected(true);
            LOG.infof("MQTT ingest connected to %s as %s, subscribed to %s", settings.url(), settings.clientId(),
                    filters);
        } catch (MqttException e) {
            subscribed = false;
            LOG.warnf("MQTT connect to %s failed (%s); retrying in %d ms", settings.url(), e.getMessage(),
                    backoff.toMillis());
            try {
                if (c.isConnected()) {
                    c.disconnectForcibly(0, 1_000, false);
                }
            } catch (MqttException ignored) {
                // the next attempt starts from scratch anyway
            }
            scheduleConnect();
        }
    }

    private void scheduleConnect() {
        if (!running) {
            return;
        }
        long delay = backoff.toMillis();
        backoff = backoff.multipliedBy(2).compareTo(settings.reconnectMaxDelay()) > 0 ? settings.reconnectMaxDelay()
                : backoff.multipliedBy(2);
        connector.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        o.setReceiveMaximum(Math.min(settings.maxInFlight(), 65_535));
        o.setAutomaticReconnect(false); // reconnect is ours: backoff, resubscribe, new ack generation
        o.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
        o.setKeepAliveInterval(30);
        settings.username().ifPresent(o::setUserName);
        settings.password().ifPresent(p -> o.setPassword(p.getBytes(StandardCharsets.UTF_8)));
        return o;
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        subscribed = false;
        metrics.connected(false);
        LOG.warnf("MQTT connection to %s lost (%s); reconnecting", settings.url(),
                response == null ? "no reason" : response.getReasonString());
        if (running) {
            connector.execute(this::scheduleConnect);
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.warnf("MQTT error: %s", exception.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        long arrived = System.nanoTime();
        Instant receivedAt = clock.instant();
        long gen = generation.get();
        MqttAsyncClient from = client;
        try {
            window.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // not acknowledged: redelivered
        }
        metrics.inFlight(1);
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
        try {
            sender.execute(() -> sink.sendAll(records, () -> {
                window.release();
                metrics.inFlight(-1);
                metrics.latency(kind, System.nanoTime() - arrived);
                acknowledge(from, gen, message);
            }, record -> metrics.produced(kind, record.topic().equals(telemetry.dlqTopic()) ? "dlq" : "telemetry")));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down: not acknowledged, the broker redelivers it to the next session
            window.release();
            metrics.inFlight(-1);
        }
    }

    private void acknowledge(MqttAsyncClient from, long gen, MqttMessage message) {
        MqttAsyncClient c = client;
        if (c == null || c != from || gen != generation.get() || !c.isConnected()) {
            metrics.ackSkipped();
            return;
        }
        try {
            c.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException | RuntimeException e) {
            metrics.ackSkipped();
            LOG.debugf("MQTT ack of %d not sent (%s): it will be redelivered", message.getId(), e.getMessage());
        }
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

    @Override
    public void deliveryComplete(IMqttToken token) {
        // ingest publishes nothing
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        // subscriptions are (re)made in connect()
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
    }
}
