package io.flapguard.analyzer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.flapguard.analyzer.TestConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FlapPenaltyTest {
    private static final long H = Duration.ofHours(1).toMillis();
    private final FlapPenalty penalty = FlapPenalty.of(TestConfig.defaults().penalty());

    /** Drives incidents every {@code everyHours} for {@code days}; true if flapping at any point. */
    private boolean everFlapping(double everyHours, int days) {
        double[] p = {0, 0};
        boolean flapping = false;
        boolean ever = false;
        for (long t = H; t < days * 24 * H; t += (long) (everyHours * H)) {
            p = penalty.add(p[0], (long) p[1], t);
            flapping = penalty.nextFlapping(flapping, penalty.decay(p[0], (long) p[1], t));
            ever |= flapping;
        }
        return ever;
    }

    @Test
    void severalDisconnectsADayIsFlappingOneAWeekIsNot() {
        assertThat(everFlapping(8, 3)).as("3 a day").isTrue();
        assertThat(everFlapping(6, 2)).as("4 a day").isTrue();
        assertThat(everFlapping(24 * 7, 60)).as("1 a week").isFalse();
        assertThat(everFlapping(24, 30)).as("1 a day").isFalse();
        assertThat(everFlapping(12, 30)).as("2 a day levels off at 2000, below the start threshold").isFalse();
    }

    @Test
    void halvesEveryHalfLifeAndIsCapped() {
        assertThat(penalty.decay(1000, 0, 12 * H)).isCloseTo(500, within(0.001));
        double[] p = {0, 0};
        for (int i = 0; i < 50; i++) {
            p = penalty.add(p[0], (long) p[1], i * 1000L);
        }
        assertThat(p[0]).isEqualTo(penalty.cap()).isEqualTo(4000);
    }

    @Test
    void lateIncidentAddsTheSameAsInOrder() {
        double[] inOrder = penalty.add(0, 0, 0);
        inOrder = penalty.add(inOrder[0], (long) inOrder[1], 3 * H);
        double[] late = penalty.add(0, 0, 3 * H);
        late = penalty.add(late[0], (long) late[1], 0);
        assertThat(penalty.decay(late[0], (long) late[1], 5 * H))
                .isCloseTo(penalty.decay(inOrder[0], (long) inOrder[1], 5 * H), within(1e-6));
    }

    @Test
    void hysteresisKeepsStateBetweenThresholds() {
        assertThat(penalty.nextFlapping(false, 1500)).isFalse();
        assertThat(penalty.nextFlapping(true, 1500)).isTrue();
        assertThat(penalty.nextFlapping(false, 2100)).isTrue();
        assertThat(penalty.nextFlapping(true, 999)).isFalse();
    }
}
