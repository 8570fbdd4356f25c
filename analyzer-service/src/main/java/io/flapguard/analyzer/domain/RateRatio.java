package io.flapguard.analyzer.domain;

/**
 * Incident rate ratio of a cohort against a baseline with its 95 % interval
 * exp(ln RR +/- 1.96 * sqrt(1/a + 1/b)). A zero count is replaced by 0.5 (Haldane's correction) so a
 * baseline without incidents still gives a finite, appropriately wide interval.
 */
public record RateRatio(double ratio, double low, double high) {

    public static RateRatio of(long a, double daysA, long b, double daysB) {
        double ca = a == 0 ? 0.5 : a;
        double cb = b == 0 ? 0.5 : b;
        double rr = (ca / daysA) / (cb / daysB);
        double se = Math.sqrt(1 / ca + 1 / cb);
        return new RateRatio(rr, Math.exp(Math.log(rr) - 1.96 * se), Math.exp(Math.log(rr) + 1.96 * se));
    }
}
