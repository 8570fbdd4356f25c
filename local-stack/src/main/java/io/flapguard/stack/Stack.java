package io.flapguard.stack;

import io.flapguard.brokers.EmbeddedKafka;
import io.flapguard.brokers.EmbeddedMqtt;
import io.flapguard.brokers.Ports;
import io.flapguard.brokers.SaslSslListener;
import io.flapguard.simulator.fleet.Fleet;
import io.flapguard.simulator.fleet.FleetFiles;
import io.flapguard.simulator.fleet.Scenario;
import io.flapguard.wire.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The whole FlapGuard system on one machine: brokers in this JVM, the three services as child JVMs.
 * Starts in pipeline order and stops in reverse, so nothing is left running.
 */
public final class Stack implements AutoCloseable {
    /** Internal topic of the updater's durable job state (compacted). */
    static final String UPDATER_JOBS_TOPIC = "flapguard.updater.jobs.v1";
    static final int PARTITIONS = 3;

    private final StackSettings settings;
    private final PrintStream console;
    private EmbeddedKafka kafka;
    private EmbeddedMqtt mqtt;
    private BrokerAccounts accounts;
    private String kafkaBootstrap;
    /** Kafka client settings every service and the stack's own clients use (without the kafka. prefix). */
    private Map<String, String> kafkaClient = Map.of();
    private String mqttUrl;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Map<String, ServiceSpec> specs = new java.util.LinkedHashMap<>();
    private Fleet fleet;
    private LocalIdentity identity;
    private boolean stopped;

    private Stack(StackSettings settings, PrintStream console) {
        this.settings = settings;
        this.console = console;
    }

    public static Stack start(StackSettings settings, PrintStream console) {
        Stack stack = new Stack(settings, console);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        Map<String, Path> jars = serviceJars();
        int telemetryPort = Ports.claim(settings.telemetryPort(), "telemetry-service HTTP");
        int analyzerPort = Ports.claim(settings.analyzerPort(), "analyzer-service HTTP");
        int updaterPort = Ports.claim(settings.updaterPort(), "updater-service HTTP");
        Path data = createDataDir();
        identity = LocalIdentity.prepare(data);
        String listen = settings.listenAddress();

        if (settings.kafkaBootstrap() == null && settings.kafkaSaslSsl()) {
            SaslSslListener saslSsl = SaslSslListener.prepare(data.resolve("kafka-tls"), "flapguard");
            kafka = EmbeddedKafka.startSaslSsl(data, settings.kafkaPort(), saslSsl);
            kafkaBootstrap = kafka.bootstrapServers();
            kafkaClient = saslSsl.clientProperties();
        } else if (settings.kafkaBootstrap() == null) {
            kafka = EmbeddedKafka.start(data, settings.kafkaPort(), listen);
            kafkaBootstrap = kafka.bootstrapServers();
        } else {
            kafkaBootstrap = settings.kafkaBootstrap();
            requireKafka(kafkaBootstrap);
        }
        createTopics();
        Map<String, String> telemetryAccount = Map.of();
        if (settings.mqttUrl() == null) {
            accounts = new BrokerAccounts(data).ensureTelemetry();
            mqtt = EmbeddedMqtt.startSecured(data, settings.mqttPort(), true, accounts.identities(),
                    BrokerAccounts.policy(settings.extraProperties()), listen);
            mqttUrl = mqtt.url();
            // One ingest connection on the embedded HiveMQ CE: four take no more from it (11,686 vs 11,512 msg/s,
            // docs/benchmarks-telemetry.md), and with several shared-group subscribers under load its delivery to
            // the group has been seen to stop while every subscriber stayed connected and idle (hivemq-community-
            // edition issue #558, SaslSslSystemTest). The operator's own setting still wins.
            telemetryAccount = merge(accounts.telemetryProperties(), Map.of("flapguard.mqtt.connections", "1"));
        } else {
            mqttUrl = settings.mqttUrl();
            requireMqtt(mqttUrl);
        }

        Map<String, String> common = merge(merge(settings.extraProperties(), kafkaServiceProperties()),
                Map.of("kafka.bootstrap.servers", kafkaBootstrap, "flapguard.mqtt.url", mqttUrl,
                        "quarkus.http.host", listen, "flapguard.security.users-file", identity.usersFile().toString()));
        startService("telemetry-service", jars, telemetryPort,
                merge(merge(common, telemetryAccount), settings.extraProperties()));
        CommandSigningKeys signing = new CommandSigningKeys(data).ensure();
        startService("analyzer-service", jars, analyzerPort, merge(merge(signing.analyzerProperties(), common),
                Map.of("kafka-streams.state.dir", data.resolve("analyzer-state").toString(),
                        "flapguard.console.updater-url", "http://" + loopbackOr(listen) + ":" + updaterPort)));
        // The operator's own settings win over the stack's wiring.
        startService("updater-service", jars, updaterPort, merge(merge(merge(common, updaterProperties(data)),
                signing.updaterProperties()), settings.extraProperties()));
        awaitReady();
        if (settings.simulate() != null) {
            // telemetry was ready first and may have lost a connection while the others started: routers publish
            // only once every ingest connection is subscribed again
            awaitReady(List.of(service("telemetry-service")));
            startFleet(data);
        }
    }

    /**
     * The updater reaches simulated routers through the files the fleet writes when it starts; the updater
     * re-reads them and reads its key only when it first connects, which is after the fleet is up.
     */
    private Map<String, String> updaterProperties(Path data) {
        Map<String, String> p = new java.util.HashMap<>();
        p.put("flapguard.updater.allowed-targets", settings.allowedTargets());
        if (settings.simulate() != null) {
            FleetFiles files = new FleetFiles(data.resolve("fleet"));
            p.put("flapguard.updater.ssh.hosts-file", files.hostsFile().toString());
            p.put("flapguard.updater.ssh.known-hosts", files.knownHosts().toString());
            p.put("flapguard.updater.ssh.private-key", files.privateKey().toString());
            p.put("flapguard.updater.ssh.address-template", "none");
        }
        return p;
    }

    /** Started once the services are ready, so telemetry's MQTT session exists before the first message. */
    private void startFleet(Path data) {
        String what = settings.simulate();
        try {
            Scenario scenario = what.matches("\\d+") ? Scenario.generated(Integer.parseInt(what), 1L)
                    : Scenario.load(what);
            if (settings.secondsPerSimulatedDay() != null) {
                scenario = scenario.withSecondsPerSimulatedDay(settings.secondsPerSimulatedDay());
            }
            Fleet.Builder builder = Fleet.builder(scenario, mqttUrl, data.resolve("fleet"));
            if (accounts != null) {
                builder.routerPasswords(accounts::addRouter); // each simulated router is registered like a real one
            }
            fleet = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new StackException("simulated fleet '" + what + "' failed to start: " + e.getMessage());
        }
    }

    /** The admin this start created with its password (first start on a data folder), else empty. */
    public java.util.Optional<Credentials> adminCredentials() {
        return identity.createdAdmin();
    }

    /** Adds a user with a generated password to the stack's users file; the services accept it at once. */
    public Credentials addUser(String name, String role) {
        return LocalIdentity.add(identity.usersFile(), name, role);
    }

    /** The running simulated fleet, or null. */
    public Fleet fleet() {
        return fleet;
    }

    private Map<String, Path> serviceJars() {
        Map<String, Path> jars = new java.util.LinkedHashMap<>();
        for (String name : List.of("telemetry-service", "analyzer-service", "updater-service")) {
            Path jar = settings.home().resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                throw new StackException(name + " is not built (" + jar + " missing): run ./mvnw -B -DskipTests install,"
                        + " or start with ./flapguard which builds what is missing");
            }
            jars.put(name, jar);
        }
        return jars;
    }

    private Path createDataDir() {
        try {
            return Files.createDirectories(settings.dataDir()).toAbsolutePath();
        } catch (IOException e) {
            throw new StackException("cannot create data folder " + settings.dataDir() + ": " + e.getMessage());
        }
    }

    private void createTopics() {
        if (kafka == null) {
            return; // an external cluster's topics are its operators' business
        }
        kafka.createTopics(Topics.all(), PARTITIONS, Map.of());
        kafka.createTopics(List.of(UPDATER_JOBS_TOPIC), PARTITIONS, Map.of("cleanup.policy", "compact"));
        kafka.createTopics(List.of(Topics.AUDIT), 1, Map.of()); // one partition: one order for the trail
    }

    /** The address a service on this machine reaches another one at: the listen address, or loopback for 0.0.0.0. */
    private static String loopbackOr(String listen) {
        return "0.0.0.0".equals(listen) ? "127.0.0.1" : listen;
    }

    /** How a service was started, so it can be started again the same way after a kill. */
    private record ServiceSpec(String name, Path jar, int port, Map<String, String> properties) {
    }

    private void startService(String name, Map<String, Path> jars, int port, Map<String, String> properties) {
        ServiceSpec spec = new ServiceSpec(name, jars.get(name), port, properties);
        specs.put(name, spec);
        services.add(launch(spec));
    }

    private ServiceProcess launch(ServiceSpec spec) {
        try {
            return ServiceProcess.start(spec.name(), spec.jar(), settings.listenAddress(), spec.port(), spec.properties(),
                    settings.serviceHeap(), settings.dataDir().resolve("logs").resolve(spec.name() + ".log"),
                    settings.echoLogs() ? console : null);
        } catch (IOException e) {
            throw new StackException("cannot start " + spec.name() + ": " + e.getMessage());
        }
    }

    /** kill -9 of one service, as a crash would do it. */
    public synchronized void kill(String name) {
        service(name).kill();
    }

    /** Starts a killed service again with its original settings and waits until it is ready. */
    public synchronized void restart(String name) {
        ServiceProcess old = service(name);
        if (old.isAlive()) {
            throw new StackException(name + " is still running");
        }
        ServiceProcess fresh = launch(specs.get(name));
        services.set(services.indexOf(old), fresh);
        awaitReady(List.of(fresh));
    }

    /**
     * Starts one more instance of a service (scale-out), with its own HTTP port and the given extra settings,
     * and waits until it is ready. It is stopped with the stack.
     */
    public synchronized ServiceProcess startAnotherInstance(String name, Map<String, String> extraProperties) {
        ServiceSpec base = specs.get(name);
        int instance = (int) services.stream().filter(s -> s.name.equals(name)).count() + 1;
        ServiceSpec spec = new ServiceSpec(name + "-" + instance, base.jar(), Ports.free(),
                merge(base.properties(), extraProperties));
        ServiceProcess extra = launch(spec);
        services.add(extra);
        awaitReady(List.of(extra));
        return extra;
    }

    public ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new StackException("no service " + name));
    }

    private void awaitReady() {
        awaitReady(services);
    }

    private void awaitReady(List<ServiceProcess> starting) {
        long deadline = System.nanoTime() + settings.readyTimeout().toNanos();
        List<ServiceProcess> waiting = new ArrayList<>(starting);
        while (!waiting.isEmpty()) {
            for (ServiceProcess s : List.copyOf(waiting)) {
                if (!s.isAlive()) {
                    throw new StackException(s.name + " exited during start-up; see "
                            + settings.dataDir().resolve("logs").resolve(s.name + ".log"));
                }
                if (s.isReady()) {
                    waiting.remove(s);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new StackException("not ready after " + settings.readyTimeout().toSeconds() + " s: "
                        + waiting.stream().map(s -> s.name).toList() + "; see " + settings.dataDir().resolve("logs"));
            }
            pause(Duration.ofMillis(250));
        }
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    /** What a Kafka client of this stack's broker needs: bootstrap servers and any security settings. */
    public Map<String, Object> kafkaClientSettings() {
        Map<String, Object> p = new java.util.HashMap<>(kafkaClient);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        return p;
    }

    /** The services' kafka.* security settings (none for a plaintext broker). */
    private Map<String, String> kafkaServiceProperties() {
        Map<String, String> p = new java.util.HashMap<>();
        kafkaClient.forEach((k, v) -> p.put("kafka." + k, v));
        return p;
    }

    public String mqttUrl() {
        return mqttUrl;
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    /** Resident memory of this JVM (brokers) plus every service, in KiB. */
    public long totalRssKib() {
        return Rss.ofSelf() + services.stream().mapToLong(ServiceProcess::rssKib).sum();
    }

    /** The fleet, services in reverse pipeline order, the MQTT broker, then Kafka. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (fleet != null) {
            fleet.close();
        }
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).stop(Duration.ofSeconds(20));
        }
        if (mqtt != null) {
            mqtt.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    private static void requireKafka(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                5000))) {
            admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new StackException("Kafka at " + bootstrap + " is unreachable (no answer within 10 s); "
                    + "is the broker running and the address right?");
        }
    }

    private static void requireMqtt(String url) {
        URI uri = URI.create(url);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 1883 : uri.getPort()), 5000);
        } catch (IOException e) {
            throw new StackException("MQTT broker at " + url + " is unreachable (" + e.getMessage() + ")");
        }
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new java.util.HashMap<>(a);
        m.putAll(b);
        return m;
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for the services");
        }
    }
}
