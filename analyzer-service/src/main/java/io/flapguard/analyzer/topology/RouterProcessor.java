package io.flapguard.analyzer.topology;

import io.flapguard.analyzer.domain.Facts;
import io.flapguard.analyzer.domain.FleetFact;
import io.flapguard.analyzer.domain.Decision;
import io.flapguard.analyzer.domain.RouterAnalyzer;
import io.flapguard.analyzer.domain.RouterState;
import io.flapguard.analyzer.metrics.AnalyzerMetrics;
import io.flapguard.wire.Diagnosis;
import io.flapguard.wire.RemediationCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** Per router (the partition key): loads its state, lets {@link RouterAnalyzer} decide, stores and forwards. */
final class RouterProcessor implements Processor<String, RouterInput, String, RouterOutput> {
    private final RouterAnalyzer analyzer;
    private final AnalyzerMetrics metrics;
    private final Duration reevaluateEvery;
    private ProcessorContext<String, RouterOutput> context;
    private KeyValueStore<String, RouterState> routers;
    private Facts facts;

    RouterProcessor(RouterAnalyzer analyzer, AnalyzerMetrics metrics, Duration reevaluateEvery) {
        this.analyzer = analyzer;
        this.metrics = metrics;
        this.reevaluateEvery = reevaluateEvery;
    }

    /** Turns a decision into records (and counts commands and verdicts). */
    private List<Record<String, RouterOutput>> records(String serial, RouterState state, Decision out, long ts) {
        List<Record<String, RouterOutput>> records = new ArrayList<>();
        if (out.verdict() != null) {
            metrics.verdict(out.verdict(), state.verification().target());
        }
        for (Diagnosis d : out.diagnoses()) {
            records.add(new Record<>(serial, new RouterOutput(d, null, null, null), ts));
        }
        for (RemediationCommand c : out.commands()) {
            metrics.command(c.modemModel(), c.targetFirmware());
            records.add(new Record<>(serial, new RouterOutput(null, c, null, null), ts));
        }
        for (Decision.Keyed k : out.fleet()) {
            records.add(new Record<>(serial, new RouterOutput(null, null, k.key(), k.update()), ts));
        }
        return records;
    }

    @Override
    public void init(ProcessorContext<String, RouterOutput> context) {
        this.context = context;
        this.routers = context.getStateStore(AnalyzerTopology.ROUTER_STORE);
        KeyValueStore<String, FleetFact> global = context.getStateStore(AnalyzerTopology.FACTS_STORE);
        this.facts = global::get;
        context.schedule(reevaluateEvery, PunctuationType.WALL_CLOCK_TIME, this::sweep);
    }

    /**
     * Fleet facts come back through the repartition and the facts topic a little after the records that
     * changed them; routers that are flapping or being verified are re-evaluated now and then so a cause or
     * command does not wait for the router's next record; and every router's settled incidents follow its
     * operator's bursts as they stand (see {@code RouterAnalyzer#settle}).
     */
    private void sweep(long wallClock) {
        List<KeyValue<String, RouterState>> changed = new ArrayList<>();
        List<String> evicted = new ArrayList<>();
        List<Record<String, RouterOutput>> emitted = new ArrayList<>();
        try (KeyValueIterator<String, RouterState> all = routers.all()) {
            while (all.hasNext()) {
                KeyValue<String, RouterState> kv = all.next();
                Decision out = analyzer.reevaluate(kv.value, kv.key, facts, wallClock);
                if (out.evict()) {
                    evicted.add(kv.key);
                    emitted.addAll(records(kv.key, kv.value, out, wallClock));
                } else if (out.stateChanged()) {
                    changed.add(kv);
                    emitted.addAll(records(kv.key, kv.value, out, wallClock));
                }
            }
        }
        changed.forEach(kv -> routers.put(kv.key, kv.value));
        evicted.forEach(routers::delete);
        metrics.evicted(evicted.size());
        emitted.forEach(context::forward);
    }

    @Override
    public void process(Record<String, RouterInput> record) {
        String serial = record.key();
        RouterInput in = record.value();
        if (serial == null || in == null) {
            metrics.badInput();
            return;
        }
        String payloadSerial = in.telemetry() != null ? in.telemetry().serial() : in.result().serial();
        if (!serial.equals(payloadSerial)) {
            metrics.badInput(); // a record keyed by another router would land in the wrong state
            return;
        }
        RouterState state = routers.get(serial);
        if (state == null) {
            if (in.telemetry() == null) {
                return; // a result for a router never seen: nothing to verify against
            }
            state = new RouterState();
        }
        Decision out = in.telemetry() != null ? analyzer.onTelemetry(state, in.telemetry(), facts, context.currentSystemTimeMs())
                : analyzer.onResult(state, in.result(), facts, context.currentSystemTimeMs());
        if (out.late()) {
            metrics.late();
            return;
        }
        if (out.duplicate()) {
            metrics.duplicate();
        }
        out.unrecognised().forEach(metrics::unrecognised);
        metrics.incidents(out.newIncidents(), state.cause(), state.membership().modemModel());
        routers.put(serial, state);
        records(serial, state, out, record.timestamp()).forEach(context::forward);
    }
}
