package io.flapguard.analyzer.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flapguard.wire.Cohort;
import java.time.Instant;
import java.util.List;

/**
 * A fleet-wide fact on the analyzer's compacted facts topic, read by every instance as a global store.
 * Keys: {@code c|<cohort key>}, {@code m|<modem model>}, {@code o|<operator>}, {@code p|<model>:<firmware>};
 * exactly one part is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FleetFact(CohortFact cohort, ModelFact model, OperatorFact operator, Promotion promotion) {

    public FleetFact(CohortFact cohort, ModelFact model, OperatorFact operator) {
        this(cohort, model, operator, null);
    }

    /**
     * One cohort against other firmware of the same modem model, from unexplained incidents only. Implication rests
     * on the share of observed routers that flap (each router counted once); the pooled rate ratio is shown beside
     * it.
     *
     * @param incidents          settled unexplained incidents of the cohort's routers while in the cohort
     * @param routerDays         days its routers were observed in it
     * @param routers            routers observed long enough to count ({@code attribution.min-observed})
     * @param flappers           of those, routers whose unexplained incidents alone made them flap
     * @param pValue             one-sided Fisher exact test of the flapping shares
     * @param reason             one line: why implicated, or what is missing
     * @param baselineModemSide  of the baseline's unexplained incidents, those with the modem leaving the USB bus
     *                           (null in facts of earlier versions)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CohortFact(Cohort cohort, long incidents, double routerDays, int routers, double rate,
            Long baselineIncidents, Double baselineRouterDays, Double rateRatio, Double ratioLow, Double ratioHigh,
            boolean implicated, int flappers, double share, double shareLow, double shareHigh, int baselineRouters,
            int baselineFlappers, double baselineShare, double baselineShareHigh, Double pValue, String reason,
            Long baselineModemSide) {
    }

    /** Per modem firmware of one modem model: how it behaves in the fleet (feeds the learned catalog). */
    public record FirmwareFact(String firmware, long incidents, double routerDays, double rate, int routers,
            int flappers, int verified, int failedToFix) {
    }

    /** @param implicated the cohorts of this modem model implicated now */
    public record ModelFact(String modemModel, List<FirmwareFact> firmware, List<Cohort> implicated) {
        public ModelFact(String modemModel, List<FirmwareFact> firmware) {
            this(modemModel, firmware, List.of());
        }
    }

    /**
     * Burst minutes (epoch minutes) with the number of the operator's routers that dropped around each.
     *
     * @param keptFrom the first epoch minute the aggregate still keeps: for minutes from there on, the bursts are
     *                 as complete as the incidents that reached it (null in facts of earlier versions)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OperatorFact(String operator, int activeRouters, List<Long> burstMinutes, List<Integer> burstRouters,
            Long keptFrom) {
        public OperatorFact(String operator, int activeRouters, List<Long> burstMinutes, List<Integer> burstRouters) {
            this(operator, activeRouters, burstMinutes, burstRouters, null);
        }

        /** Whether the fact can still say whether {@code minute} was in a burst (the aggregate kept it). */
        public boolean keeps(long minute) {
            return keptFrom != null && minute >= keptFrom;
        }
    }

    /** A catalog entry a person promoted (from a learned suggestion, or by hand): who, when, why. */
    public record Promotion(String modemModel, String fromFirmware, String toFirmware, String promotedBy,
            Instant promotedAt, String reason) {
    }

    public static String cohortKey(Cohort c) {
        return "c|" + c.key();
    }

    public static String promotionKey(String modemModel, String firmware) {
        return "p|" + modemModel + ":" + firmware;
    }
}
