package io.flapguard.updater.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputTailTest {

    @Test
    void keepsTheLastLinesWithinTheLineLimitAndHandsEveryLineOn() throws Exception {
        OutputTail tail = new OutputTail(100, 1 << 20);
        StringBuilder output = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            output.append("[").append(i).append(".000] upgrade progress ").append(i / 100).append("% ").append(i).append("/10000\n");
        }
        output.append("Upgrade module successfully.");   // last line without a newline
        List<String> seen = new ArrayList<>();
        tail.readAll(new StringReader(output.toString()), seen::add);
        assertThat(seen).hasSize(10_001);
        assertThat(tail.lines()).hasSize(100).endsWith("Upgrade module successfully.");
        assertThat(tail.lines().get(0)).startsWith("[9901.000]");
        assertThat(tail.dropped()).isEqualTo(9_901);
    }

    @Test
    void keepsWithinTheByteLimitAndCutsAnOverlongLine() throws Exception {
        OutputTail tail = new OutputTail(1_000, 100);
        String huge = "x".repeat(1_000_000);
        List<String> seen = new ArrayList<>();
        tail.readAll(new StringReader("first\r\n" + huge + "\nlast\n"), seen::add);
        assertThat(seen.get(0)).isEqualTo("first");
        assertThat(seen.get(1)).hasSize(100);
        assertThat(tail.lines()).endsWith("last");
        assertThat(tail.lines().stream().mapToInt(l -> l.length() + 1).sum()).isLessThanOrEqualTo(100 + 101);
    }
}
