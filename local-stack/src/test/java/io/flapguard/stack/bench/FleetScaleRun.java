package io.flapguard.stack.bench;

import io.flapguard.simulator.fleet.Fleet;
import io.flapguard.simulator.fleet.FleetRouter;
import io.flapguard.simulator.fleet.Scenario;
import io.flapguard.stack.Stack;
import io.flapguard.stack.StackSettings;
import io.flapguard.wire.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The fleet-scale run (issue #13, run by hand, not a test): N simulated routers publish through a Mosquitto
 * process to telemetry-service, Kafka (embedded, in this JVM) and analyzer-service (the services as child JVMs,
 * as {@code ./flapguard} starts them), first steadily, then with telemetry killed for a while and restarted
 * (catch-up from the broker's persistent sessions). Samples every 10 s: ingest lag (published records not yet
 * on Kafka), the analyzer group's lag, CPU and memory per process, diagnoses; at the end reads the telemetry
 * topic whole and counts lost and duplicate records by their stable ids.
 * <p>
 * Arguments: {@code routers steady-minutes outage-minutes [seconds-per-simulated-day] [service-heap]}.
 * The model's clock is compressed (a simulated day in 600 s by default, so a flapping router has its ~6 modem
 * resets a day within the run) while every router still sends status once per real minute: the status period
 * is stretched by the same factor.
 */
public final class FleetScaleRun {
    private static final String ANALYZER_GROUP = "flapguard-analyzer";
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);

    private final int routers;
    private final Path dir;
    private final PrintStream out;
    private final Map<String, ProcessStats> stats = new LinkedHashMap<>();
    private final Map<String, Long> peakRssMib = new LinkedHashMap<>();
    private final Map<String, Long> peakHeapMib = new LinkedHashMap<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long lastFleetCpuNanos;
    private long lastSampleNanos;
    private long lastKafkaRecords;
    private Stack stack;
    private Fleet fleet;
    private KafkaProgress kafka;
    private DiagnosisWatch watch;
    private PrintStream csv;
    private final long startNanos = System.nanoTime();
    /** Largest lags seen in the steady phase: the catch-up counts as drained when it is back within them. */
    private long steadyMaxIngestLag;
    private long steadyMaxAnalyzerLag;

    private FleetScaleRun(int routers, Path dir, PrintStream out) {
        this.routers = routers;
        this.dir = dir;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        int routers = Integer.parseInt(args[0]);
        int steadyMinutes = Integer.parseInt(args[1]);
        int outageMinutes = Integer.parseInt(args[2]);
        double secondsPerDay = args.length > 3 ? Double.parseDouble(args[3]) : 600;
        String heap = args.length > 4 ? args[4] : "1g";
        Path dir = Path.of("target/fleet-scale").toAbsolutePath();
        deleteTree(dir);
        new FleetScaleRun(routers, dir, System.out).run(steadyMinutes, outageMinutes, secondsPerDay, heap);
        System.exit(0);
    }

    private void run(int steadyMinutes, int outageMinutes, double secondsPerDay, String heap) throws Exception {
        Files.createDirectories(dir);
        csv = new PrintStream(Files.newOutputStream(dir.resolve("samples.csv")), true);
        csv.println("seconds,phase,published_messages,published_records,kafka_records,ingest_lag,analyzer_lag,"
                + "ingest_per_s,telemetry_inflight,telemetry_cpu,telemetry_rss_mib,telemetry_heap_mib,analyzer_cpu,"
                + "analyzer_rss_mib,analyzer_heap_mib,updater_cpu,updater_rss_mib,mosquitto_cpu,mosquitto_rss_mib,"
                + "harness_cpu,harness_rss_mib,fleet_threads_cpu,firmware_flapping,firmware_others,commanded_flapping");
        // Per session: a stopped instance's share (a quarter with 4 connections) of the whole outage, with room.
        long queuedMessages = 5_000_000;
        long queuedBytes = 2_000_000_000L;
        out.printf("Mosquitto per-session queue limits: %,d messages, %,d bytes%n", queuedMessages, queuedBytes);
        try (MosquittoProcess mosquitto = MosquittoProcess.start(dir.resolve("mosquitto"), queuedMessages, queuedBytes)) {
            stack = Stack.start(new StackSettings(Path.of("..").toAbsolutePath().normalize(), dir.resolve("stack"),
                    0, 0, 0, 0, 0, null, mosquitto.url(), heap, Duration.ofMinutes(5), false, null,
                    "EG12EAPAR01A14M4G", null, Map.of()), out);
            try (KafkaProgress progress = new KafkaProgress(stack.kafkaClientSettings())) {
                kafka = progress;
                stats.put("telemetry", new ProcessStats(stack.service("telemetry-service").pid()));
                stats.put("analyzer", new ProcessStats(stack.service("analyzer-service").pid()));
                stats.put("updater", new ProcessStats(stack.service("updater-service").pid()));
                stats.put("mosquitto", new ProcessStats(mosquitto.pid()));
                stats.put("harness", new ProcessStats(ProcessHandle.current().pid()));
                Scenario scenario = Scenario.load(writeScenario(secondsPerDay).toString());
                long started = System.nanoTime();
                fleet = Fleet.builder(scenario, mosquitto.url(), dir.resolve("fleet")).withoutSsh()
                        .routersPerConnection(2_500).maxInflight(100).start();
                out.printf("fleet of %,d routers started in %.1f s on %d MQTT connections (%s)%n", routers,
                        (System.nanoTime() - started) / 1e9, fleet.mqttConnections(), scenario.name());
                Set<String> flapping = fleet.routers().stream().filter(r -> r.group().name().equals("flapping"))
                        .map(FleetRouter::serial).collect(Collectors.toSet());
                watch = new DiagnosisWatch(stack.kafkaClientSettings(), flapping);
                try {
                    phases(steadyMinutes, outageMinutes, flapping.size());
                } finally {
                    watch.close();
                    stack.close();
                }
            }
        }
    }

    private void phases(int steadyMinutes, int outageMinutes, int flappingCount) {
        sampleFor("steady", Duration.ofMinutes(steadyMinutes), true);
        Map<String, String> results = new LinkedHashMap<>();
        results.put("steady phase", steadyMinutes + " min; max ingest lag " + steadyMaxIngestLag
                + " records, max analyzer lag " + steadyMaxAnalyzerLag + " records");
        if (outageMinutes > 0) {
            long before = fleet.publishedRecords();
            stack.kill("telemetry-service");
            out.println("telemetry-service killed (SIGKILL); the fleet keeps publishing");
            sampleFor("telemetry-down", Duration.ofMinutes(outageMinutes), false);
            long backlog = fleet.publishedRecords() - before;
            long restartAt = System.nanoTime();
            stack.restart("telemetry-service");
            double readySeconds = (System.nanoTime() - restartAt) / 1e9;
            stats.put("telemetry", new ProcessStats(stack.service("telemetry-service").pid()));
            out.printf("telemetry-service ready again after %.1f s; %,d records were published while it was down%n",
                    readySeconds, backlog);
            // Checked every second (two admin calls); the full sample is printed every 10 s as elsewhere.
            double ingestDrained = -1;
            double analyzerDrained = -1;
            long nextSample = System.nanoTime() + SAMPLE_EVERY.toNanos();
            long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
            while ((ingestDrained < 0 || analyzerDrained < 0) && System.nanoTime() < deadline) {
                Pacing.pause(Duration.ofSeconds(1));
                long ingestLag = fleet.publishedRecords() - kafka.records(Topics.TELEMETRY);
                long analyzerLag = kafka.lag(ANALYZER_GROUP, Topics.TELEMETRY);
                double since = (System.nanoTime() - restartAt) / 1e9;
                if (ingestDrained < 0 && ingestLag <= Math.max(steadyMaxIngestLag, 1_000)) {
                    ingestDrained = since;
                    out.printf("ingest caught up %.0f s after the restart%n", since);
                }
                if (ingestDrained >= 0 && analyzerDrained < 0 && analyzerLag <= Math.max(steadyMaxAnalyzerLag, 1_000)) {
                    analyzerDrained = since;
                    out.printf("analyzer caught up %.0f s after the restart%n", since);
                }
                if (System.nanoTime() > nextSample) {
                    sample("catch-up");
                    nextSample = System.nanoTime() + SAMPLE_EVERY.toNanos();
                }
            }
            results.put("outage", outageMinutes + " min telemetry down, " + String.format(Locale.ROOT, "%,d", backlog)
                    + " records published meanwhile");
            results.put("catch-up", String.format(Locale.ROOT,
                    "telemetry ready %.0f s after restart; ingest back within steady lag after %.0f s (%,.0f records/s"
                            + " over the backlog), analyzer after %.0f s (from the restart, checked every second)",
                    readySeconds, ingestDrained, backlog / Math.max(1, ingestDrained), analyzerDrained));
            sampleFor("after-catch-up", Duration.ofMinutes(1), false);
        }
        finish(results, flappingCount);
    }

    /** Stops the fleet, waits for the pipeline to take the rest, and reads the telemetry topic whole. */
    private void finish(Map<String, String> results, int flappingCount) {
        boolean flushed = fleet.flush(Duration.ofMinutes(2));
        long published = fleet.publishedRecords();
        long messages = fleet.publishedTotal();
        long acked = fleet.acknowledged();
        long failed = fleet.publishFailures();
        fleet.close();
        out.printf("fleet stopped: %,d messages (%,d records) published, %,d acknowledged by Mosquitto, %,d failed, flushed %s%n",
                messages, published, acked, failed, flushed);
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        long stableSince = System.nanoTime();
        long last = -1;
        while (System.nanoTime() < deadline) {
            Pacing.pause(SAMPLE_EVERY);
            Sample s = sample("drain");
            if (s.kafkaRecords != last) {
                last = s.kafkaRecords;
                stableSince = System.nanoTime();
            }
            boolean quiet = System.nanoTime() - stableSince > Duration.ofSeconds(20).toNanos();
            if (quiet && s.analyzerLag == 0) {
                break;
            }
        }
        long start = System.nanoTime();
        TelemetryAudit.Counts counts = TelemetryAudit.count(stack.kafkaClientSettings(), Topics.TELEMETRY,
                kafka.endOffsets(Topics.TELEMETRY));
        long dlq = kafka.records(Topics.TELEMETRY_DLQ);
        out.printf("telemetry topic read whole in %.0f s%n", (System.nanoTime() - start) / 1e9);
        results.put("published", String.format(Locale.ROOT,
                "%,d MQTT messages = %,d records expected (status %,d, kernel %,d, events %,d envelopes); "
                        + "%,d acknowledged by Mosquitto, %,d failed",
                messages, published, fleet.published(Fleet.Kind.STATUS), fleet.published(Fleet.Kind.KERNEL),
                fleet.published(Fleet.Kind.EVENTS), acked, failed));
        results.put("on Kafka", String.format(Locale.ROOT,
                "%,d records, %,d distinct ids, %,d duplicates, %,d without id, %,d dead letters",
                counts.records(), counts.distinct(), counts.duplicates(), counts.withoutId(), dlq));
        results.put("lost", String.format(Locale.ROOT, "%,d (expected − distinct)", published - counts.distinct()));
        results.put("diagnosed", String.format(Locale.ROOT,
                "FIRMWARE: %,d of %,d flapping routers (first %.0f s, half %.0f s after the fleet started), %,d others; "
                        + "commands: %,d flapping, %,d others; latest causes %s",
                watch.firmwareFlapping(), flappingCount, watch.firmwareAfter(1), watch.firmwareAfter(flappingCount / 2),
                watch.firmwareOthers(), watch.commandedFlapping(), watch.commandedOthers(), watch.latestCauses()));
        results.put("peak memory", "RSS MiB " + peakRssMib + ", heap MiB " + peakHeapMib
                + " (harness = embedded Kafka + the simulated fleet + this run's clients)");
        out.println();
        out.println("== fleet-scale run: " + routers + " routers ==");
        results.forEach((k, v) -> out.println(k + ": " + v));
        try {
            Files.write(dir.resolve("summary.txt"), results.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .toList());
        } catch (IOException e) {
            out.println("cannot write summary.txt: " + e.getMessage());
        }
    }

    private void sampleFor(String phase, Duration length, boolean steady) {
        long end = System.nanoTime() + length.toNanos();
        while (System.nanoTime() < end) {
            Pacing.pause(SAMPLE_EVERY);
            Sample s = sample(phase);
            // the first minute fills the pipeline (status spreads over the period); lag is judged after it
            if (steady && System.nanoTime() - startNanos > Duration.ofSeconds(90).toNanos()) {
                steadyMaxIngestLag = Math.max(steadyMaxIngestLag, s.ingestLag);
                steadyMaxAnalyzerLag = Math.max(steadyMaxAnalyzerLag, s.analyzerLag);
            }
        }
    }

    private record Sample(long kafkaRecords, long ingestLag, long analyzerLag) {
    }

    private Sample sample(String phase) {
        long now = System.nanoTime();
        long published = fleet.publishedRecords();
        long records = kafka.records(Topics.TELEMETRY);
        long analyzerLag = kafka.lag(ANALYZER_GROUP, Topics.TELEMETRY);
        double seconds = (now - startNanos) / 1e9;
        double rate = lastSampleNanos == 0 ? 0 : (records - lastKafkaRecords) / ((now - lastSampleNanos) / 1e9);
        long fleetCpu = fleetThreadsCpuNanos();
        double fleetCpuPercent = lastSampleNanos == 0 || fleetCpu < lastFleetCpuNanos ? -1 : (fleetCpu - lastFleetCpuNanos) / (double) (now - lastSampleNanos) * 100;
        lastSampleNanos = now;
        lastKafkaRecords = records;
        lastFleetCpuNanos = fleetCpu;
        Metrics telemetry = Metrics.scrape(stack.service("telemetry-service").baseUrl());
        Metrics analyzer = Metrics.scrape(stack.service("analyzer-service").baseUrl());
        double inflight = telemetry.sum("flapguard_telemetry_inflight_messages", "");
        Map<String, double[]> p = new LinkedHashMap<>();
        stats.forEach((name, st) -> p.put(name, new double[] {st.cpuPercent(), st.rssMib()}));
        p.forEach((name, v) -> peakRssMib.merge(name, (long) v[1], Math::max));
        peakHeapMib.merge("telemetry", telemetry.heapMib(), Math::max);
        peakHeapMib.merge("analyzer", analyzer.heapMib(), Math::max);
        out.printf(Locale.ROOT, "%5.0fs %-14s pub %,11d kafka %,11d lag ingest %,9d analyzer %,9d | %,6.0f rec/s | "
                        + "cpu%% tel %3.0f ana %3.0f upd %3.0f mosq %3.0f harness %3.0f (fleet %3.0f) | rss MiB tel %4.0f ana %4.0f "
                        + "upd %4.0f mosq %4.0f harness %4.0f | heap MiB tel %d ana %d | FIRMWARE %d (+%d other) cmds %d%n",
                seconds, phase, published, records, published - records, analyzerLag, rate,
                p.get("telemetry")[0], p.get("analyzer")[0], p.get("updater")[0], p.get("mosquitto")[0],
                p.get("harness")[0], fleetCpuPercent, p.get("telemetry")[1], p.get("analyzer")[1], p.get("updater")[1],
                p.get("mosquitto")[1], p.get("harness")[1], telemetry.heapMib(), analyzer.heapMib(),
                watch.firmwareFlapping(), watch.firmwareOthers(), watch.commandedFlapping());
        csv.printf(Locale.ROOT, "%.0f,%s,%d,%d,%d,%d,%d,%.0f,%.0f,%.0f,%.0f,%d,%.0f,%.0f,%d,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%.0f,%d,%d,%d%n",
                seconds, phase, fleet.publishedTotal(), published, records, published - records, analyzerLag, rate,
                inflight, p.get("telemetry")[0], p.get("telemetry")[1], telemetry.heapMib(), p.get("analyzer")[0],
                p.get("analyzer")[1], analyzer.heapMib(), p.get("updater")[0], p.get("updater")[1],
                p.get("mosquitto")[0], p.get("mosquitto")[1], p.get("harness")[0], p.get("harness")[1], fleetCpuPercent,
                watch.firmwareFlapping(), watch.firmwareOthers(), watch.commandedFlapping());
        return new Sample(records, published - records, analyzerLag);
    }

    /** CPU of the simulator's own threads (clock loop and MQTT senders) in this JVM, which also runs Kafka. */
    private long fleetThreadsCpuNanos() {
        long sum = 0;
        for (long id : threads.getAllThreadIds()) {
            java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
            if (info != null && info.getThreadName().startsWith("fleet-")) {
                long t = threads.getThreadCpuTime(id);
                sum += Math.max(0, t);
            }
        }
        return sum;
    }

    /**
     * 1 % of the fleet on the bad router+modem firmware combination (modem resets, the firmware signature); the rest
     * on four good cohorts of the same modem, one of them with poor signal (radio drops: noise that must stay
     * explained). Status every real minute: the status period is a real minute times the compression.
     */
    private Path writeScenario(double secondsPerDay) throws IOException {
        int flapping = Math.max(1, routers / 100);
        int oldRouterFw = routers * 20 / 100;
        int a12 = routers * 40 / 100;
        int poor = routers * 9 / 100;
        int a14 = routers - flapping - oldRouterFw - a12 - poor;
        long statusSeconds = Math.round(60 * 86_400 / secondsPerDay);
        String yaml = """
                name: fleet-scale-%d
                seed: 13
                startOffset: -P5D
                secondsPerSimulatedDay: %s
                duration: P30D
                statusPeriod: PT%dS
                groups:
                  - {name: flapping, count: %d, serialStart: 1000000, routerFirmware: RUTX_R_00.07.02.7, modemFirmware: EG12EAPAR01A09M4G, operators: [o2 - de, Telekom.de, Vodafone.de]}
                  - {name: a09-old-router-fw, count: %d, serialStart: 2000000, routerFirmware: RUTX_R_00.07.02.5, modemFirmware: EG12EAPAR01A09M4G, operators: [o2 - de, Telekom.de, Vodafone.de]}
                  - {name: a12, count: %d, serialStart: 3000000, routerFirmware: RUTX_R_00.07.02.7, modemFirmware: EG12EAPAR01A12M4G, operators: [o2 - de, Telekom.de, Vodafone.de]}
                  - {name: a14, count: %d, serialStart: 4000000, routerFirmware: RUTX_R_00.07.02.7, modemFirmware: EG12EAPAR01A14M4G, operators: [o2 - de, Telekom.de, Vodafone.de]}
                  - {name: poor-signal, count: %d, serialStart: 5000000, routerFirmware: RUTX_R_00.07.02.5, modemFirmware: EG12EAPAR01A12M4G, operators: [o2 - de, Telekom.de, Vodafone.de], signal: {rsrp: -116, sinr: -3, rsrq: -15}}
                """.formatted(routers, secondsPerDay, statusSeconds, flapping, oldRouterFw, a12, a14, poor);
        Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, yaml);
        out.printf("scenario: %,d routers, %,d flapping, a simulated day in %.0f s, status every %d simulated s (60 real s)%n",
                routers, flapping, secondsPerDay, statusSeconds);
        return file;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
