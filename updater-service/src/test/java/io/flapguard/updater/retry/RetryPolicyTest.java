package io.flapguard.updater.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    static final Instant FIRST = Instant.parse("2025-03-03T10:00:00Z");
    final RetryPolicy policy = new RetryPolicy(5, Duration.ofMinutes(1), 2, Duration.ofMinutes(10), 0.25,
            Duration.ofHours(1));

    @Test
    void waitsGrowExponentiallyUpToTheCap() {
        assertThat(policy.baseDelay(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.baseDelay(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(policy.baseDelay(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(policy.baseDelay(5)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void jitterStaysWithinItsShareAndTheSameSeedGivesTheSameSchedule() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 1_000; i++) {
            Instant next = policy.nextAttempt(2, FIRST, FIRST, random).orElseThrow();
            assertThat(Duration.between(FIRST, next)).isBetween(Duration.ofSeconds(90), Duration.ofSeconds(150));
        }
        assertThat(policy.nextAttempt(1, FIRST, FIRST, new SplittableRandom(7)))
                .isEqualTo(policy.nextAttempt(1, FIRST, FIRST, new SplittableRandom(7)));
        assertThat(policy.nextAttempt(1, FIRST, FIRST, new SplittableRandom(7)))
                .isNotEqualTo(policy.nextAttempt(1, FIRST, FIRST, new SplittableRandom(8)));
    }

    @Test
    void theBudgetEndsAtTheLastAttemptOrAtTheMaximumAge() {
        SplittableRandom random = new SplittableRandom(1);
        assertThat(policy.nextAttempt(4, FIRST, FIRST, random)).isPresent();
        assertThat(policy.nextAttempt(5, FIRST, FIRST, random)).isEmpty();
        assertThat(policy.exhaustedReason(5)).isEqualTo("gave up after 5 attempts");
        // 59 minutes after the first attempt a wait of at least 45 s would start after the hour
        Instant late = FIRST.plus(Duration.ofMinutes(59));
        assertThat(policy.nextAttempt(1, FIRST, late, random)).isEmpty();
        assertThat(policy.exhaustedReason(2)).contains("more than PT1H after the first");
        assertThat(RetryPolicy.none().nextAttempt(1, FIRST, FIRST, random)).isEmpty();
    }

    @Test
    void nonsenseSettingsAreRefusedAtStart() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), 2, Duration.ofSeconds(2), 0.1, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(1), 2, Duration.ofSeconds(2), 1.5, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
