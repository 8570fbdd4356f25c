package io.flapguard.analyzer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateGaugesTest {
    @Test
    void theFlappingGaugeKeepsItsLargestSeriesAndSumsTheRest() {
        Map<Tags, Integer> counts = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            counts.put(Tags.of("router_model", "RUTX14", "router_firmware", "fw" + i, "modem_model", "EG12",
                    "modem_firmware", "A09", "cause", "firmware"), i + 1);
        }
        var rows = StateGauges.rows(counts, 10);
        assertThat(rows).hasSize(10);
        assertThat(StateGauges.rows(counts, 60)).hasSize(50);
    }
}
