package io.flapguard.brokers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker in this JVM: KRaft mode, one node acting as broker and controller, listening
 * on loopback. Its log directory lives in a data folder that a later start reuses (topics and offsets
 * survive); the cluster is formatted on first start only.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private final String bindAddress;
    private final SaslSslListener saslSsl;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path logDir, int port, int controllerPort, String bindAddress, SaslSslListener saslSsl) {
        this.bindAddress = bindAddress;
        this.saslSsl = saslSsl;
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Starts a broker.
     *
     * @param dataFolder where its log directory lives ({@code dataFolder/kafka})
     * @param port       client port on 127.0.0.1, 0 for any free port
     */
    public static EmbeddedKafka start(Path dataFolder, int port) {
        return start(dataFolder, port, Ports.LOOPBACK);
    }

    /**
     * Starts a broker whose client listener binds {@code bindAddress} (0.0.0.0 opens it to the network; it then
     * advertises this machine's host name). The controller listener stays on loopback.
     */
    public static EmbeddedKafka start(Path dataFolder, int port, String bindAddress) {
        return start(dataFolder, port, bindAddress, null);
    }

    /**
     * Starts a broker whose only client listener is SASL_SSL (SCRAM-SHA-512 over TLS), as a production cluster
     * is; {@link #clientSettings()} then carries what a client needs to log in. The controller listener stays
     * plaintext on loopback (clients never use it).
     */
    public static EmbeddedKafka startSaslSsl(Path dataFolder, int port, SaslSslListener saslSsl) {
        return start(dataFolder, port, Ports.LOOPBACK, saslSsl);
    }

    private static EmbeddedKafka start(Path dataFolder, int port, String bindAddress, SaslSslListener saslSsl) {
        int clientPort = Ports.claim(port, "Kafka");
        int controllerPort = Ports.free();
        EmbeddedKafka kafka = new EmbeddedKafka(dataFolder.resolve("kafka"), clientPort, controllerPort, bindAddress,
                saslSsl);
        kafka.startServer();
        return kafka;
    }

    public String bootstrapServers() {
        return Ports.LOOPBACK + ":" + port;
    }

    /** Everything a client of this broker needs (Kafka client property names): bootstrap servers and, for a
     * SASL_SSL broker, its security settings. */
    public Map<String, Object> clientSettings() {
        Map<String, Object> p = new java.util.HashMap<>();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        if (saslSsl != null) {
            p.putAll(saslSsl.clientProperties());
        }
        return p;
    }

    public int port() {
        return port;
    }

    public Path logDir() {
        return logDir;
    }

    /** Starts the broker again after {@link #stop()}, on the same ports and data (for outage tests). */
    public synchronized void restart() {
        if (server == null) {
            startServer();
        }
    }

    /** Creates topics that do not exist yet; existing ones are left alone. */
    public void createTopics(Collection<String> names, int partitions, Map<String, String> configs) {
        try (Admin admin = admin()) {
            Set<NewTopic> topics = names.stream()
                    .map(n -> new NewTopic(n, partitions, (short) 1).configs(configs))
                    .collect(Collectors.toSet());
            for (var result : admin.createTopics(topics).values().values()) {
                try {
                    result.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new BrokerStartException("cannot create topics " + names + ": "
                                + e.getCause().getMessage(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new BrokerStartException("timed out creating topics " + names, e);
        }
    }

    public Admin admin() {
        return Admin.create(clientSettings());
    }

    /** Stops the broker, keeping its data. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void startServer() {
        Properties props = serverProperties();
        try {
            Files.createDirectories(logDir);
            formatOnce(props);
            server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
            server.startup();
        } catch (IOException e) {
            throw new BrokerStartException("cannot use Kafka data folder " + logDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new BrokerStartException("Kafka broker failed to start on " + bootstrapServers() + ": "
                    + e.getMessage(), e);
        }
    }

    private Properties serverProperties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        // Static quorum: the controller port may change between starts without reformatting.
        p.put("controller.quorum.voters", "1@" + Ports.LOOPBACK + ":" + controllerPort);
        String client = saslSsl == null ? "PLAINTEXT" : "SASL_SSL";
        p.put("listeners", client + "://" + bindAddress + ":" + port + ",CONTROLLER://" + Ports.LOOPBACK + ":"
                + controllerPort);
        p.put("advertised.listeners", client + "://" + Ports.advertised(bindAddress) + ":" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", client);
        p.put("listener.security.protocol.map", client + ":" + client + ",CONTROLLER:PLAINTEXT");
        if (saslSsl != null) {
            p.putAll(saslSsl.serverProperties());
        }
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        p.put("num.partitions", "1");
        // A laptop-sized broker: few threads, a small cleaner buffer (the default takes 128 MiB).
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        p.put("log.cleaner.threads", "1");
        return p;
    }

    private void formatOnce(Properties props) throws IOException {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        Path config = Files.createTempFile("flapguard-kafka", ".properties");
        try {
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "FlapGuard embedded Kafka");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            List<String> args = new ArrayList<>(List.of("format", "-t", Uuid.randomUuid().toString(), "-c",
                    config.toString(), "--ignore-formatted"));
            if (saslSsl != null) {
                args.addAll(saslSsl.formatArguments());
            }
            int rc = StorageTool.execute(args.toArray(String[]::new), new PrintStream(output, true,
                    StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new BrokerStartException("formatting Kafka storage in " + logDir + " failed: "
                        + output.toString(StandardCharsets.UTF_8).trim());
            }
        } finally {
            Files.deleteIfExists(config);
        }
    }
}
