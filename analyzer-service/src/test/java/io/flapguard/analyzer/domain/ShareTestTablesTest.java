package io.flapguard.analyzer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The log-factorial table and the kept Fisher tails give exactly the values computed afresh (bit for bit). */
class ShareTestTablesTest {

    @Test
    void tableHoldsTheComputedLogFactorials() {
        for (int n : new int[] {0, 1, 2, 20, 21, 1_000, 5_000, 70_000, ShareTest.TABLE_LIMIT - 1,
                ShareTest.TABLE_LIMIT, ShareTest.TABLE_LIMIT + 7}) {
            assertThat(Double.doubleToRawLongBits(ShareTest.logFactorial(n)))
                    .as("log %d!", n).isEqualTo(Double.doubleToRawLongBits(ShareTest.computeLogFactorial(n)));
        }
        for (int n = 0; n < 3_000; n++) {
            assertThat(ShareTest.logFactorial(n)).isEqualTo(ShareTest.computeLogFactorial(n));
        }
    }

    @Test
    void keptTailsAreTheComputedTails() {
        int[][] counts = {{0, 2000, 2000, 2000}, {12, 40, 3, 400}, {0, 0, 5, 10}, {3, 10, 0, 50}, {150, 2000, 4, 9000}};
        for (int round = 0; round < 2; round++) { // the second round is answered from what the first kept
            for (int[] c : counts) {
                assertThat(Double.doubleToRawLongBits(ShareTest.fisherUpperTail(c[0], c[1], c[2], c[3])))
                        .isEqualTo(Double.doubleToRawLongBits(ShareTest.computeFisherUpperTail(c[0], c[1], c[2], c[3])));
            }
        }
        assertThat(ShareTest.fisherUpperTail(12, 40, 3, 400)).isLessThan(1e-6);
        assertThat(ShareTest.fisherUpperTail(0, 2000, 2000, 2000)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    }
}
