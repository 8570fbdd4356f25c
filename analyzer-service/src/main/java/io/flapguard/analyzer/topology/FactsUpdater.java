package io.flapguard.analyzer.topology;

import io.flapguard.analyzer.domain.FleetFact;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the global facts store equal to the compacted facts topic on every instance. */
final class FactsUpdater implements Processor<String, FleetFact, Void, Void> {
    private KeyValueStore<String, FleetFact> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(AnalyzerTopology.FACTS_STORE);
    }

    @Override
    public void process(Record<String, FleetFact> record) {
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
    }
}
