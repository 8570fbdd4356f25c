package io.flapguard.analyzer.topology;

import io.flapguard.analyzer.domain.Facts;
import io.flapguard.analyzer.domain.FleetFact;
import io.flapguard.analyzer.domain.Outputs;
import io.flapguard.analyzer.domain.RouterAnalyzer;
import io.flapguard.analyzer.domain.RouterState;
import io.flapguard.analyzer.metrics.AnalyzerMetrics;
import io.flapguard.wire.Diagnosis;
import io.flapguard.wire.RemediationCommand;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Per router (the partition key): loads its state, lets {@link RouterAnalyzer} decide, stores and forwards. */
final class RouterProcessor implements Processor<String, RouterInput, String, RouterOutput> {
    private final RouterAnalyzer analyzer;
    private final AnalyzerMetrics metrics;
    private final Outputs out = new Outputs();
    private ProcessorContext<String, RouterOutput> context;
    private KeyValueStore<String, RouterState> routers;
    private Facts facts;

    RouterProcessor(RouterAnalyzer analyzer, AnalyzerMetrics metrics) {
        this.analyzer = analyzer;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, RouterOutput> context) {
        this.context = context;
        this.routers = context.getStateStore(AnalyzerTopology.ROUTER_STORE);
        KeyValueStore<String, FleetFact> global = context.getStateStore(AnalyzerTopology.FACTS_STORE);
        this.facts = global::get;
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
        out.clear();
        if (in.telemetry() != null) {
            analyzer.onTelemetry(state, in.telemetry(), facts, out);
        } else {
            analyzer.onResult(state, in.result(), facts, out);
        }
        if (out.late) {
            metrics.late();
            return;
        }
        if (out.duplicate) {
            metrics.duplicate();
        }
        metrics.incidents(out.newIncidents, state.cause, state.modemModel);
        if (out.verdict != null) {
            metrics.verdict(out.verdict, state.verifyTarget);
        }
        routers.put(serial, state);
        long ts = record.timestamp();
        for (Diagnosis d : out.diagnoses) {
            context.forward(new Record<>(serial, new RouterOutput(d, null, null, null), ts));
        }
        for (RemediationCommand c : out.commands) {
            metrics.command(c.modemModel(), c.targetFirmware());
            context.forward(new Record<>(serial, new RouterOutput(null, c, null, null), ts));
        }
        for (Outputs.Keyed k : out.fleet) {
            context.forward(new Record<>(serial, new RouterOutput(null, null, k.key(), k.update()), ts));
        }
    }
}
