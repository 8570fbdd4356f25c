package io.flapguard.brokers;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.embedded.EmbeddedHiveMQBuilder;
import io.flapguard.brokers.auth.AuthExtension;
import io.flapguard.brokers.auth.IdentityFile;
import io.flapguard.brokers.auth.TopicPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real MQTT 5 broker (HiveMQ Community Edition) in this JVM on loopback: persistent sessions, QoS 1,
 * shared subscriptions. With {@code persistent} the broker keeps sessions and queued messages in its
 * data folder across restarts; otherwise in memory (faster, for tests).
 * <p>
 * {@link #startSecured} requires a username and password from an {@link IdentityFile} and enforces each
 * identity's topic permissions ({@link TopicPolicy}); {@link #startOpen} accepts any client and is for tests that
 * play many routers or spoofers on one connection.
 */
public final class EmbeddedMqtt implements AutoCloseable {
    /** Queued messages per offline or slow persistent session; routers' backlog must fit while ingest is down. */
    public static final int MAX_QUEUED_MESSAGES = 1_000_000;
    /**
     * Unacknowledged QoS 1 messages HiveMQ CE sends one subscriber at most, whatever its receive maximum (HiveMQ's
     * own default is 50). HiveMQ sends a batch and polls the subscriber's queue again only when every message of it
     * is acknowledged, so one subscriber gets at most this many per acknowledgement round trip: for the ingest,
     * which acknowledges after Kafka did, 50 per Kafka round trip. The subscriber's receive maximum still governs
     * (min of the two).
     */
    public static final int MAX_INFLIGHT_WINDOW = 1024;

    private final EmbeddedHiveMQ hivemq;
    private final int port;
    private final AuthExtension auth;

    private EmbeddedMqtt(EmbeddedHiveMQ hivemq, int port, AuthExtension auth) {
        this.hivemq = hivemq;
        this.port = port;
        this.auth = auth;
    }

    /**
     * A broker that accepts any client and any topic: only for tests that need it.
     *
     * @param dataFolder where configuration and (if persistent) data live ({@code dataFolder/mqtt})
     * @param port       TCP port on 127.0.0.1, 0 for any free port
     */
    public static EmbeddedMqtt startOpen(Path dataFolder, int port, boolean persistent) {
        return start(dataFolder, port, persistent, Ports.LOOPBACK, null);
    }

    /** A broker on 127.0.0.1 that lets in only the identities of {@code identities}, each limited to its topics. */
    public static EmbeddedMqtt startSecured(Path dataFolder, int port, boolean persistent, IdentityFile identities,
            TopicPolicy policy) {
        return startSecured(dataFolder, port, persistent, identities, policy, Ports.LOOPBACK);
    }

    /** As above, listening on {@code bindAddress} (0.0.0.0 opens it to the network). */
    public static EmbeddedMqtt startSecured(Path dataFolder, int port, boolean persistent, IdentityFile identities,
            TopicPolicy policy, String bindAddress) {
        return start(dataFolder, port, persistent, bindAddress, new AuthExtension(identities, policy));
    }

    private static EmbeddedMqtt start(Path dataFolder, int port, boolean persistent, String bindAddress,
            AuthExtension auth) {
        int tcpPort = Ports.claim(port, "MQTT");
        Path home = dataFolder.resolve("mqtt");
        try {
            Path conf = Files.createDirectories(home.resolve("conf"));
            Path data = Files.createDirectories(home.resolve("data"));
            Path extensions = Files.createDirectories(home.resolve("extensions"));
            Files.writeString(conf.resolve("config.xml"), config(tcpPort, persistent, bindAddress),
                    StandardCharsets.UTF_8);
            // a JVM-wide internal setting of HiveMQ CE, read per client connection (no config.xml element for it)
            InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = MAX_INFLIGHT_WINDOW;
            EmbeddedHiveMQBuilder builder = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(data)
                    .withExtensionsFolder(extensions)
                    // HiveMQ's logback bootstrap would take over the host application's logging.
                    .withoutLoggingBootstrap();
            if (auth != null) {
                builder.withEmbeddedExtension(auth.embedded());
            }
            EmbeddedHiveMQ hivemq = builder.build();
            hivemq.start().get(60, TimeUnit.SECONDS);
            return new EmbeddedMqtt(hivemq, tcpPort, auth);
        } catch (IOException e) {
            throw new BrokerStartException("cannot use MQTT data folder " + home + ": " + e.getMessage(), e);
        } catch (ExecutionException e) {
            throw new BrokerStartException("MQTT broker failed to start on port " + tcpPort + ": "
                    + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while starting the MQTT broker", e);
        } catch (TimeoutException e) {
            throw new BrokerStartException("MQTT broker did not start within 60 s", e);
        }
    }

    public int port() {
        return port;
    }

    /** Whether clients must authenticate. */
    public boolean secured() {
        return auth != null;
    }

    /** Connects refused since start (0 for an open broker). */
    public long refusedConnects() {
        return auth == null ? 0 : auth.refusedConnects();
    }

    /** {@code tcp://127.0.0.1:port}, as Paho wants it. */
    public String url() {
        return "tcp://" + Ports.LOOPBACK + ":" + port;
    }

    @Override
    public void close() {
        try {
            hivemq.stop().get(60, TimeUnit.SECONDS);
            hivemq.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("MQTT broker did not stop cleanly: " + e.getMessage(), e);
        }
    }

    private static String config(int port, boolean persistent, String bindAddress) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener>
                      <port>%d</port>
                      <bind-address>%s</bind-address>
                    </tcp-listener>
                  </listeners>
                  <mqtt>
                    <queued-messages>
                      <max-queue-size>%d</max-queue-size>
                      <strategy>discard</strategy>
                    </queued-messages>
                  </mqtt>
                  <persistence>
                    <mode>%s</mode>
                  </persistence>
                  <overload-protection>
                    <enabled>false</enabled>
                  </overload-protection>
                  <anonymous-usage-statistics>
                    <enabled>false</enabled>
                  </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, bindAddress, MAX_QUEUED_MESSAGES, persistent ? "file" : "in-memory");
    }
}
