package io.flapguard.wire;

/** Where a remediation command stands. All but the first two are terminal. */
public enum ResultStatus {
    /** Accepted into a rollout, waiting for its wave, window or approval. */
    QUEUED(false),
    /** Running on the router; {@code step} and {@code percent} say how far. */
    IN_PROGRESS(false),
    /** The modem runs the target firmware and answers AT. */
    SUCCEEDED(true),
    /** The modem already ran the target firmware; nothing was flashed. */
    ALREADY_ON_TARGET(true),
    /** A step failed; {@code step} and {@code reason} say which and why. */
    FAILED(true),
    /** The update did not finish before its deadline; the router needs attention. */
    TIMED_OUT(true),
    /** The router's SSH host key was unknown or changed. */
    REFUSED_HOST_KEY(true),
    /** The command carried a value that failed validation or the allowlist. */
    REFUSED_VALIDATION(true),
    /** The command was unsigned, signed by an unknown key, or its signature did not match its content. */
    REFUSED_SIGNATURE(true),
    /** An operator cancelled the rollout before this router's update started. */
    CANCELLED(true),
    /** Dry run: identify and list passed; nothing was changed. */
    DRY_RUN_PASSED(true);

    private final boolean terminal;

    ResultStatus(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }

    /** The router now runs the target firmware. */
    public boolean isOnTarget() {
        return this == SUCCEEDED || this == ALREADY_ON_TARGET;
    }
}
