package io.flapguard.telemetry.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flapguard.brokers.EmbeddedMqtt;
import io.flapguard.telemetry.metrics.IngestMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker that answers a CONNECT after the ingest's connect timeout, as a loaded machine does. Paho finishes such
 * a connect in the background; the attempt that gave up must not leave the connection "connected" but without a
 * subscription (it then never received a message and never tried again). The next attempt starts on a new client,
 * subscribes, and only then is the connection ready.
 */
class SlowConnackTest {
    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
    private static final String FILTER = "$share/flapguard-telemetry/rutx/+/status";

    @TempDir
    Path data;

    private EmbeddedMqtt mqtt;
    private SlowFirstAnswer proxy;
    private IngestConnection connection;

    @AfterEach
    void stop() throws IOException {
        if (connection != null) {
            connection.stop(false);
            connection.shutdown();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (mqtt != null) {
            mqtt.close();
        }
    }

    @Test
    void aConnackLaterThanTheConnectTimeoutEndsInASubscribedConnectionThatReceives() throws Exception {
        mqtt = EmbeddedMqtt.startOpen(data, 0, false);
        proxy = new SlowFirstAnswer(mqtt.port(), CONNECT_TIMEOUT.multipliedBy(4));
        List<String> received = new CopyOnWriteArrayList<>();
        connection = new IngestConnection(settings("tcp://127.0.0.1:" + proxy.port()), "slow-connack",
                new MqttCredentials(settings(mqtt.url())), (topic, message, stored) -> {
                    received.add(topic);
                    stored.run();
                }, new IngestMetrics(new SimpleMeterRegistry()));

        connection.start(List.of(FILTER));

        await().atMost(Duration.ofSeconds(20)).until(connection::isReady);
        assertThat(proxy.accepted()).as("a new client (socket) after the timed-out attempt").isGreaterThan(1);
        MqttClient router = new MqttClient(mqtt.url(), "1117759414", new MemoryPersistence());
        router.connect();
        router.publish("rutx/1117759414/status", new MqttMessage("{}".getBytes(), 1, false, null));
        router.disconnect();
        router.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("rutx/1117759414/status"));
    }

    /** The service's test settings with a short connect timeout and one shared group. */
    private static MqttSettings settings(String url) {
        MqttSettings base = TestIngestSettings.Mqtt.anonymous(url, "slow-connack", Optional.of("flapguard-telemetry"),
                Duration.ofHours(1));
        return (MqttSettings) Proxy.newProxyInstance(MqttSettings.class.getClassLoader(),
                new Class<?>[] {MqttSettings.class}, (p, method, args) -> switch (method.getName()) {
                    case "connectTimeout" -> CONNECT_TIMEOUT;
                    case "reconnectMinDelay" -> Duration.ofMillis(100);
                    default -> method.invoke(base, args);
                });
    }

    /**
     * A TCP relay to the broker that holds back the broker's first answer on its first connection (the CONNACK)
     * for {@code hold}; later connections are relayed at once.
     */
    private static final class SlowFirstAnswer implements AutoCloseable {
        private final ServerSocket server;
        private final AtomicInteger accepted = new AtomicInteger();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        SlowFirstAnswer(int brokerPort, Duration hold) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
                        sockets.add(client);
                        sockets.add(broker);
                        boolean first = accepted.incrementAndGet() == 1;
                        pump(client, broker, Duration.ZERO);
                        pump(broker, client, first ? hold : Duration.ZERO);
                    } catch (IOException e) {
                        return; // closed
                    }
                }
            }, "slow-connack-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        private static void pump(Socket from, Socket to, Duration hold) {
            Thread t = new Thread(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    byte[] buffer = new byte[8192];
                    int n = in.read(buffer);
                    if (!hold.isZero()) {
                        // the fault itself: a broker too busy to answer within the client's connect timeout
                        new CountDownLatch(1).await(hold.toMillis(), TimeUnit.MILLISECONDS);
                    }
                    while (n >= 0) {
                        out.write(buffer, 0, n);
                        out.flush();
                        n = in.read(buffer);
                    }
                } catch (IOException e) {
                    // either side closed
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }, "slow-connack-pump");
            t.setDaemon(true);
            t.start();
        }

        private static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : sockets) {
                closeQuietly(s);
            }
        }
    }
}
