package io.flapguard.wire;

/** Why telemetry-service refused a router message. Each reason is counted and dead-lettered. */
public enum RejectReason {
    UNKNOWN_TOPIC,
    BAD_SERIAL,
    SERIAL_MISMATCH,
    NOT_UTF8,
    TOO_LARGE,
    TOO_MANY_LINES,
    LINE_TOO_LONG,
    MALFORMED_JSON,
    UNSUPPORTED_VERSION,
    INVALID_VALUE
}
