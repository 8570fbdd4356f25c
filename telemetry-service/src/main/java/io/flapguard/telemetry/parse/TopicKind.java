package io.flapguard.telemetry.parse;

import java.util.Locale;

/** The kinds of router topic of the router contract; the metric label {@code kind}. */
public enum TopicKind {
    LOG, STATUS, PUBLISHER, DATA_TO_SERVER,
    /** Not a topic of the contract (only ever seen on dead letters). */
    UNKNOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
