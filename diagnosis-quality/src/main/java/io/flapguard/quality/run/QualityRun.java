package io.flapguard.quality.run;

import io.flapguard.analyzer.config.AnalyzerConfig;
import io.flapguard.analyzer.metrics.AnalyzerMetrics;
import io.flapguard.analyzer.topology.AnalyzerTopology;
import io.flapguard.quality.fleet.Fleet;
import io.flapguard.quality.fleet.MqttMessage;
import io.flapguard.quality.fleet.RouterPlan;
import io.flapguard.telemetry.parse.ClockPolicy;
import io.flapguard.telemetry.parse.MessageTranslator;
import io.flapguard.telemetry.parse.TopicParser;
import io.flapguard.telemetry.parse.Translation;
import io.flapguard.wire.DeadLetter;
import io.flapguard.wire.Diagnosis;
import io.flapguard.wire.RejectReason;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.RemediationResult;
import io.flapguard.wire.ResultStatus;
import io.flapguard.wire.TelemetryMessage;
import io.flapguard.wire.WireFormatException;
import io.flapguard.wire.WireMessage;
import io.flapguard.wire.WireSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Feeds a generated fleet's MQTT messages, in broker-arrival order, through telemetry-service's translator and
 * the real analyzer topology in a TopologyTestDriver. The driver's wall clock follows simulated time in steps of
 * {@code tick} (the analyzer's periodic sweep fires at most once per step). Optionally a simulated updater: a
 * command becomes, some simulated hours later, a modem flash on the router (it then runs the target firmware, and
 * stops flapping if that firmware is good) and a SUCCEEDED result on the results topic.
 */
public final class QualityRun {
    private static final long S = 1_000;
    private static final long M = 60 * S;
    private static final long H = 60 * M;
    /**
     * The driver logs every record at DEBUG, and without a logging configuration the log manager formats each
     * line before dropping it: most of a run's time. Held here so the level is not garbage-collected away.
     */
    private static final java.util.logging.Logger KAFKA_LOG = java.util.logging.Logger.getLogger("org.apache.kafka");

    static {
        KAFKA_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    /**
     * @param simulatedUpdater act on commands as the updater would
     * @param tick             how far the driver's wall clock moves at a time
     * @param analyzer         the analyzer configuration (normally {@link AnalyzerSettings#defaults()})
     */
    public record Options(boolean simulatedUpdater, Duration tick, AnalyzerConfig analyzer) {
        public static Options defaults() {
            return new Options(true, Duration.ofMinutes(15), AnalyzerSettings.defaults());
        }
    }

    private final Fleet fleet;
    private final Options options;
    private final MessageTranslator translator = new MessageTranslator(TopicParser.defaults(), ClockPolicy.defaults());
    private final Map<String, Cursor> cursors = new HashMap<>();
    private final PriorityQueue<Cursor> heads = new PriorityQueue<>(Comparator.comparing(Cursor::head,
            MqttMessage::byArrival));
    private final PriorityQueue<Action> actions = new PriorityQueue<>(Comparator.comparingLong(Action::atMs)
            .thenComparing(Action::serial));
    private final Map<String, RouterPlan> plans = new HashMap<>();
    private final Set<String> handled = new HashSet<>();
    private final List<RunResult.Issued<RemediationCommand>> commands = new ArrayList<>();
    private final List<RunResult.Issued<Diagnosis>> diagnoses = new ArrayList<>();
    private final Map<RejectReason, Integer> deadLetters = new EnumMap<>(RejectReason.class);
    private final Map<String, Long> flashes = new LinkedHashMap<>();
    private TopologyTestDriver driver;
    private TestInputTopic<String, TelemetryMessage> telemetry;
    private TestInputTopic<String, RemediationResult> results;
    private TestOutputTopic<String, Diagnosis> diagnosisOut;
    private TestOutputTopic<String, RemediationCommand> commandOut;
    private long wallMs;
    private long messages;
    private long records;

    /** One router's remaining messages; replaced when the simulated updater changes the router. */
    private static final class Cursor {
        List<MqttMessage> list;
        int next;

        Cursor(List<MqttMessage> list) {
            this.list = list;
        }

        MqttMessage head() {
            return list.get(next);
        }

        boolean done() {
            return next >= list.size();
        }
    }

    /** Something the simulated updater does at a simulated time. */
    private record Action(long atMs, String serial, RemediationCommand command, boolean flash) {
    }

    private QualityRun(Fleet fleet, Options options) {
        this.fleet = fleet;
        this.options = options;
    }

    public static RunResult run(Fleet fleet) {
        return run(fleet, Options.defaults());
    }

    public static RunResult run(Fleet fleet, Options options) {
        return new QualityRun(fleet, options).execute();
    }

    private RunResult execute() {
        long t0 = System.nanoTime();
        Path state;
        try {
            state = Files.createTempDirectory("quality-ttd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "diagnosis-quality");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        props.put(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                org.apache.kafka.streams.errors.LogAndContinueExceptionHandler.class);
        AnalyzerConfig config = options.analyzer();
        wallMs = fleet.start().toEpochMilli();
        driver = new TopologyTestDriver(AnalyzerTopology.build(config, new AnalyzerMetrics(new SimpleMeterRegistry())),
                props, fleet.start());
        try {
            telemetry = driver.createInputTopic(config.topics().telemetry(), Serdes.String().serializer(),
                    WireSerde.of(TelemetryMessage.class).serializer());
            results = driver.createInputTopic(config.topics().results(), Serdes.String().serializer(),
                    WireSerde.of(RemediationResult.class).serializer());
            diagnosisOut = driver.createOutputTopic(config.topics().diagnoses(), Serdes.String().deserializer(),
                    WireSerde.of(Diagnosis.class).deserializer());
            commandOut = driver.createOutputTopic(config.topics().commands(), Serdes.String().deserializer(),
                    WireSerde.of(RemediationCommand.class).deserializer());
            fleet.plans().forEach(p -> plans.put(p.serial(), p));
            fleet.messages().forEach((serial, list) -> {
                if (!list.isEmpty()) {
                    Cursor c = new Cursor(list);
                    cursors.put(serial, c);
                    heads.add(c);
                }
            });
            loop();
        } finally {
            driver.close();
        }
        return new RunResult(fleet, List.copyOf(commands), List.copyOf(diagnoses), Map.copyOf(deadLetters), messages,
                records, Map.copyOf(flashes), List.copyOf(config.catalog().entries()), config.catalog().learnedEnabled(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    private void loop() {
        long tick = options.tick().toMillis();
        long nextTick = wallMs + tick;
        long end = fleet.end().toEpochMilli() + 12 * H; // late and buffered messages still arrive after the window
        while (true) {
            long msgAt = heads.isEmpty() ? Long.MAX_VALUE : heads.peek().head().arrivalMs();
            long actAt = actions.isEmpty() ? Long.MAX_VALUE : actions.peek().atMs();
            long next = Math.min(msgAt, actAt);
            if (next == Long.MAX_VALUE && nextTick > end) {
                break;
            }
            if (nextTick <= next) {
                advanceWallClock(nextTick);
                nextTick += tick;
                continue;
            }
            if (actAt <= msgAt) {
                act(actions.poll());
            } else {
                Cursor c = heads.poll();
                deliver(c.head());
                c.next++;
                if (!c.done()) {
                    heads.add(c);
                }
            }
        }
        advanceWallClock(nextTick);
    }

    private void advanceWallClock(long toMs) {
        if (toMs > wallMs) {
            driver.advanceWallClockTime(Duration.ofMillis(toMs - wallMs));
            wallMs = toMs;
        }
        drain(toMs);
    }

    private void deliver(MqttMessage m) {
        messages++;
        Translation t = translator.translate(m.topic(), m.payload(), m.arrival());
        for (DeadLetter d : t.deadLetters()) {
            deadLetters.merge(d.reason(), 1, Integer::sum);
        }
        for (TelemetryMessage r : t.records()) {
            try {
                telemetry.pipeInput(t.serial(), r, m.arrival()); // Kafka stamps records with the produce time
                records++;
            } catch (WireFormatException e) {
                // what telemetry-service does with a record the wire contract refuses: dead-letter it
                deadLetters.merge(RejectReason.INVALID_VALUE, 1, Integer::sum);
            }
        }
        drain(m.arrivalMs());
    }

    private void drain(long nowMs) {
        for (Diagnosis d : diagnosisOut.readValuesToList()) {
            diagnoses.add(new RunResult.Issued<>(d, nowMs));
        }
        for (TestRecord<String, RemediationCommand> rec : commandOut.readRecordsToList()) {
            RemediationCommand c = rec.value();
            commands.add(new RunResult.Issued<>(c, nowMs));
            if (options.simulatedUpdater() && plans.containsKey(c.serial()) && handled.add(c.commandId())) {
                // rollout waves, maintenance windows: the flash starts hours later
                SplittableRandom r = new SplittableRandom(c.commandId().hashCode() * 31L + fleet.params().seed());
                actions.add(new Action(nowMs + (2 + r.nextInt(7)) * H + r.nextInt(60) * M, c.serial(), c, true));
            }
        }
    }

    private void act(Action a) {
        if (a.flash()) {
            SplittableRandom r = new SplittableRandom(a.command().commandId().hashCode() * 17L + 3);
            long flashMs = (45 + r.nextInt(200)) * S;
            RouterPlan flashed = plans.get(a.serial()).withFlash(a.atMs(), a.command().targetFirmware(), flashMs);
            plans.put(a.serial(), flashed);
            flashes.put(a.serial(), a.atMs());
            List<MqttMessage> rest = Fleet.render(flashed).stream().filter(m -> m.arrivalMs() >= a.atMs()).toList();
            Cursor old = cursors.remove(a.serial());
            if (old != null) {
                heads.remove(old);
            }
            if (!rest.isEmpty()) {
                Cursor c = new Cursor(rest);
                cursors.put(a.serial(), c);
                heads.add(c);
            }
            actions.add(new Action(a.atMs() + flashMs + (2 + r.nextInt(8)) * M, a.serial(), a.command(), false));
            return;
        }
        RemediationCommand c = a.command();
        RemediationResult result = new RemediationResult(WireMessage.SCHEMA_VERSION, c.commandId(), c.serial(),
                ResultStatus.SUCCEEDED, "confirm", null, "modem answers AT on the target firmware", c.targetFirmware(),
                c.targetFirmware(), "quality-rollout", 1, Instant.ofEpochMilli(a.atMs()));
        results.pipeInput(c.serial(), result, Instant.ofEpochMilli(a.atMs()));
        drain(a.atMs());
    }
}
