package io.flapguard.analyzer.domain;

import io.flapguard.analyzer.config.AnalyzerConfig;

/**
 * Classifies one incident from its own signature and the facts around it, most specific explanation first:
 * a reboot at the incident (power), many routers of the operator dropping in the same minutes (operator), the modem
 * leaving and rejoining the USB bus (modem-side: a weak cell drops the data bearer, it does not take the modem off
 * the bus), poor signal around it (radio), else a plain data drop.
 */
public final class IncidentClassifier {
    private final AnalyzerConfig.CauseRules rules;

    public IncidentClassifier(AnalyzerConfig.CauseRules rules) {
        this.rules = rules;
    }

    public IncidentClass classify(RouterState s, int i, FleetFact.OperatorFact operator) {
        IncidentClass own = ownClass(s, i);
        return own != IncidentClass.POWER && inBurst(operator, s.incidents.start(i)) ? IncidentClass.OPERATOR : own;
    }

    /**
     * The class from the router's own evidence alone. The operator burst is kept apart ({@link Incidents#inBurst})
     * because it comes from other routers' incidents, which may reach the operator's fact later than this router's
     * own evidence: it is checked again while the fact can still change.
     */
    public IncidentClass ownClass(RouterState s, int i) {
        Incidents in = s.incidents;
        if (s.reboots.near(in.start(i), in.end(i), rules.rebootWindow().toMillis())) {
            return IncidentClass.POWER;
        }
        if (in.modemLeftBus(i)) {
            return IncidentClass.MODEM;
        }
        if (poorSignal(orElse(in.rsrp(i), s.signal.meanRsrp()), orElse(in.sinr(i), s.signal.meanSinr()))) {
            return IncidentClass.RADIO;
        }
        return IncidentClass.DATA;
    }

    public boolean poorSignal(Double rsrp, Double sinr) {
        return (rsrp != null && rsrp < rules.rsrpBelow()) || (sinr != null && sinr < rules.sinrBelow());
    }

    public boolean inBurst(FleetFact.OperatorFact operator, long start) {
        return burstRouters(operator, start) > 0;
    }

    /** Whether the operator's fact still keeps every minute that decides if {@code start} was in a burst. */
    public boolean decides(FleetFact.OperatorFact operator, long start) {
        return operator != null && operator.keeps(Math.floorDiv(start, 60_000L) - rules.operatorMinuteSlack());
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
