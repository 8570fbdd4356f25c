package io.flapguard.analyzer.domain;

import io.flapguard.wire.Cohort;

/** Read access to the fleet-wide facts (in the topology: the global store fed by the facts topic). */
@FunctionalInterface
public interface Facts {
    FleetFact get(String key);

    default FleetFact.CohortFact cohort(Cohort c) {
        FleetFact f = get(FleetFact.cohortKey(c));
        return f == null ? null : f.cohort();
    }

    /**
     * The cohort fact a router is judged by: its own cohort's, or — when its cohort is not implicated and the router
     * does not report every part of it (a native publisher sends no router model) — that of an implicated cohort
     * agreeing with every part it does report.
     */
    default FleetFact.CohortFact cohortFor(Cohort c) {
        FleetFact.CohortFact own = cohort(c);
        boolean partial = c.routerModel() == null || c.routerFirmware() == null;
        if ((own != null && own.implicated()) || !partial) {
            return own;
        }
        FleetFact.ModelFact model = model(c.modemModel());
        if (model == null || model.implicated() == null) {
            return own;
        }
        for (Cohort other : model.implicated()) {
            boolean agrees = c.modemFirmware().equals(other.modemFirmware())
                    && (c.routerModel() == null || c.routerModel().equals(other.routerModel()))
                    && (c.routerFirmware() == null || c.routerFirmware().equals(other.routerFirmware()));
            if (agrees) {
                FleetFact.CohortFact match = cohort(other);
                if (match != null && match.implicated()) {
                    return match;
                }
            }
        }
        return own;
    }

    default FleetFact.OperatorFact operator(String operator) {
        FleetFact f = operator == null ? null : get(FleetUpdate.operatorKey(operator));
        return f == null ? null : f.operator();
    }

    default FleetFact.ModelFact model(String modemModel) {
        FleetFact f = modemModel == null ? null : get(FleetUpdate.modelKey(modemModel));
        return f == null ? null : f.model();
    }

    default FleetFact.Promotion promotion(String modemModel, String firmware) {
        FleetFact f = modemModel == null || firmware == null ? null
                : get(FleetFact.promotionKey(modemModel, firmware));
        return f == null ? null : f.promotion();
    }

    Facts NONE = key -> null;
}
