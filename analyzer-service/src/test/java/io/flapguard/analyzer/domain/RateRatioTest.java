package io.flapguard.analyzer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RateRatioTest {
    @Test
    void matchesTheTextbookInterval() {
        // 40 incidents in 10 router-days vs 10 in 20: RR 8, se sqrt(1/40 + 1/10)
        RateRatio rr = RateRatio.of(40, 10, 10, 20);
        double se = Math.sqrt(1 / 40d + 1 / 10d);
        assertThat(rr.ratio()).isCloseTo(8, within(1e-9));
        assertThat(rr.low()).isCloseTo(8 * Math.exp(-1.96 * se), within(1e-9));
        assertThat(rr.high()).isCloseTo(8 * Math.exp(1.96 * se), within(1e-9));
    }

    @Test
    void zeroBaselineStaysFinite() {
        RateRatio rr = RateRatio.of(12, 6, 0, 6);
        assertThat(rr.ratio()).isEqualTo(24);
        assertThat(rr.low()).isGreaterThan(1).isFinite();
    }

    @Test
    void equalRatesAreNotAbove1() {
        assertThat(RateRatio.of(10, 10, 10, 10).low()).isLessThan(1);
    }
}
