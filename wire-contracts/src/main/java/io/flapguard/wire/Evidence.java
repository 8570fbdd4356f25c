package io.flapguard.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What a diagnosis rests on. Fields are null when the analyzer had nothing to say about them.
 *
 * @param incidents          incidents inside the window
 * @param windowStart        first incident considered
 * @param windowEnd          last incident considered
 * @param penalty            current flap penalty (decaying, BGP-damping style)
 * @param signalSamples      status snapshots with signal values around the incidents
 * @param rsrpAvg            mean RSRP (dBm) around the incidents
 * @param sinrAvg            mean SINR (dB) around the incidents
 * @param rsrqAvg            mean RSRQ (dB) around the incidents
 * @param cohortRateRatio    incident rate of the router's cohort over other firmware of the same modem model
 * @param cohortRatioLow     lower end of the 95 % interval of that ratio
 * @param cohortRatioHigh    upper end of the 95 % interval of that ratio
 * @param cohortRouters      routers seen in the cohort
 * @param rateBefore         the router's incidents per day before its last firmware change
 * @param rateAfter          the router's incidents per day after its last firmware change
 * @param changePoint        when the router's firmware last changed
 * @param operator           the operator the router was on
 * @param operatorRoutersHit routers of that operator with an incident in the same minutes
 * @param note               one line for people
 * @param decidedBy          which evidence decided the cause, e.g. {@code cohort share + modem-side incidents}
 * @param modemSideIncidents incidents in the window where the modem left the USB bus with good signal
 * @param dataIncidents      incidents in the window that were plain data drops with good signal
 * @param radioIncidents     incidents in the window explained by poor signal
 * @param operatorIncidents  incidents in the window explained by an operator burst
 * @param powerIncidents     incidents in the window explained by a reboot
 * @param kernelLog          whether the router sends its kernel log (without it the USB bus cannot be seen)
 * @param cohortImplicated   whether the router's cohort is implicated fleet-wide
 * @param cohortFlappers     observed routers of the cohort flapping from unexplained incidents alone
 * @param cohortObserved     routers of the cohort observed long enough to count
 * @param baselineFlappers   the same for other firmware of the modem model
 * @param baselineObserved   the same for other firmware of the modem model
 * @param cohortPValue       one-sided Fisher exact test of the cohort's flapping share against the baseline's
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(
        Integer incidents,
        Instant windowStart,
        Instant windowEnd,
        Double penalty,
        Integer signalSamples,
        Double rsrpAvg,
        Double sinrAvg,
        Double rsrqAvg,
        Double cohortRateRatio,
        Double cohortRatioLow,
        Double cohortRatioHigh,
        Integer cohortRouters,
        Double rateBefore,
        Double rateAfter,
        Instant changePoint,
        String operator,
        Integer operatorRoutersHit,
        String note,
        String decidedBy,
        Integer modemSideIncidents,
        Integer dataIncidents,
        Integer radioIncidents,
        Integer operatorIncidents,
        Integer powerIncidents,
        Boolean kernelLog,
        Boolean cohortImplicated,
        Integer cohortFlappers,
        Integer cohortObserved,
        Integer baselineFlappers,
        Integer baselineObserved,
        Double cohortPValue) {
}
