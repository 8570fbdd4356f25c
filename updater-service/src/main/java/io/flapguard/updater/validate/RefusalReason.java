package io.flapguard.updater.validate;

import io.flapguard.wire.CommandSignature;

/** Why a command was refused: the bounded label set of {@code flapguard_updater_commands_refused_total}. */
public enum RefusalReason {
    /** The record broke the wire contract (bad JSON, command id of the wrong shape, ...). */
    MALFORMED("malformed"),
    UNSIGNED("unsigned"),
    UNKNOWN_KEY("unknown_key"),
    BAD_SIGNATURE("bad_signature"),
    /** The router's modem does not run the firmware the command expects. */
    FIRMWARE_MISMATCH("firmware_mismatch"),
    /** The target is older than what the modem runs, or the two cannot be ordered. */
    DOWNGRADE("downgrade"),
    /** The router at the address says it has another serial. */
    SERIAL_MISMATCH("serial_mismatch"),
    /** The router is not listed and no address template is configured, or its host name is numeric. */
    NO_ADDRESS("no_address"),
    /** An offline package does not match its SHA-256 manifest or the manifest's pinned digest, here or on the router. */
    PACKAGE_INTEGRITY("package_integrity"),
    /** A value failed its pattern, the allowlist, or the module check. */
    INVALID("invalid");

    private final String label;

    RefusalReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static RefusalReason of(CommandSignature.Failure failure) {
        return switch (failure) {
            case UNSIGNED -> UNSIGNED;
            case UNKNOWN_KEY -> UNKNOWN_KEY;
            case BAD_SIGNATURE -> BAD_SIGNATURE;
        };
    }
}
