package io.flapguard.wire;

/** Why a router's modem drops. Only {@link #FIRMWARE} leads to remediation. */
public enum Cause {
    /** Not flapping, nothing to explain. */
    NONE,
    /** The modem firmware (its cohort flaps more than other firmware of the same modem). */
    FIRMWARE,
    /** Poor signal (RSRP/SINR/RSRQ) around the incidents. */
    RADIO,
    /** Many routers on one operator dropped in the same minutes, whatever their firmware. */
    OPERATOR_OUTAGE,
    /** The router rebooted or lost power. */
    POWER,
    /** Flapping, but the evidence points nowhere yet. */
    UNKNOWN
}
