package io.flapguard.analyzer.domain;

/**
 * What one router tells the fleet-wide aggregation: an incident, a router-day, joining or leaving a cohort
 * or operator, a verification outcome. Re-keyed by modem model ({@code m|EG12}) or operator ({@code o|DNA})
 * so each fleet-wide fact is computed in exactly one partition, whatever the number of instances.
 */
public record FleetUpdate(Kind kind, String routerModel, String routerFirmware, String modemModel,
        String modemFirmware, String operator, long time) {

    public enum Kind {
        INCIDENT, ROUTER_DAY, JOIN, LEAVE, VERIFIED, FAILED_TO_FIX
    }

    public static String modelKey(String modemModel) {
        return "m|" + modemModel;
    }

    public static String operatorKey(String operator) {
        return "o|" + operator;
    }

    public String cohortKey() {
        return new io.flapguard.wire.Cohort(routerModel, routerFirmware, modemModel, modemFirmware).key();
    }
}
