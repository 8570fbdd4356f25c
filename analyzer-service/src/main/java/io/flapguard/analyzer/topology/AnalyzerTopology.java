package io.flapguard.analyzer.topology;

import io.flapguard.analyzer.config.AnalyzerConfig;
import io.flapguard.analyzer.domain.FleetFact;
import io.flapguard.analyzer.domain.FleetUpdate;
import io.flapguard.analyzer.domain.RouterAnalyzer;
import io.flapguard.analyzer.metrics.AnalyzerMetrics;
import io.flapguard.analyzer.store.DecodedJsonSerde;
import io.flapguard.analyzer.store.JsonSerde;
import io.flapguard.analyzer.store.StoreNames;
import io.flapguard.wire.Diagnosis;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.RemediationResult;
import io.flapguard.wire.TelemetryMessage;
import io.flapguard.wire.WireSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The analyzer's Kafka Streams topology.
 *
 * <pre>
 * telemetry ─┐                                   ┌─▶ diagnoses
 *            ├─▶ router (store router-state) ────┼─▶ commands
 * results ───┘        ▲ reads                    └─▶ repartition by modem model / operator
 *                     │                                  ▼
 *               global store fleet-facts ◀── facts topic ◀── fleet (stores fleet-models, fleet-members,
 *                                                                      fleet-operators)
 * </pre>
 *
 * Per-router state lives with the router's partition (telemetry and results must have the same partition
 * count: both are keyed by serial). Fleet-wide facts are computed after a repartition so that each modem
 * model and each operator is aggregated by exactly one task, and are shared back through a compacted topic
 * read as a global store: every instance sees every fact, whichever instance computed it.
 */
public final class AnalyzerTopology {
    public static final String ROUTER_STORE = StoreNames.ROUTERS;
    public static final String MODEL_STORE = StoreNames.MODELS;
    public static final String MEMBER_STORE = StoreNames.MEMBERS;
    public static final String OPERATOR_STORE = StoreNames.OPERATORS;
    public static final String FACTS_STORE = StoreNames.FACTS;
    /** Decoded fleet facts kept per instance (a fleet has far fewer distinct facts: cohorts, models, operators). */
    static final int FACT_CACHE_ENTRIES = 16_384;

    private AnalyzerTopology() {
    }

    /** RocksDB or in-memory; either way the changelog topic makes it durable. */
    private static org.apache.kafka.streams.state.KeyValueBytesStoreSupplier store(AnalyzerConfig config, String name) {
        return config.persistentStores() ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
    }

    public static Topology build(AnalyzerConfig config, AnalyzerMetrics metrics) {
        AnalyzerConfig.Topics topics = config.topics();
        RouterAnalyzer analyzer = new RouterAnalyzer(config);
        CommandSigner signer = CommandSigner.from(config.signing());
        // facts are read for every record (global store lookups): decoded once per distinct value
        DecodedJsonSerde<FleetFact> factSerde = new DecodedJsonSerde<>(FleetFact.class, FACT_CACHE_ENTRIES);
        StreamsBuilder builder = new StreamsBuilder();

        builder.addStateStore(Stores.keyValueStoreBuilder(store(config, ROUTER_STORE),
                Serdes.String(), new RouterStateSerde()));
        // The model and operator aggregates are JSON (ModelStats, OperatorStats) that FleetProcessor decodes itself.
        // Few keys, each rewritten on every fleet update: cached, so RocksDB and the changelog get each key once per
        // commit instead of a whole aggregate per update. (Routers and members are too many to gain from a cache.)
        builder.addStateStore(Stores.keyValueStoreBuilder(store(config, MODEL_STORE),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(store(config, MEMBER_STORE),
                Serdes.String(), new JsonSerde<>(FleetUpdate.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(store(config, OPERATOR_STORE),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
        // The facts topic is its own changelog: no extra logging for the global store.
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(FACTS_STORE),
                        Serdes.String(), factSerde).withLoggingDisabled(),
                topics.facts(), Consumed.with(Serdes.String(), factSerde), FactsUpdater::new);

        KStream<String, RouterInput> telemetry = builder
                .stream(topics.telemetry(), Consumed.with(Serdes.String(),
                        new SkippingSerde<>(TelemetryMessage.class, metrics)).withName("telemetry"))
                .filter((k, v) -> v != null, Named.as("decodable-telemetry"))
                .mapValues(t -> new RouterInput(t, null), Named.as("telemetry-input"));
        KStream<String, RouterInput> results = builder
                .stream(topics.results(), Consumed.with(Serdes.String(),
                        new SkippingSerde<>(RemediationResult.class, metrics)).withName("results"))
                .filter((k, v) -> v != null, Named.as("decodable-results"))
                .mapValues(r -> new RouterInput(null, r), Named.as("result-input"));

        KStream<String, RouterOutput> out = telemetry.merge(results, Named.as("router-inputs"))
                .process(() -> new RouterProcessor(analyzer, metrics, config.reevaluateInterval()), Named.as("router"), ROUTER_STORE);

        out.filter((k, v) -> v.diagnosis() != null, Named.as("diagnoses-only"))
                .mapValues(RouterOutput::diagnosis, Named.as("diagnosis"))
                .to(topics.diagnoses(), Produced.with(Serdes.String(), WireSerde.of(Diagnosis.class)));
        out.filter((k, v) -> v.command() != null, Named.as("commands-only"))
                .mapValues(RouterOutput::command, Named.as("command"))
                .mapValues(signer::sign, Named.as("sign-command"))
                .to(topics.commands(), Produced.with(Serdes.String(), WireSerde.of(RemediationCommand.class)));
        out.filter((k, v) -> v.fleet() != null, Named.as("fleet-only"))
                .map((k, v) -> KeyValue.pair(v.fleetKey(), v.fleet()), Named.as("fleet-key"))
                .repartition(Repartitioned.with(Serdes.String(), new JsonSerde<>(FleetUpdate.class))
                        .withName("fleet-updates"))
                .process(() -> new FleetProcessor(config), Named.as("fleet"), MODEL_STORE, MEMBER_STORE, OPERATOR_STORE)
                .to(topics.facts(), Produced.with(Serdes.String(), factSerde));
        return builder.build();
    }
}
