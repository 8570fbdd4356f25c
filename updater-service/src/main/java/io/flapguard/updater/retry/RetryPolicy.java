package io.flapguard.updater.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a recoverable failure (offline, connection refused, timed out before the flash) is tried again: exponential
 * backoff with jitter, up to a number of attempts and a maximum age of the command's first attempt. Pure: the
 * caller passes the clock's instant and the random source, so tests can seed both.
 *
 * @param maxAttempts  attempts in all, the first included; 1 means never retry
 * @param initialDelay wait before the second attempt
 * @param multiplier   each further wait is this many times the previous one
 * @param maxDelay     no single wait is longer (before jitter)
 * @param jitter       each wait is scaled by a random factor in [1 − jitter, 1 + jitter]
 * @param maxAge       no attempt starts later than this after the first one
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay, double jitter,
                          Duration maxAge) {

    public RetryPolicy {
        if (maxAttempts < 1 || multiplier < 1 || jitter < 0 || jitter >= 1 || initialDelay.isNegative()
                || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("retry: max-attempts >= 1, multiplier >= 1, 0 <= jitter < 1, "
                    + "max-delay >= initial-delay");
        }
    }

    /** Never retries. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, 1, Duration.ZERO, 0, Duration.ZERO);
    }

    /**
     * The wait after attempt {@code failedAttempt} (1-based) failed, before jitter: initial·multiplier^(n−1), capped.
     */
    public Duration baseDelay(int failedAttempt) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempt - 1));
        return Duration.ofMillis((long) Math.min(maxDelay.toMillis(), millis));
    }

    /**
     * When the next attempt may start after attempt {@code failedAttempt} failed at {@code now}; empty when the
     * budget (attempts or age) is spent.
     */
    public Optional<Instant> nextAttempt(int failedAttempt, Instant firstAttemptAt, Instant now, RandomGenerator random) {
        if (failedAttempt >= maxAttempts) {
            return Optional.empty();
        }
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        Instant next = now.plusMillis(Math.round(baseDelay(failedAttempt).toMillis() * factor));
        return next.isAfter(firstAttemptAt.plus(maxAge)) ? Optional.empty() : Optional.of(next);
    }

    /** Why no further attempt is made, for the terminal result. */
    public String exhaustedReason(int attempts) {
        return attempts >= maxAttempts ? "gave up after " + attempts + " attempts"
                : "gave up after " + attempts + " attempts: the next would start more than " + maxAge + " after the first";
    }
}
