package io.flapguard.analyzer.domain;

/** Where the check after an update stands. */
public enum VerificationOutcome {
    NONE, WATCHING, VERIFIED, FAILED_TO_FIX
}
