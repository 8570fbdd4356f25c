package io.flapguard.updater.ssh;

/** The router's host key was unknown or differs from the one we know: we did not log in. */
public final class HostKeyRefusedException extends Exception {
    public HostKeyRefusedException(String message) {
        super(message, null, false, false);
    }
}
