package io.flapguard.updater.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The parsers read router output as real routers print it (rutos-facts.md). */
class RouterOutputTest {

    @Test
    void qfirehoseProgressIsReadThroughItsTimerPrefix() {
        assertThat(RouterOutput.progress("[008.310] upgrade progress 37% 1234/3333")).hasValue(37);
    }

    @Test
    void progressWithoutPrefixOrWithADebugSourceTagIsReadToo() {
        assertThat(RouterOutput.progress("upgrade progress 100% 3333/3333")).hasValue(100);
        assertThat(RouterOutput.progress("[120.004] firehose_protocol.c: upgrade progress 6% 200/3333")).hasValue(6);
    }

    @Test
    void otherLinesAndImpossiblePercentagesAreNoProgress() {
        assertThat(RouterOutput.progress("[000.120] Upgrade module successfully.")).isEmpty();
        assertThat(RouterOutput.progress("upgrade progress 250% 1/1")).isEmpty();
    }

    @Test
    void errorTagsAreFoundAnywhereInALine() {
        assertThat(RouterOutput.isError("[003.100] [ERROR] firmware directory is empty. Mount failed? Exiting…")).isTrue();
        assertThat(RouterOutput.isError("[003.100] upgrade progress 5% 1/20")).isFalse();
    }
}
