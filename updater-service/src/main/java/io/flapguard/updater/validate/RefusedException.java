package io.flapguard.updater.validate;

/** A value that must never reach a router's shell; the message is one line and safe to log. */
public final class RefusedException extends Exception {
    private final RefusalReason reason;

    public RefusedException(String message) {
        this(RefusalReason.INVALID, message);
    }

    public RefusedException(RefusalReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public RefusalReason reason() {
        return reason;
    }
}
