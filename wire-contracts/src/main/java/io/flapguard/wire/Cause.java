package io.flapguard.wire;

/** Why a router's modem drops. Only {@link #FIRMWARE} leads to remediation. New values go at the end. */
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
    UNKNOWN,
    /** The modem came back in download (EDL) mode after a failed flash: needs recovery by a person, never a flash. */
    DOWNLOAD_MODE,
    /** The modem stopped answering the router (gsmd write errors): needs a person (power cycle, recovery). */
    MODEM_UNRESPONSIVE
}
