package io.flapguard.updater.ssh;

import java.time.Duration;

/** A command on the router did not finish within its step's time limit; its session was closed. */
public final class StepTimeoutException extends Exception {
    public StepTimeoutException(String command, Duration limit) {
        super("no end of '" + command + "' within " + limit.toSeconds() + " s", null, false, false);
    }
}
