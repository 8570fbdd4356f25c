package io.flapguard.updater.validate;

/** A value that must never reach a router's shell; the message is one line and safe to log. */
public final class RefusedException extends Exception {
    public RefusedException(String message) {
        super(message, null, false, false);
    }
}
