package io.flapguard.analyzer.topology;

import io.flapguard.analyzer.config.AnalyzerConfig;
import io.flapguard.analyzer.metrics.AnalyzerMetrics;
import io.flapguard.wire.Diagnosis;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.RemediationResult;
import io.flapguard.wire.ResultStatus;
import io.flapguard.wire.TelemetryMessage;
import io.flapguard.wire.WireMessage;
import io.flapguard.wire.WireSerde;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The real topology in a TopologyTestDriver (no broker); time is each record's event time. */
public final class TopologyHarness implements AutoCloseable {
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, TelemetryMessage> telemetry;
    private final TestInputTopic<String, RemediationResult> results;
    private final TestOutputTopic<String, Diagnosis> diagnoses;
    private final TestOutputTopic<String, RemediationCommand> commands;
    public final List<Diagnosis> diagnosisLog = new ArrayList<>();
    public final List<RemediationCommand> commandLog = new ArrayList<>();

    public TopologyHarness(AnalyzerConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "analyzer-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                org.apache.kafka.streams.errors.LogAndContinueExceptionHandler.class);
        try {
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("analyzer-ttd").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(AnalyzerTopology.build(config, new AnalyzerMetrics(registry)), props);
        telemetry = driver.createInputTopic(config.topics().telemetry(), Serdes.String().serializer(),
                WireSerde.of(TelemetryMessage.class).serializer());
        results = driver.createInputTopic(config.topics().results(), Serdes.String().serializer(),
                WireSerde.of(RemediationResult.class).serializer());
        diagnoses = driver.createOutputTopic(config.topics().diagnoses(), Serdes.String().deserializer(),
                WireSerde.of(Diagnosis.class).deserializer());
        commands = driver.createOutputTopic(config.topics().commands(), Serdes.String().deserializer(),
                WireSerde.of(RemediationCommand.class).deserializer());
    }

    public void send(TelemetryMessage m) {
        telemetry.pipeInput(m.serial(), m, m.time());
        drain();
    }

    /** Lets wall-clock time pass (fires the periodic re-evaluation sweep). */
    public void advanceWallClock(java.time.Duration d) {
        driver.advanceWallClockTime(d);
        drain();
    }

    /** Sends everything in event-time order (as a fleet would produce it). */
    public void sendInTimeOrder(List<TelemetryMessage> messages) {
        List<TelemetryMessage> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparing(TelemetryMessage::time));
        sorted.forEach(this::send);
    }

    public void result(RemediationCommand c, ResultStatus status, Instant at) {
        RemediationResult r = new RemediationResult(WireMessage.SCHEMA_VERSION, c.commandId(), c.serial(), status,
                "confirm", null, null, c.targetFirmware(), c.targetFirmware(), "rollout-1", 0, at);
        results.pipeInput(r.serial(), r, at);
        drain();
    }

    private void drain() {
        diagnosisLog.addAll(diagnoses.readValuesToList());
        commandLog.addAll(commands.readValuesToList());
    }

    public List<Diagnosis> diagnosesOf(String serial) {
        return diagnosisLog.stream().filter(d -> d.serial().equals(serial)).toList();
    }

    public Diagnosis lastDiagnosis(String serial) {
        List<Diagnosis> l = diagnosesOf(serial);
        return l.isEmpty() ? null : l.get(l.size() - 1);
    }

    public double counter(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    public io.flapguard.analyzer.domain.RouterState routerState(String serial) {
        return driver.<String, io.flapguard.analyzer.domain.RouterState>getKeyValueStore(AnalyzerTopology.ROUTER_STORE)
                .get(serial);
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.close();
    }
}
