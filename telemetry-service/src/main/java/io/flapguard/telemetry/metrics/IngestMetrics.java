package io.flapguard.telemetry.metrics;

import io.flapguard.telemetry.parse.StatusParsers;
import io.flapguard.telemetry.parse.TopicKind;
import io.flapguard.wire.LogSource;
import io.flapguard.wire.RejectReason;
import io.flapguard.wire.StatusSnapshot;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Ingest metrics, labelled by topic kind, reject reason and log source; never by serial (a fleet of
 * 100,000 routers must not make 100,000 series).
 */
@ApplicationScoped
public class IngestMetrics {
    private static final String OTHER = "other";
    /** The fields a status snapshot has: the only field names a label may carry. */
    private static final Set<String> SNAPSHOT_FIELDS = Arrays.stream(StatusSnapshot.class.getRecordComponents())
            .map(RecordComponent::getName).collect(Collectors.toUnmodifiableSet());
    private final MeterRegistry registry;
    private final Map<TopicKind, Counter> received = new EnumMap<>(TopicKind.class);
    private final Map<TopicKind, Timer> latency = new EnumMap<>(TopicKind.class);
    private final Map<LogSource, Counter> unclassified = new EnumMap<>(LogSource.class);
    private final Map<Produced, Counter> produced = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile java.util.function.BooleanSupplier connected = () -> false;
    private final Counter retries;
    private final Counter reconnects;
    private final Counter acksDropped;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (TopicKind kind : TopicKind.values()) {
            received.put(kind, Counter.builder("flapguard.telemetry.messages.received")
                    .description("MQTT messages received").tag("kind", kind.label()).register(registry));
            latency.put(kind, Timer.builder("flapguard.telemetry.ingest.latency")
                    .description("MQTT arrival to the last Kafka acknowledgement of its records")
                    .tag("kind", kind.label()).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(5))
                    .register(registry));
        }
        for (LogSource source : LogSource.values()) {
            unclassified.put(source, Counter.builder("flapguard.telemetry.lines.unclassified")
                    .description("log lines kept as unclassified events").tag("source", source.topicName())
                    .register(registry));
        }
        Gauge.builder("flapguard.telemetry.inflight.messages", inFlight, Number::doubleValue)
                .description("MQTT messages received and not yet acknowledged (their Kafka records are pending)")
                .register(registry);
        Gauge.builder("flapguard.telemetry.mqtt.connected", this, m -> m.connected.getAsBoolean() ? 1 : 0)
                .description("1 while every MQTT ingest connection is up and subscribed, else 0").register(registry);
        retries = Counter.builder("flapguard.telemetry.kafka.send.retries")
                .description("Kafka sends that failed and were retried").register(registry);
        reconnects = Counter.builder("flapguard.telemetry.mqtt.connects")
                .description("successful MQTT (re)connections").register(registry);
        acksDropped = Counter.builder("flapguard.telemetry.mqtt.acks.skipped")
                .description("MQTT acks not sent because the connection they belonged to is gone (redelivered)")
                .register(registry);
    }

    public void received(TopicKind kind) {
        received.get(kind).increment();
    }

    /** Per record: the counter is looked up once per (kind, type), not built and registered each time. */
    public void produced(TopicKind kind, String type) {
        produced.computeIfAbsent(new Produced(kind, type), p -> Counter.builder("flapguard.telemetry.records.produced")
                .description("records acknowledged by Kafka").tags("kind", kind.label(), "type", type)
                .register(registry)).increment();
    }

    private record Produced(TopicKind kind, String type) {
    }

    public void rejected(TopicKind kind, RejectReason reason) {
        Counter.builder("flapguard.telemetry.messages.rejected")
                .description("router input refused and dead-lettered, by reason")
                .tags("kind", kind.label(), "reason", reason.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry).increment();
    }

    public void unclassified(LogSource source, int lines) {
        if (lines > 0) {
            unclassified.get(source).increment(lines);
        }
    }

    /**
     * A status field dropped because the router could not read it. Both labels are bounded: a format or field
     * name this build does not know is counted as {@code other}.
     */
    public void unreadableField(String format, String field) {
        Counter.builder("flapguard.telemetry.unreadable.fields")
                .description("status fields dropped because the router could not read them (snapshot kept)")
                .tags("format", StatusParsers.FORMATS.contains(format) ? format : OTHER,
                        "field", SNAPSHOT_FIELDS.contains(field) ? field : OTHER)
                .register(registry).increment();
    }

    public void inFlight(int delta) {
        inFlight.addAndGet(delta);
    }

    public int inFlight() {
        return inFlight.get();
    }

    public void latency(TopicKind kind, long nanos) {
        latency.get(kind).record(Duration.ofNanos(nanos));
    }

    /** Where the connected gauge reads whether every ingest connection is up and subscribed. */
    public void connectedFrom(java.util.function.BooleanSupplier allConnected) {
        this.connected = allConnected;
    }

    /** A connection was (re)made and subscribed. */
    public void connectSucceeded() {
        reconnects.increment();
    }

    public void sendRetried() {
        retries.increment();
    }

    public void ackSkipped() {
        acksDropped.increment();
    }
}
