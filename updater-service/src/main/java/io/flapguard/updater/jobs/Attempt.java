package io.flapguard.updater.jobs;

import io.flapguard.wire.FailureKind;
import java.time.Instant;

/** One ended attempt of a command, kept in its job record for REST and the next attempt's number. */
public record Attempt(int number, Instant startedAt, Instant endedAt, String status, FailureKind failureKind,
                      String step, String reason) {
}
