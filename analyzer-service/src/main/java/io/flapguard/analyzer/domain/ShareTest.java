package io.flapguard.analyzer.domain;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compares the share of flapping routers in a cohort with the share in its baseline, counting each router once so
 * a handful of very bad routers can neither fake nor mask a cohort: the one-sided Fisher exact test (is the cohort's
 * share higher than chance would give?) and Wilson score intervals for each share.
 */
public final class ShareTest {
    /** Log-factorials kept in a table up to here (2 MiB); beyond, computed on each call. */
    static final int TABLE_LIMIT = 1 << 18;
    /** Fisher tails kept by their four counts (which change far less often than the fleet updates that ask). */
    static final int TAILS_KEPT = 4_096;
    private static volatile double[] logFactorials = new double[0];
    private static final Map<Counts, Double> TAILS = new ConcurrentHashMap<>();

    private record Counts(int a, int n1, int b, int n2) {
    }

    private ShareTest() {
    }

    /**
     * P(X >= a) for X hypergeometric: a flapping routers of n1 in the cohort, b of n2 in the baseline, under the
     * hypothesis that flapping routers fall into the cohort at random.
     */
    public static double fisherUpperTail(int a, int n1, int b, int n2) {
        // a pure function of the counts, recomputed for every cohort on every fleet update: kept by its arguments
        Counts key = new Counts(a, n1, b, n2);
        Double kept = TAILS.get(key);
        if (kept != null) {
            return kept;
        }
        double p = computeFisherUpperTail(a, n1, b, n2);
        if (TAILS.size() >= TAILS_KEPT) {
            TAILS.clear();
        }
        TAILS.put(key, p);
        return p;
    }

    static double computeFisherUpperTail(int a, int n1, int b, int n2) {
        int flappers = a + b;
        int total = n1 + n2;
        if (n1 == 0 || flappers == 0) {
            return 1.0;
        }
        double denominator = logChoose(total, n1);
        double p = 0;
        for (int x = a; x <= Math.min(flappers, n1); x++) {
            p += Math.exp(logChoose(flappers, x) + logChoose(total - flappers, n1 - x) - denominator);
        }
        return Math.min(1.0, p);
    }

    /** Wilson score interval (95 %) of k successes in n: {low, high}. */
    public static double[] wilson(int k, int n) {
        if (n == 0) {
            return new double[] {0, 1};
        }
        double z = 1.959964;
        double p = (double) k / n;
        double z2n = z * z / n;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z * Math.sqrt(p * (1 - p) / n + z2n / (4 * n)) / (1 + z2n);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    private static double logChoose(int n, int k) {
        if (k < 0 || k > n) {
            return Double.NEGATIVE_INFINITY;
        }
        return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
    }

    /** {@link #computeLogFactorial}, from a table filled by that same function: the very same values. */
    static double logFactorial(int n) {
        double[] table = logFactorials;
        if (n < table.length) {
            return table[n];
        }
        return n < TABLE_LIMIT ? grow(n)[n] : computeLogFactorial(n);
    }

    private static synchronized double[] grow(int n) {
        double[] table = logFactorials;
        if (n < table.length) {
            return table;
        }
        int size = Math.min(TABLE_LIMIT, Math.max(n + 1, Math.max(1_024, 2 * table.length)));
        double[] bigger = Arrays.copyOf(table, size);
        for (int i = table.length; i < size; i++) {
            bigger[i] = computeLogFactorial(i);
        }
        logFactorials = bigger;
        return bigger;
    }

    /** Exact for small n, Stirling's series beyond (error below 1e-10): fleets have 100,000s of routers. */
    static double computeLogFactorial(int n) {
        if (n <= 20) {
            double s = 0;
            for (int i = 2; i <= n; i++) {
                s += Math.log(i);
            }
            return s;
        }
        double x = n;
        return x * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI * x) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }
}
