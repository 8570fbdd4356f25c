package io.flapguard.simulator.router;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: starts N routers twice (first with fresh host keys, then reusing them) and prints
 * start time, heap, RSS and threads. Run it by hand, see the module README in the report.
 */
public final class ThousandRoutersMeasurement {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path base = Files.createTempDirectory("rutx-fleet");
        for (String round : List.of("fresh host keys", "reused host keys")) {
            long started = System.nanoTime();
            List<SimulatedRouterServer> servers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                servers.add(SimulatedRouterServer.builder(new SimulatedRouter(String.format("11%08d", i)), base.resolve("r" + i))
                        .authorizedKey(RouterSsh.CLIENT_KEY.getPublic()).start());
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            try (RouterSsh first = RouterSsh.connect(servers.get(0)); RouterSsh last = RouterSsh.connect(servers.get(count - 1))) {
                first.exec("gsmctl -y");
                last.exec("gsmctl -y");
            }
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("%s: %d routers started in %d ms; heap used %d MB; RSS %s; live threads %d%n",
                    round, count, millis, (rt.totalMemory() - rt.freeMemory()) >> 20, rss(),
                    ManagementFactory.getThreadMXBean().getThreadCount());
            long stopping = System.nanoTime();
            servers.forEach(SimulatedRouterServer::close);
            System.out.printf("%s: stopped in %d ms%n", round, (System.nanoTime() - stopping) / 1_000_000);
        }
    }

    private static String rss() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmRSS")).findFirst().orElse("?").replaceAll("\\s+", " ");
    }
}
