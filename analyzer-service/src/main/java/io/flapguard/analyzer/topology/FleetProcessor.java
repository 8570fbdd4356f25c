package io.flapguard.analyzer.topology;

import io.flapguard.analyzer.config.AnalyzerConfig;
import io.flapguard.analyzer.domain.CohortAttribution;
import io.flapguard.analyzer.domain.FleetFact;
import io.flapguard.analyzer.domain.FleetUpdate;
import io.flapguard.analyzer.domain.ModelStats;
import io.flapguard.analyzer.domain.OperatorStats;
import io.flapguard.analyzer.store.ByteCheckedCache;
import io.flapguard.analyzer.store.JsonSerde;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Fleet-wide aggregation, keyed by modem model ({@code m|}) or operator ({@code o|}) after a repartition:
 * every cohort of one modem model, and every router of one operator, is counted in exactly one task, so the
 * figures are right with any number of instances. A router's cohort summary replaces its previous one (kept in
 * the members store), so the sums do not depend on how often a summary is delivered. Publishes the resulting facts
 * (only those that changed).
 */
final class FleetProcessor implements Processor<String, FleetUpdate, String, FleetFact> {
    /** Modem models and operators of a fleet: few, each read and rewritten on every update of theirs. */
    static final int AGGREGATES_KEPT = 1_024;
    private final CohortAttribution attribution;
    private final AnalyzerConfig.CauseRules rules;
    private final int maxCohorts;
    private ProcessorContext<String, FleetFact> context;
    // the stores hold the aggregates' JSON; the decoded copies spare a JSON parse of a whole aggregate per update
    private ByteCheckedCache<ModelStats> models;
    private KeyValueStore<String, FleetUpdate> members;
    private ByteCheckedCache<OperatorStats> operators;
    private KeyValueStore<String, FleetFact> published;

    FleetProcessor(AnalyzerConfig config) {
        this.attribution = new CohortAttribution(config.attribution());
        this.rules = config.cause();
        this.maxCohorts = config.limits().maxCohortsPerModel();
    }

    @Override
    public void init(ProcessorContext<String, FleetFact> context) {
        this.context = context;
        this.models = new ByteCheckedCache<>(context.getStateStore(AnalyzerTopology.MODEL_STORE),
                new JsonSerde<>(ModelStats.class), AGGREGATES_KEPT);
        this.members = context.getStateStore(AnalyzerTopology.MEMBER_STORE);
        this.operators = new ByteCheckedCache<>(context.getStateStore(AnalyzerTopology.OPERATOR_STORE),
                new JsonSerde<>(OperatorStats.class), AGGREGATES_KEPT);
        this.published = context.getStateStore(AnalyzerTopology.FACTS_STORE);
    }

    @Override
    public void process(Record<String, FleetUpdate> record) {
        String key = record.key();
        FleetUpdate u = record.value();
        if (key == null || u == null || u.kind() == null) {
            return;
        }
        long ts = record.timestamp();
        if (key.startsWith("m|")) {
            String model = key.substring(2);
            ModelStats stats = Objects.requireNonNullElseGet(models.take(key), ModelStats::new);
            if (u.kind() == FleetUpdate.Kind.MEMBER) {
                if (u.serial() == null) {
                    return;
                }
                String memberKey = key + "|" + u.memberKey();
                stats.replace(members.get(memberKey), u, attribution.minObservedDays(), maxCohorts);
                members.put(memberKey, u);
            } else if (u.kind() == FleetUpdate.Kind.VERIFIED || u.kind() == FleetUpdate.Kind.FAILED_TO_FIX) {
                stats.outcome(u);
            }
            models.put(key, stats);
            var cohorts = attribution.cohorts(model, stats);
            for (FleetFact.CohortFact c : cohorts) {
                publish(FleetFact.cohortKey(c.cohort()), new FleetFact(c, null, null), ts);
            }
            publish(key, new FleetFact(null, CohortAttribution.model(model, stats, cohorts), null), ts);
        } else if (key.startsWith("o|")) {
            OperatorStats stats = Objects.requireNonNullElseGet(operators.take(key), OperatorStats::new);
            stats.apply(u, context.currentSystemTimeMs());
            operators.put(key, stats);
            FleetFact.OperatorFact fact = stats.fact(key.substring(2), rules.operatorMinRouters(),
                    rules.operatorMinShare(), rules.operatorMinuteSlack());
            publish(key, new FleetFact(null, null, fact), ts);
        }
    }

    /** Skips facts equal to what the global store already holds, to keep the facts topic quiet. */
    private void publish(String key, FleetFact fact, long ts) {
        if (!fact.equals(published.get(key))) {
            context.forward(new Record<>(key, fact, ts));
        }
    }
}
