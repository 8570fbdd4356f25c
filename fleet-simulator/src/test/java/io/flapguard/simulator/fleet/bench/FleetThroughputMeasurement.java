package io.flapguard.simulator.fleet.bench;

import static org.awaitility.Awaitility.await;

import io.flapguard.brokers.EmbeddedMqtt;
import io.flapguard.simulator.fleet.Fleet;
import io.flapguard.simulator.fleet.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/**
 * Not a test (not run by verify): starts an embedded HiveMQ and a generated fleet of N routers on the real
 * compressed clock and prints start time, published and received messages per second.
 * Args: routers (1000), real seconds to run (30), real seconds per simulated day (60), status period minutes (1).
 */
public final class FleetThroughputMeasurement {

    public static void main(String[] args) throws Exception {
        int routers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        double perDay = args.length > 2 ? Double.parseDouble(args[2]) : 60;
        long statusMinutes = args.length > 3 ? Long.parseLong(args[3]) : 1;
        Path dir = Files.createTempDirectory("fleet-bench");
        Scenario generated = Scenario.generated(routers, 1).withSecondsPerSimulatedDay(perDay);
        Scenario scenario = new Scenario(generated.name(), generated.seed(), null, null, perDay, generated.duration(),
                Duration.ofMinutes(statusMinutes), null, generated.model(), generated.groups(), generated.events());
        try (EmbeddedMqtt mqtt = EmbeddedMqtt.startOpen(dir, 0, false)) {
            AtomicLong received = new AtomicLong();
            MqttClient sub = new MqttClient(mqtt.url(), "bench-sub", new MemoryPersistence());
            sub.connect(new MqttConnectionOptions());
            IMqttMessageListener count = (t, m) -> received.incrementAndGet();
            sub.subscribe(new MqttSubscription[] {new MqttSubscription("rutx/#", 1)}, new IMqttMessageListener[] {count});
            long t0 = System.nanoTime();
            try (Fleet fleet = Fleet.builder(scenario, mqtt.url(), dir.resolve("fleet")).start()) {
                System.out.printf("%d routers (%d MQTT connections) started in %d ms%n", routers, fleet.mqttConnections(),
                        (System.nanoTime() - t0) / 1_000_000);
                long start = System.nanoTime();
                long pub0 = fleet.publishedTotal();
                long rec0 = received.get();
                // The window is a span of simulated time: as much as `seconds` of real time compress to.
                Instant simStart = fleet.simulatedNow();
                Duration simulatedWindow = Duration.ofMillis((long) (seconds * 86_400_000d / perDay));
                await().atMost(Duration.ofSeconds(seconds * 3L + 30)).pollInterval(Duration.ofMillis(50))
                        .until(() -> !fleet.simulatedNow().isBefore(simStart.plus(simulatedWindow)));
                double elapsed = (System.nanoTime() - start) / 1e9;
                long pub = fleet.publishedTotal() - pub0;
                long rec = received.get() - rec0;
                System.out.printf("%.0f s real = %s simulated: published %d (%.0f msg/s), acked %d, received %d (%.0f msg/s); kernel %d events %d status %d%n",
                        elapsed, Duration.between(fleet.simulatedStart(), fleet.simulatedNow()).withNanos(0), pub, pub / elapsed,
                        fleet.acknowledged(), rec, rec / elapsed, fleet.published(Fleet.Kind.KERNEL),
                        fleet.published(Fleet.Kind.EVENTS), fleet.published(Fleet.Kind.STATUS));
                Runtime rt = Runtime.getRuntime();
                System.gc();
                System.out.printf("heap used %d MB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
            }
            sub.disconnect();
            sub.close();
        }
    }
}
