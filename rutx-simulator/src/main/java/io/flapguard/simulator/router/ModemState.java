package io.flapguard.simulator.router;

/** What the router's internal modem is doing, as far as gsmd can tell. */
public enum ModemState {
    /** On the USB bus with its normal id (2c7c:0512 for EG12) and answering AT. */
    NORMAL,
    /** Left the bus and came back as Qualcomm EDL 05c6:9008: being flashed or needing recovery. */
    DOWNLOAD_MODE,
    /** On the bus but not answering AT (after a bad flash, until a reboot). */
    UNRESPONSIVE
}
