package io.flapguard.updater.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.flapguard.simulator.router.SharedSshResources;
import io.flapguard.simulator.router.SimulatedRouter;
import io.flapguard.simulator.router.SimulatedRouterServer;
import io.flapguard.updater.runbook.Outcome;
import io.flapguard.updater.runbook.RunListener;
import io.flapguard.updater.runbook.Runbook;
import io.flapguard.updater.ssh.SshConnector;
import io.flapguard.updater.testing.Commands;
import io.flapguard.updater.testing.RouterFixture;
import io.flapguard.updater.validate.CommandValidator;
import io.flapguard.wire.ResultStatus;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load harness, not a unit test (surefire excludes the bench package; run it with -Dtest=FleetUpdateBenchmark):
 * N simulated RUTX routers (shared MINA resources) each get a full online update through the real runbook over
 * SSH, at most C at once. Prints wall time against the ideal N/C x update time, SSH connections/s and memory.
 * Routers and updater share this JVM, so the RSS includes the simulated fleet.
 */
class FleetUpdateBenchmark {
    static final int ROUTERS = Integer.getInteger("bench.routers", 1000);
    static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 100);
    static final Duration UPDATE = Duration.ofMillis(Long.getLong("bench.updateMillis", 200));

    @TempDir
    Path temp;

    @Test
    void thousandRoutersAtConcurrencyHundred() throws Exception {
        RouterFixture fixture = new RouterFixture(temp);
        SharedSshResources shared = new SharedSshResources(2);
        List<SimulatedRouterServer> servers = new ArrayList<>();
        long startServers = System.nanoTime();
        for (int i = 0; i < ROUTERS; i++) {
            SimulatedRouter router = new SimulatedRouter(String.valueOf(1_700_000_000L + i)).updateDuration(UPDATE);
            SimulatedRouterServer server = SimulatedRouterServer.builder(router, temp.resolve("r" + i))
                    .authorizedKey(RouterFixture.authorizedKeyLine()).resources(shared).start();
            servers.add(server);
        }
        StringBuilder known = new StringBuilder();
        servers.forEach(s -> known.append(s.knownHostsLine(s.host())).append('\n'));
        Files.writeString(fixture.knownHosts, known);
        double serversSeconds = (System.nanoTime() - startServers) / 1e9;
        long rssFleetKib = procStatus("VmRSS");

        CommandValidator validator = new CommandValidator(Set.of(RouterFixture.TARGET));
        Map<ResultStatus, Integer> outcomes = new EnumMap<>(ResultStatus.class);
        Histogram perRouterMillis = new Histogram(3_600_000L, 3);
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try (SshConnector connector = fixture.connector(Map.of(), false)) {
            Runbook runbook = fixture.runbook(connector, false);
            long start = System.nanoTime();
            List<Future<Outcome>> futures = new ArrayList<>();
            for (SimulatedRouterServer server : servers) {
                futures.add(pool.submit(() -> {
                    long t0 = System.nanoTime();
                    Outcome o = runbook.run(validator.validate(Commands.command(server.router().serial(),
                            "EG12EAPAR01A09M4G", RouterFixture.TARGET)), RouterFixture.targetOf(server), Runbook.Mode.UPDATE,
                            RunListener.NONE);
                    synchronized (perRouterMillis) {
                        perRouterMillis.recordValue((System.nanoTime() - t0) / 1_000_000);
                    }
                    return o;
                }));
            }
            for (Future<Outcome> f : futures) {
                outcomes.merge(f.get().status(), 1, Integer::sum);
            }
            double wall = (System.nanoTime() - start) / 1e9;
            double ideal = (double) ROUTERS / CONCURRENCY * UPDATE.toMillis() / 1000.0;
            long connections = connector.connectionsOpened();
            System.gc();
            long heapUsedMib = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
            int flashedTwice = (int) servers.stream().filter(s -> s.router().flashCount() > 1).count();
            System.out.printf("%n=== FleetUpdateBenchmark: %d routers, concurrency %d, simulated update %d ms ===%n",
                    ROUTERS, CONCURRENCY, UPDATE.toMillis());
            System.out.printf("start %d simulated routers: %.1f s; RSS after start: %d MiB%n", ROUTERS, serversSeconds, rssFleetKib >> 10);
            System.out.printf("outcomes: %s; modems flashed twice: %d%n", outcomes, flashedTwice);
            System.out.printf("wall time: %.1f s; ideal (routers/concurrency x update): %.1f s; ratio %.1fx%n", wall, ideal, wall / ideal);
            System.out.printf("per-router runbook ms: p50 %d, p90 %d, p99 %d, max %d%n", perRouterMillis.getValueAtPercentile(50),
                    perRouterMillis.getValueAtPercentile(90), perRouterMillis.getValueAtPercentile(99), perRouterMillis.getMaxValue());
            System.out.printf("SSH connections: %d (%.1f/s); routers updated/s: %.1f%n", connections, connections / wall, ROUTERS / wall);
            System.out.printf("memory: peak RSS (VmHWM) %d MiB, RSS now %d MiB, heap used after GC %d MiB, max heap %d MiB%n",
                    procStatus("VmHWM") >> 10, procStatus("VmRSS") >> 10, heapUsedMib, Runtime.getRuntime().maxMemory() >> 20);
            assertThat(outcomes).containsOnlyKeys(ResultStatus.SUCCEEDED);
            assertThat(flashedTwice).isZero();
        } finally {
            pool.shutdownNow();
            servers.forEach(SimulatedRouterServer::close);
            shared.close();
        }
    }

    /** A {@code /proc/self/status} field in KiB (Linux). */
    private static long procStatus(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
