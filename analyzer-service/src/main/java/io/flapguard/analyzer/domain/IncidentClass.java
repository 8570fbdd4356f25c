package io.flapguard.analyzer.domain;

/**
 * What explains one incident, decided from the incident's own signature once it has settled (the router's event
 * time has passed its end by {@code cause.settle}), most specific explanation first. Only {@link #MODEM} and
 * {@link #DATA} are unexplained: they are what fleet attribution counts. New values go at the end (the state
 * codec stores the ordinal).
 */
public enum IncidentClass {
    /** Not settled yet: facts about the minutes around it (reboots, operator bursts, signal) may still arrive. */
    PENDING,
    /** A reboot of the router close to the incident. */
    POWER,
    /** It fell in minutes when many routers of the router's operator dropped. */
    OPERATOR,
    /** Poor signal around it (whether or not the modem left the USB bus). */
    RADIO,
    /** The modem left and rejoined the USB bus with good (or unknown) signal: a modem-side fault. */
    MODEM,
    /** A data drop with good (or unknown) signal and no sign of the modem leaving the bus. */
    DATA;

    public boolean unexplained() {
        return this == MODEM || this == DATA;
    }
}
