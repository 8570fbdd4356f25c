package io.flapguard.stack;

import io.flapguard.brokers.BrokerStartException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./flapguard}: runs the whole FlapGuard system locally until Ctrl-C / SIGTERM. */
@Command(name = "flapguard", mixinStandardHelpOptions = true, version = "FlapGuard 0.1.0",
        description = "Starts an embedded Kafka broker (KRaft), an embedded MQTT broker and the three FlapGuard "
                + "services, prints where they listen, and stops everything in order on Ctrl-C or SIGTERM.",
        sortOptions = false, subcommands = {IdentityCommand.class, UserCommand.class})
public class LocalStack implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = "${env:FLAPGUARD_DATA_DIR:-.flapguard}",
            description = "Folder for Kafka data, MQTT sessions, analyzer state and service logs; a second start "
                    + "reuses it (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Embedded Kafka port (0 = any free).")
    int kafkaPort;

    @Option(names = "--mqtt-port", defaultValue = "1883", description = "Embedded MQTT port (0 = any free).")
    int mqttPort;

    @Option(names = "--telemetry-port", defaultValue = "8081", description = "telemetry-service HTTP port.")
    int telemetryPort;

    @Option(names = "--analyzer-port", defaultValue = "8082", description = "analyzer-service HTTP port.")
    int analyzerPort;

    @Option(names = "--updater-port", defaultValue = "8083", description = "updater-service HTTP port.")
    int updaterPort;

    @Option(names = "--kafka-bootstrap", description = "Use this Kafka cluster instead of the embedded broker.")
    String kafkaBootstrap;

    @Option(names = "--mqtt-url", description = "Use this MQTT broker (tcp://host:port) instead of the embedded one.")
    String mqttUrl;

    @Option(names = "--service-heap", defaultValue = "256m", description = "Heap of each service JVM (default: "
            + "${DEFAULT-VALUE}).")
    String serviceHeap;

    @Option(names = "--ready-timeout", defaultValue = "180", description = "Seconds to wait for the services to "
            + "report ready (default: ${DEFAULT-VALUE}).")
    int readyTimeoutSeconds;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A configuration property for the services, "
            + "e.g. --set flapguard.updater.rollout.approval-required=true (repeatable; see docs/configuration.md).")
    java.util.Map<String, String> settingsOverrides = new java.util.LinkedHashMap<>();

    @Option(names = "--quiet", description = "Do not copy service logs to the console (they stay in <data-dir>/logs).")
    boolean quiet;

    @Option(names = "--simulate", paramLabel = "<scenario|N>", description = "Also run a simulated RUTX fleet: a "
            + "built-in scenario (seed-case, stuck-flash), a scenario file, or a number of routers for a generated "
            + "mixed fleet. The updater is wired to its routers' SSH endpoints and host keys.")
    String simulate;

    @Option(names = "--seconds-per-day", description = "Real seconds per simulated day of the fleet (overrides the "
            + "scenario's own compression).")
    Double secondsPerDay;

    @Option(names = "--allowed-targets", defaultValue = "EG12EAPAR01A12M4G", description = "Modem firmware the "
            + "updater may install, comma-separated (default: ${DEFAULT-VALUE}).")
    String allowedTargets;

    @Option(names = "--listen-address", defaultValue = StackSettings.LOOPBACK, description = "IPv4 address every "
            + "listener binds (Kafka, MQTT, the services' HTTP). The default keeps FlapGuard to this machine; "
            + "0.0.0.0 opens it to the network (default: ${DEFAULT-VALUE}).")
    String listenAddress;

    @Option(names = "--prometheus", description = "Also run Debian's Prometheus (apt install prometheus) scraping the "
            + "services with FlapGuard's alert rules, and its Alertmanager when installed (prometheus-alertmanager); "
            + "the banner prints where. Data in <data-dir>/monitoring.")
    boolean prometheus;

    @Option(names = "--home", defaultValue = ".", hidden = true, description = "Checkout with the built services.")
    Path home;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its subcommands; a StackException from a subcommand is its one-line message. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new LocalStack());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("flapguard: " + e.getMessage());
            return 2;
        });
        return cli;
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        if (!listenAddress.matches("(\\d{1,3}\\.){3}\\d{1,3}")) {
            System.err.println("flapguard: --listen-address must be an IPv4 address such as 127.0.0.1 or 0.0.0.0");
            return 2;
        }
        if (!listenAddress.startsWith("127.")) {
            System.err.println("flapguard: WARNING: listening on " + listenAddress + ": Kafka and MQTT accept anyone "
                    + "who can reach this address; the services' APIs still need a login.");
        }
        long started = System.nanoTime();
        StackSettings settings = new StackSettings(home, dataDir, kafkaPort, mqttPort, telemetryPort, analyzerPort,
                updaterPort, kafkaBootstrap, mqttUrl, serviceHeap, Duration.ofSeconds(readyTimeoutSeconds), !quiet,
                simulate, allowedTargets, secondsPerDay, settingsOverrides, listenAddress);
        Stack stack;
        try {
            out.println("FlapGuard: starting (data in " + dataDir.toAbsolutePath().normalize() + ")");
            stack = Stack.start(settings, out);
        } catch (StackException | BrokerStartException e) {
            System.err.println("flapguard: " + e.getMessage());
            return 2;
        }
        Monitoring monitoring = null;
        if (prometheus) {
            try {
                monitoring = startMonitoring(stack);
            } catch (StackException e) {
                System.err.println("flapguard: " + e.getMessage());
                stack.close();
                return 2;
            }
        }
        Monitoring startedMonitoring = monitoring;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("FlapGuard: stopping services, then MQTT, then Kafka ...");
            if (startedMonitoring != null) {
                startedMonitoring.close();
            }
            stack.close();
            out.println("FlapGuard: stopped.");
            stopped.countDown();
        }, "flapguard-stop"));
        printSummary(out, stack, Duration.ofNanos(System.nanoTime() - started));
        if (monitoring != null) {
            out.println("  Prometheus " + monitoring.prometheusUrl() + "/alerts"
                    + (monitoring.alertmanagerUrl() == null ? "   (Alertmanager not installed: apt install "
                    + "prometheus-alertmanager)" : "   Alertmanager " + monitoring.alertmanagerUrl()));
            out.println();
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Prometheus with the shipped rules, scraping the three services every 15 s as a real deployment would. */
    private Monitoring startMonitoring(Stack stack) {
        if (Monitoring.prometheus().isEmpty()) {
            throw new StackException("--prometheus: Prometheus is not installed (apt install prometheus)");
        }
        java.util.Map<String, String> targets = new java.util.LinkedHashMap<>();
        for (ServiceProcess s : stack.services()) {
            targets.put(s.name(), s.baseUrl().replaceFirst("^https?://", ""));
        }
        return Monitoring.start(new Monitoring.Settings(dataDir.resolve("monitoring"), listenAddress, targets,
                home.resolve("deploy/prometheus/flapguard-alerts.yml"), Duration.ofSeconds(15),
                java.util.Optional.empty()));
    }

    private void printSummary(PrintStream out, Stack stack, Duration startTime) {
        out.println();
        out.println("FlapGuard is up (" + startTime.toMillis() / 100 / 10.0 + " s, "
                + stack.totalRssKib() / 1024 + " MiB resident in all).");
        out.printf("  %-18s %s%n", "Kafka bootstrap", stack.kafkaBootstrap());
        out.printf("  %-18s %s   (routers publish to rutx/{serial}/... as username {serial}; add one with "
                + "./flapguard identity add <serial>)%n", "MQTT broker", stack.mqttUrl());
        for (ServiceProcess s : stack.services()) {
            out.printf("  %-18s %s   health %s/q/health  metrics %s/q/metrics  API %s/q/openapi%n", s.name,
                    s.baseUrl(), s.baseUrl(), s.baseUrl(), s.baseUrl());
        }
        out.printf("  %-18s %s/console/   (log in as a FlapGuard user, below; Swagger UI at /q/swagger-ui/)%n",
                "Console", stack.services().get(1).baseUrl());
        if (stack.fleet() != null) {
            out.printf("  %-18s %d routers (scenario %s); SSH endpoints in %s%n", "simulated fleet",
                    stack.fleet().routers().size(), stack.fleet().scenario().name(),
                    stack.fleet().files().routersCsv());
            out.println("  Watch: the console's Fleet and Rollouts pages, or analyzer " + stack.services().get(1).baseUrl()
                    + "/api/cohorts and updater " + stack.services().get(2).baseUrl() + "/rollouts.");
        }
        stack.adminCredentials().ifPresentOrElse(admin -> {
            out.println("  Created user 'admin' with password " + admin.password() + " (shown once; kept only as a "
                    + "salted hash in " + LocalIdentity.usersFile(dataDir).toAbsolutePath().normalize() + ").");
            out.println("  Try: curl -u admin:" + admin.password() + " " + stack.services().get(2).baseUrl()
                    + "/rollouts   More users: ./flapguard user add NAME --role viewer|operator|approver|admin");
        }, () -> out.println("  APIs need a login: users in " + LocalIdentity.usersFile(dataDir).toAbsolutePath()
                .normalize() + " (./flapguard user add NAME --role ROLE)."));
        out.println("  Logs in " + dataDir.resolve("logs").toAbsolutePath().normalize() + ". Ctrl-C stops everything.");
        out.println();
    }
}
