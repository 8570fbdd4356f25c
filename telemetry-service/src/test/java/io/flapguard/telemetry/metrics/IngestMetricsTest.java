package io.flapguard.telemetry.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Labels of the unreadable-field counter stay bounded whatever a parser reports. */
class IngestMetricsTest {

    @Test
    void unknownFormatsAndFieldsAreCountedAsOther() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        IngestMetrics metrics = new IngestMetrics(registry);
        metrics.unreadableField("agent-json", "rsrp");
        metrics.unreadableField("agent-json", "rsrp");
        metrics.unreadableField("mqtt-publisher", "dataState");
        metrics.unreadableField("agent-json", "1117759414");
        metrics.unreadableField("made-up", "rsrp");
        assertThat(count(registry, "agent-json", "rsrp")).isEqualTo(2.0);
        assertThat(count(registry, "mqtt-publisher", "dataState")).isEqualTo(1.0);
        assertThat(count(registry, "agent-json", "other")).isEqualTo(1.0);
        assertThat(count(registry, "other", "rsrp")).isEqualTo(1.0);
        assertThat(registry.find("flapguard.telemetry.unreadable.fields").counters()).hasSize(4);
    }

    private static double count(SimpleMeterRegistry registry, String format, String field) {
        return registry.get("flapguard.telemetry.unreadable.fields").tags("format", format, "field", field).counter()
                .count();
    }
}
