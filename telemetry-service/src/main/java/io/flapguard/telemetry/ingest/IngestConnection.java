package io.flapguard.telemetry.ingest;

import io.flapguard.telemetry.metrics.IngestMetrics;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
 * One MQTT connection of the ingest: its own client id and persistent session, a member of the shared group, at
 * most {@code max-in-flight} messages unacknowledged (receive maximum plus a local semaphore), acknowledged in
 * arrival order once Kafka holds their records ({@link AckQueue}). Each (re)connect starts a new ack queue: acks
 * of a previous connection are never sent on a new one (the broker redelivers those messages: a duplicate,
 * never a loss).
 */
final class IngestConnection implements MqttCallback {
    private static final Logger LOG = Logger.getLogger(IngestConnection.class);

    /** Takes one message; calls {@code stored} once Kafka acknowledged every record made from it. */
    interface Handler {
        void handle(String topic, MqttMessage message, Runnable stored);
    }

    private final MqttSettings settings;
    private final String clientId;
    private final MqttCredentials credentials;
    private final Handler handler;
    private final IngestMetrics metrics;
    private final ScheduledExecutorService connector;
    private final Semaphore window;
    /** Kafka sends leave the MQTT callback thread: a producer waiting for an absent broker fills the window instead. */
    private final ExecutorService sender;
    /** Closes abandoned clients off the connect thread. */
    private final ExecutorService closer;
    private volatile List<String> filters = List.of();
    private volatile MqttAsyncClient client;
    /** The current client has not been used for a connect attempt yet. */
    private volatile boolean fresh;
    /** The current session's unacknowledged messages; replaced at every (re)connect. */
    private volatile AckQueue acks;
    private volatile boolean running;
    private volatile boolean subscribed;
    private volatile Duration backoff;
    private final java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();

    IngestConnection(MqttSettings settings, String clientId, MqttCredentials credentials, Handler handler,
            IngestMetrics metrics) {
        this.settings = settings;
        this.clientId = clientId;
        this.credentials = credentials;
        this.handler = handler;
        this.metrics = metrics;
        this.window = new Semaphore(settings.maxInFlight());
        this.backoff = settings.reconnectMinDelay();
        this.connector = Executors.newSingleThreadScheduledExecutor(daemon("telemetry-mqtt-connect-" + clientId));
        this.sender = Executors.newSingleThreadExecutor(daemon("telemetry-kafka-send-" + clientId));
        this.closer = Executors.newCachedThreadPool(daemon("telemetry-mqtt-close-" + clientId));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    String clientId() {
        return clientId;
    }

    /** Messages this connection received since the instance started (redeliveries included). */
    long received() {
        return received.get();
    }

    /** Connects (once now, then in the background with backoff until it succeeds). */
    synchronized void start(List<String> filters) {
        if (running) {
            return;
        }
        running = true;
        this.filters = List.copyOf(filters);
        client = newClient(); // an invalid URL fails here, at start-up
        fresh = true;
        connector.execute(this::connect);
    }

    private MqttAsyncClient newClient() {
        try {
            MqttAsyncClient c = new MqttAsyncClient(settings.url(), clientId, new MemoryPersistence());
            c.setCallback(this);
            c.setManualAcks(true);
            return c;
        } catch (MqttException e) {
            throw new IllegalStateException("invalid MQTT settings (flapguard.mqtt.url=" + settings.url()
                    + "): " + e.getMessage(), e);
        }
    }

    /**
     * Drops a client for good: no callbacks any more, closed in the background. A connect that timed out on our side
     * may still complete inside Paho later; that client must never be reused, or it ends up connected without
     * subscriptions. Closing a client whose connect is still under way can block inside Paho, so it never runs on
     * the connect thread.
     */
    private void discard(MqttAsyncClient c) {
        if (c == null) {
            return;
        }
        try {
            c.setCallback(null);
            closer.execute(() -> {
                try {
                    c.disconnectForcibly(0, 1_000, false);
                } catch (MqttException | RuntimeException ignored) {
                    // closing anyway
                }
                try {
                    c.close(true);
                } catch (MqttException | RuntimeException ignored) {
                    // nothing more to release
                }
            });
        } catch (RejectedExecutionException e) {
            // shutting down
        } catch (RuntimeException e) {
            LOG.debugf("MQTT client of %s not closed (%s)", clientId, e.getMessage());
        }
    }

    /** The client for the next attempt: the current one if it was never used, else a new one. */
    private synchronized MqttAsyncClient clientForAttempt() {
        if (!running) {
            return null;
        }
        MqttAsyncClient c = client;
        if (c == null || !fresh) {
            discard(c);
            c = newClient();
            client = c;
        }
        fresh = false;
        return c;
    }

    /** Leaves cleanly (DISCONNECT) or like a crash (no DISCONNECT); either way nothing in flight is acknowledged. */
    synchronized void stop(boolean clean) {
        running = false;
        MqttAsyncClient c = client;
        client = null;
        subscribed = false;
        acks = null;
        if (c != null) {
            try {
                if (clean && c.isConnected()) {
                    c.disconnect().waitForCompletion(5_000);
                } else if (!clean) {
                    c.disconnectForcibly(0, 1_000, false);
                }
                c.close(true);
            } catch (MqttException | RuntimeException e) { // a client abandoned after a timeout is closed already
                LOG.debugf("MQTT disconnect of %s: %s", clientId, e.getMessage());
            }
        }
    }

    void shutdown() {
        connector.shutdownNow();
        sender.shutdownNow();
        closer.shutdown();
    }

    boolean isReady() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected() && subscribed;
    }

    /**
     * One attempt: a client never used before connects and subscribes; only then is the connection ready. Any
     * failure (a timeout included) discards that client and schedules the next attempt.
     */
    private void connect() {
        MqttAsyncClient current = client;
        if (!running || (current != null && current.isConnected() && subscribed)) {
            return;
        }
        subscribed = false;
        MqttAsyncClient c;
        try {
            c = clientForAttempt();
        } catch (IllegalStateException e) {
            LOG.warnf("MQTT client for %s cannot be made (%s); retrying in %d ms", clientId, e.getMessage(),
                    backoff.toMillis());
            scheduleConnect();
            return;
        }
        if (c == null) {
            return; // stopped
        }
        try {
            acks = new AckQueue(this::acknowledge); // a new session of this connection: old acks are never sent
            c.connect(options()).waitForCompletion(settings.connectTimeout().toMillis());
            int[] qos = new int[filters.size()];
            Arrays.fill(qos, 1);
            IMqttToken token = c.subscribe(filters.toArray(String[]::new), qos);
            token.waitForCompletion(settings.connectTimeout().toMillis());
            for (int code : token.getReasonCodes()) {
                if (code >= 0x80) {
                    throw new MqttException(code);
                }
            }
            subscribed = true;
            backoff = settings.reconnectMinDelay();
            metrics.connectSucceeded();
            LOG.infof("MQTT ingest connected to %s as %s, subscribed to %s", settings.url(), clientId, filters);
        } catch (MqttException | RuntimeException e) { // anything: an escaping exception would end the retries
            subscribed = false;
            LOG.warnf("MQTT connect to %s as %s (user %s) failed (%s); retrying in %d ms", settings.url(), clientId,
                    settings.username().orElse("anonymous"), e.getMessage(), backoff.toMillis());
            discardIfCurrent(c); // whatever Paho still has under way for it, the next attempt uses a new client
            scheduleConnect();
        }
    }

    private synchronized void discardIfCurrent(MqttAsyncClient c) {
        if (client == c) {
            discard(c);
            client = null; // discarded once: a closed Paho client fails on any further call
        }
    }

    private void scheduleConnect() {
        if (!running) {
            return;
        }
        long delay = backoff.toMillis();
        backoff = backoff.multipliedBy(2).compareTo(settings.reconnectMaxDelay()) > 0 ? settings.reconnectMaxDelay()
                : backoff.multipliedBy(2);
        try {
            connector.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        o.setReceiveMaximum(Math.min(settings.maxInFlight(), 65_535));
        o.setAutomaticReconnect(false); // reconnect is ours: backoff, resubscribe, new ack queue
        o.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
        o.setKeepAliveInterval(30);
        if (settings.url().startsWith("tcp://")) {
            o.setSocketFactory(PahoSockets.INSTANCE); // ssl:// keeps Paho's TLS sockets
        }
        credentials.applyTo(o);
        return o;
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        subscribed = false;
        LOG.warnf("MQTT connection %s to %s lost (%s); reconnecting", clientId, settings.url(),
                response == null ? "no reason" : response.getReasonString());
        if (running) {
            try {
                connector.execute(this::scheduleConnect);
            } catch (RejectedExecutionException e) {
                // shutting down
            }
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.warnf("MQTT error on %s: %s", clientId, exception.getMessage());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        AckQueue queue = acks;
        if (queue == null) {
            return; // stopped: not acknowledged, redelivered
        }
        try {
            window.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // not acknowledged: redelivered
        }
        metrics.inFlight(1);
        received.incrementAndGet();
        AckQueue.Pending pending = queue.arrived(message.getId(), message.getQos());
        try {
            sender.execute(() -> handler.handle(topic, message, () -> queue.stored(pending)));
        } catch (RejectedExecutionException e) {
            // shutting down: not acknowledged, the broker redelivers it to the next session
            window.release();
            metrics.inFlight(-1);
        }
    }

    /** In arrival order, once Kafka has the message; skipped when the connection it came on is gone. */
    private void acknowledge(AckQueue from, AckQueue.Pending p) {
        window.release();
        metrics.inFlight(-1);
        MqttAsyncClient c = client;
        if (c == null || from != acks || !c.isConnected()) {
            metrics.ackSkipped();
            return;
        }
        try {
            c.messageArrivedComplete(p.id, p.qos);
        } catch (MqttException | RuntimeException e) {
            metrics.ackSkipped();
            LOG.debugf("MQTT ack of %d on %s not sent (%s): it will be redelivered", p.id, clientId, e.getMessage());
        }
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
