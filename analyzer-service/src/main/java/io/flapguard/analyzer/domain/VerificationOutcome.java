package io.flapguard.analyzer.domain;

/**
 * Where the check after an update stands. SILENT: the router's telemetry did not cover the verification period
 * within {@code verification.silent-after} of the update (wall clock), so nobody can say the fix held.
 * New values go at the end: the state codec stores the ordinal.
 */
public enum VerificationOutcome {
    NONE, WATCHING, VERIFIED, FAILED_TO_FIX, SILENT
}
