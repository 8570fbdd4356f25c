package io.flapguard.wire;

/**
 * Why an update attempt did not reach its target, in the terms an operator acts on (the names follow OpenWISP's
 * firmware-upgrader). Carried by {@link RemediationResult#failureKind()}; absent on successes and on results written
 * before it existed.
 */
public enum FailureKind {
    /** The modem already ran the target: nothing to do, counts as a success. */
    NOT_NEEDED,
    /** Refused or stopped before anything on the router changed (validation, identity, host key, no package). */
    ABORTED,
    /** Offline, connection refused or timed out before the flash started: retried with backoff. */
    RECOVERABLE,
    /** The flash may have started and the router did not come back on the target: needs a person. */
    FAILED_AFTER_FLASH,
    /** The modem sits in download (EDL) mode, USB id 05c6:9008: needs recovery with the vendor's flasher. */
    DOWNLOAD_MODE
}
