package io.flapguard.simulator.router;

/** Faults a test or the fleet simulator can switch on for one router. */
public enum RouterFault {
    /** No WAN link: opkg and online modem_updater runs fail with the real messages. */
    NO_WAN,
    /** {@code df /tmp} shows too little room for a firmware package; SFTP uploads into /tmp fail. */
    TMP_TOO_SMALL,
    /** Flashing stops at 6 %, the modem stays in download mode and the command never ends on its own. */
    FLASH_STUCK,
    /** The flash writes the image but the modem never answers AT afterwards. */
    MODEM_UNRESPONSIVE_AFTER_FLASH,
    /** The SSH session is closed halfway through flashing; the flash still completes on the router. */
    DROP_SSH_MID_FLASH,
    /** modem_updater refuses any target as a forbidden downgrade, whatever the versions. */
    FLASHING_NOT_ALLOWED,
    /** Uploaded files read back with one bit flipped ({@code sha256sum} sees the corruption). */
    CORRUPT_UPLOADS
}
