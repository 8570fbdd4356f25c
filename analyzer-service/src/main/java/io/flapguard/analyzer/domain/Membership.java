package io.flapguard.analyzer.domain;

import io.flapguard.wire.Cohort;
import java.util.Objects;

/**
 * The firmware cohort a router is in, since when (event time), and what it has shown there: settled unexplained
 * incidents, how many of them had the modem leave the USB bus, and whether its unexplained incidents alone ever
 * made it flap. Facts are applied by event time: a status older than the last firmware fact cannot undo it.
 */
public final class Membership {
    String routerModel;
    String routerFirmware;
    String modemModel;
    String modemFirmware;
    /** Event time of the newest fact that set the firmware (status or firmware-updated event). */
    long factsAt;
    /** Event time the router joined this cohort. */
    long since;
    int unexplained;
    int modemSide;
    /**
     * Penalty of its unexplained incidents only, reset on joining: crossing the flap start, with the firmware
     * signature seen ({@link RouterState#signature}), makes the router a flapper.
     */
    double penalty;
    long penaltyAt;
    boolean flapper;
    /** Observed days last reported to the fleet (reports are sent as this grows). */
    double reportedDays = -1;

    public Cohort cohort() {
        return new Cohort(routerModel, routerFirmware, modemModel, modemFirmware);
    }

    public boolean known() {
        return modemModel != null && modemFirmware != null;
    }

    public String routerModel() {
        return routerModel;
    }

    public String routerFirmware() {
        return routerFirmware;
    }

    public String modemModel() {
        return modemModel;
    }

    public String modemFirmware() {
        return modemFirmware;
    }

    public long since() {
        return since;
    }

    public boolean flapper() {
        return flapper;
    }

    boolean same(String rm, String rf, String mm, String mf) {
        return Objects.equals(rm, routerModel) && Objects.equals(rf, routerFirmware)
                && Objects.equals(mm, modemModel) && Objects.equals(mf, modemFirmware);
    }

    void join(String rm, String rf, String mm, String mf, long t) {
        routerModel = rm;
        routerFirmware = rf;
        modemModel = mm;
        modemFirmware = mf;
        since = t;
        unexplained = 0;
        modemSide = 0;
        penalty = 0;
        penaltyAt = t;
        flapper = false;
        reportedDays = -1;
    }
}
