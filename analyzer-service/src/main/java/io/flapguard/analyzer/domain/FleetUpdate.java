package io.flapguard.analyzer.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flapguard.wire.Cohort;

/**
 * What one router tells the fleet-wide aggregation, re-keyed by modem model ({@code m|EG12}) or operator
 * ({@code o|DNA}) so each fleet-wide fact is computed in exactly one partition, whatever the number of instances.
 * A {@link Kind#MEMBER} update is the router's whole summary in one cohort (absolute values, not increments): the
 * aggregator replaces the router's previous summary, so a redelivered update changes nothing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FleetUpdate(Kind kind, String serial, String routerModel, String routerFirmware, String modemModel,
        String modemFirmware, String operator, long time, double days, int unexplained, int modemSide,
        boolean flapper) {

    public enum Kind {
        /** The router's summary in one cohort: observed days, settled unexplained incidents, flapper or not. */
        MEMBER,
        /** The router joined / left an operator. */
        JOIN, LEAVE,
        /** An incident of a router of that operator (any cause: outages hit every firmware). */
        INCIDENT,
        /** Verification outcomes of updates to a firmware. */
        VERIFIED, FAILED_TO_FIX
    }

    public static String modelKey(String modemModel) {
        return "m|" + modemModel;
    }

    public static String operatorKey(String operator) {
        return "o|" + operator;
    }

    static FleetUpdate member(String serial, Membership m, double days) {
        return new FleetUpdate(Kind.MEMBER, serial, m.routerModel, m.routerFirmware, m.modemModel, m.modemFirmware,
                null, m.since, days, m.unexplained, m.modemSide, m.flapper);
    }

    static FleetUpdate operator(Kind kind, String operator, long time) {
        return new FleetUpdate(kind, null, null, null, null, null, operator, time, 0, 0, 0, false);
    }

    static FleetUpdate outcome(Kind kind, Membership m, String target, long time) {
        return new FleetUpdate(kind, null, m.routerModel, m.routerFirmware, m.modemModel, target, null, time, 0, 0, 0,
                false);
    }

    public String cohortKey() {
        return new Cohort(routerModel, routerFirmware, modemModel, modemFirmware).key();
    }

    /** Key of a router's summary within its model's aggregation: one entry per router and cohort. */
    public String memberKey() {
        return serial + "|" + cohortKey();
    }
}
