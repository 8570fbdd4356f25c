package io.flapguard.quality.fleet;

/** What really made a generated router drop: the ground truth the analyzer's diagnosis is scored against. */
public enum TrueCause {
    /** Its modem firmware (bad with its router firmware) re-enumerates the modem several times a day. */
    FIRMWARE,
    /** Poor signal: data drops without USB re-enumeration, poor RSRP/SINR around them. */
    RADIO,
    /** Its only drops came from outages of its operator that hit most of that operator's routers. */
    OPERATOR,
    /** It loses power now and then: the kernel restarts, uptime resets, data drops at boot. */
    POWER,
    /** Nothing worth a diagnosis: stable, or rare isolated data drops. */
    NONE,
    /** Its modem is faulty: it leaves the USB bus every day or two whatever its firmware (a flash does not help). */
    MODEM_HARDWARE,
    /** It ran known-bad firmware, but someone updated its modem before it ever flapped. */
    FIXED_BEFORE_FLAPPING
}
