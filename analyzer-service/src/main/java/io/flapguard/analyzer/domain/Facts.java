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
