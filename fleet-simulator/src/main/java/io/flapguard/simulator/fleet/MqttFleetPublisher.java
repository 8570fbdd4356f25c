package io.flapguard.simulator.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Publishes for many routers over a few shared MQTT connections (QoS 1). A real fleet has one connection per
 * router, but 1,000 simulated routers in one JVM would then need 1,000 sockets, client threads and broker
 * sessions, which costs more than the behaviour being tested; the broker and the ingest only see topics, so
 * sharing a connection changes nothing they can observe except the client id. Each connection has its own
 * queue and sender thread, so a router's messages keep their order and the simulation never waits on the
 * network.
 */
final class MqttFleetPublisher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MqttFleetPublisher.class.getName());
    private static final int QUEUE_CAPACITY = 200_000;

    private final List<Connection> connections = new ArrayList<>();
    private final int routersPerConnection;
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /**
     * @param maxInflight unacknowledged messages per connection; HiveMQ's default receive maximum is 10 and Paho
     *                    refuses to exceed the broker's limit
     */
    MqttFleetPublisher(String url, String clientIdPrefix, int routers, int routersPerConnection, int maxInflight) {
        this.routersPerConnection = Math.max(1, routersPerConnection);
        int count = Math.max(1, (routers + this.routersPerConnection - 1) / this.routersPerConnection);
        List<Login> logins = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            logins.add(new Login(clientIdPrefix + "-" + i, null, null));
        }
        connect(url, logins, maxInflight);
    }

    private MqttFleetPublisher(String url, List<Login> logins, int maxInflight) {
        this.routersPerConnection = 1;
        connect(url, logins, maxInflight);
    }

    /**
     * One connection per router, as a real fleet has: router i (in {@code serials} order) connects with username
     * = its serial and its own password, which a secured broker needs to let it publish below its serial.
     */
    static MqttFleetPublisher perRouter(String url, List<String> serials, Function<String, String> passwordFor,
            int maxInflight) {
        List<Login> logins = new ArrayList<>();
        for (String serial : serials) {
            logins.add(new Login(serial + "-fleet", serial, passwordFor.apply(serial)));
        }
        return new MqttFleetPublisher(url, logins, maxInflight);
    }

    private void connect(String url, List<Login> logins, int maxInflight) {
        try {
            for (Login login : logins) {
                connections.add(new Connection(url, login, maxInflight));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Client id and, for a secured broker, the account of one connection. */
    private record Login(String clientId, String username, String password) {
        @Override
        public String toString() {
            return "Login[" + clientId + "]";
        }
    }

    /** Queues one message of router number {@code routerIndex}; blocks only when the connection's queue is full. */
    void publish(int routerIndex, String topic, byte[] payload) {
        connections.get((routerIndex / routersPerConnection) % connections.size()).enqueue(topic, payload);
    }

    int connectionCount() {
        return connections.size();
    }

    long acknowledged() {
        return acked.get();
    }

    long failed() {
        return failed.get();
    }

    /** Waits until every queued message was acknowledged by the broker (or failed); false on timeout. */
    boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Connection c : connections) {
            if (!c.awaitIdle(deadline)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        flush(Duration.ofSeconds(10));
        connections.forEach(Connection::close);
    }

    private record Outgoing(String topic, byte[] payload) { }

    private final class Connection {
        private final MqttAsyncClient client;
        private final BlockingQueue<Outgoing> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
        private final Semaphore inflight;
        private final AtomicLong pending = new AtomicLong();
        private final Thread sender;
        private volatile boolean running = true;

        Connection(String url, Login login, int maxInflight) {
            this.inflight = new Semaphore(maxInflight);
            String clientId = login.clientId();
            try {
                client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
                MqttConnectionOptions options = new MqttConnectionOptions();
                if (login.username() != null) {
                    options.setUserName(login.username());
                    options.setPassword(login.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                options.setCleanStart(true);
                options.setAutomaticReconnect(true);
                options.setAutomaticReconnectDelay(1, 5);
                options.setConnectionTimeout(10);
                options.setKeepAliveInterval(30);
                client.connect(options).waitForCompletion(15_000);
            } catch (MqttException e) {
                throw new IllegalStateException("cannot connect to MQTT broker " + url + " as " + clientId + ": "
                        + e.getMessage(), e);
            }
            sender = new Thread(this::sendLoop, "fleet-mqtt-" + clientId);
            sender.setDaemon(true);
            sender.start();
        }

        void enqueue(String topic, byte[] payload) {
            pending.incrementAndGet();
            try {
                queue.put(new Outgoing(topic, payload));
            } catch (InterruptedException e) {
                pending.decrementAndGet();
                Thread.currentThread().interrupt();
            }
        }

        private void sendLoop() {
            while (running) {
                try {
                    Outgoing next = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (next != null) {
                        send(next);
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void send(Outgoing message) throws InterruptedException {
            while (running) {
                if (!client.isConnected()) {
                    // automatic reconnect is under way; the router's messages wait, like an agent's buffer
                    Thread.sleep(100);
                    continue;
                }
                if (!inflight.tryAcquire(1, TimeUnit.SECONDS)) {
                    continue;
                }
                try {
                    MqttMessage mqtt = new MqttMessage(message.payload(), 1, false, null);
                    client.publish(message.topic(), mqtt, null, new MqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            acked.incrementAndGet();
                            done();
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable error) {
                            failed.incrementAndGet();
                            LOG.log(Level.FINE, "publish failed: {0}", error.getMessage());
                            done();
                        }
                    });
                    return;
                } catch (MqttException e) {
                    inflight.release();
                    if (e.getReasonCode() == MqttClientException.REASON_CODE_MAX_INFLIGHT || !client.isConnected()) {
                        Thread.sleep(1);
                        continue;
                    }
                    failed.incrementAndGet();
                    pending.decrementAndGet();
                    LOG.log(Level.WARNING, "dropping a message for {0}: {1}", new Object[] {message.topic(), e.getMessage()});
                    return;
                }
            }
        }

        private void done() {
            inflight.release();
            pending.decrementAndGet();
        }

        boolean awaitIdle(long deadlineNanos) {
            while (pending.get() > 0) {
                if (System.nanoTime() > deadlineNanos) {
                    return false;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }

        void close() {
            running = false;
            sender.interrupt();
            try {
                if (client.isConnected()) {
                    client.disconnect().waitForCompletion(5_000);
                }
                client.close();
            } catch (MqttException e) {
                LOG.log(Level.FINE, "closing MQTT connection: {0}", e.getMessage());
            }
        }
    }
}
