package io.flapguard.analyzer.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flapguard.wire.Cohort;
import java.util.List;

/**
 * A fleet-wide fact on the analyzer's compacted facts topic, read by every instance as a global store.
 * Keys: {@code c|<cohort key>}, {@code m|<modem model>}, {@code o|<operator>}; exactly one part is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FleetFact(CohortFact cohort, ModelFact model, OperatorFact operator) {

    /** One cohort's rate and its rate ratio against other firmware of the same modem model. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CohortFact(Cohort cohort, long incidents, long routerDays, int routers, double rate,
            Long baselineIncidents, Long baselineRouterDays, Double rateRatio, Double ratioLow, Double ratioHigh,
            boolean implicated) {
    }

    /** Per modem firmware of one modem model: how it behaves in the fleet (feeds the learned catalog). */
    public record FirmwareFact(String firmware, long incidents, long routerDays, double rate, int verified,
            int failedToFix) {
    }

    public record ModelFact(String modemModel, List<FirmwareFact> firmware) {
    }

    /** Burst minutes (epoch minutes) with the number of the operator's routers that dropped around each. */
    public record OperatorFact(String operator, int activeRouters, List<Long> burstMinutes, List<Integer> burstRouters) {
    }

    public static String cohortKey(Cohort c) {
        return "c|" + c.key();
    }
}
