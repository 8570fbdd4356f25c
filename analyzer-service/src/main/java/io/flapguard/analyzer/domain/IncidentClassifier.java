package io.flapguard.analyzer.domain;

import io.flapguard.analyzer.config.AnalyzerConfig;

/**
 * Classifies one incident from its own signature and the facts around it, most specific explanation first:
 * a reboot at the incident (power), many routers of the operator dropping in the same minutes (operator), poor
 * signal around it (radio, even if the modem left the bus: a weak cell is explanation enough), the modem leaving
 * and rejoining the USB bus (modem-side), else a plain data drop.
 */
public final class IncidentClassifier {
    private final AnalyzerConfig.CauseRules rules;

    public IncidentClassifier(AnalyzerConfig.CauseRules rules) {
        this.rules = rules;
    }

    public IncidentClass classify(RouterState s, int i, FleetFact.OperatorFact operator) {
        Incidents in = s.incidents;
        if (s.reboots.near(in.start(i), in.end(i), rules.rebootWindow().toMillis())) {
            return IncidentClass.POWER;
        }
        if (burstRouters(operator, in.start(i)) > 0) {
            return IncidentClass.OPERATOR;
        }
        if (poorSignal(orElse(in.rsrp(i), s.signal.meanRsrp()), orElse(in.sinr(i), s.signal.meanSinr()))) {
            return IncidentClass.RADIO;
        }
        return in.modemLeftBus(i) ? IncidentClass.MODEM : IncidentClass.DATA;
    }

    public boolean poorSignal(Double rsrp, Double sinr) {
        return (rsrp != null && rsrp < rules.rsrpBelow()) || (sinr != null && sinr < rules.sinrBelow());
    }

    /** Routers of the operator that dropped in the minutes of {@code start}, 0 when that was no burst. */
    public int burstRouters(FleetFact.OperatorFact operator, long start) {
        if (operator == null) {
            return 0;
        }
        long minute = Math.floorDiv(start, 60_000L);
        for (int k = 0; k < operator.burstMinutes().size(); k++) {
            if (Math.abs(operator.burstMinutes().get(k) - minute) <= rules.operatorMinuteSlack()) {
                return operator.burstRouters().get(k);
            }
        }
        return 0;
    }

    private static Double orElse(Double a, Double b) {
        return a != null ? a : b;
    }
}
