package io.flapguard.simulator.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs a simulated fleet against an MQTT broker until the scenario's simulated duration is over (or forever),
 * printing progress every few seconds. The updater is wired to it through the files in {@code --folder}.
 */
@Command(name = "fleet-simulator", mixinStandardHelpOptions = true,
        description = "Simulated RUTX fleet: MQTT telemetry per the router contract, SSH per router.")
public final class FleetMain implements Callable<Integer> {

    @Option(names = "--mqtt-url", defaultValue = "tcp://127.0.0.1:1883", description = "MQTT broker (default: ${DEFAULT-VALUE})")
    String mqttUrl;

    @Option(names = "--simulate", defaultValue = "seed-case",
            description = "Built-in scenario (seed-case, stuck-flash), a YAML/JSON file, or a number of routers for a generated mix (default: ${DEFAULT-VALUE})")
    String simulate;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of a generated fleet (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--folder", defaultValue = "fleet-run", description = "Where SSH key, known_hosts, routers.csv, routers.hosts and router state go (default: ${DEFAULT-VALUE})")
    Path folder;

    @Option(names = "--seconds-per-day", description = "Override the scenario's real seconds per simulated day")
    Double secondsPerDay;

    @Option(names = "--topic-root", defaultValue = "rutx", description = "MQTT topic root (default: ${DEFAULT-VALUE})")
    String topicRoot;

    @Option(names = "--routers-per-connection", defaultValue = "250", description = "Routers sharing one MQTT connection (default: ${DEFAULT-VALUE})")
    int routersPerConnection;

    @Option(names = "--max-inflight", defaultValue = "10", description = "Unacknowledged QoS 1 messages per connection, at most the broker's receive maximum (default: ${DEFAULT-VALUE})")
    int maxInflight;

    @Option(names = "--ssh-base-port", defaultValue = "0", description = "Router i listens on base+i; 0 picks free ports (default: ${DEFAULT-VALUE})")
    int sshBasePort;

    @Option(names = "--forever", description = "Keep running after the scenario's duration (until Ctrl-C)")
    boolean forever;

    @Override
    public Integer call() throws Exception {
        Scenario scenario = simulate.matches("\\d+") ? Scenario.generated(Integer.parseInt(simulate), seed) : Scenario.load(simulate);
        if (secondsPerDay != null) {
            scenario = scenario.withSecondsPerSimulatedDay(secondsPerDay);
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (Fleet fleet = Fleet.builder(scenario, mqttUrl, folder).topicRoot(topicRoot)
                .routersPerConnection(routersPerConnection).maxInflight(maxInflight).sshBasePort(sshBasePort).start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            System.out.printf("fleet %s: %d routers, %d MQTT connections to %s; files in %s%n", scenario.name(),
                    fleet.routers().size(), fleet.mqttConnections(), mqttUrl, fleet.files().folder().toAbsolutePath());
            StringBuilder flags = new StringBuilder("updater-service settings:");
            fleet.files().updaterProperties().forEach((k, v) -> flags.append(" -D").append(k).append('=').append(v));
            System.out.println(flags);
            long started = System.nanoTime();
            long lastCount = 0;
            long lastTime = started;
            while (!stop.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
                long now = System.nanoTime();
                long count = fleet.publishedTotal();
                long flashed = fleet.flashCounts().values().stream().filter(c -> c > 0).count();
                System.out.printf("sim %s | published %d (kernel %d, events %d, status %d), acked %d, %.0f msg/s | routers flashed %d%n",
                        fleet.simulatedNow(), count, fleet.published(Fleet.Kind.KERNEL), fleet.published(Fleet.Kind.EVENTS),
                        fleet.published(Fleet.Kind.STATUS), fleet.acknowledged(), (count - lastCount) / ((now - lastTime) / 1e9), flashed);
                lastCount = count;
                lastTime = now;
                if (!forever && fleet.scenarioOver()) {
                    System.out.printf("scenario over after %s real time%n", Duration.ofNanos(now - started).withNanos(0));
                    break;
                }
            }
        }
        return 0;
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new FleetMain());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("fleet-simulator: " + e.getMessage());
            return 2;
        });
        System.exit(cli.execute(args));
    }
}
