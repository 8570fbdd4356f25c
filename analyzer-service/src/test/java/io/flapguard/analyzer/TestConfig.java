package io.flapguard.analyzer;

import io.flapguard.analyzer.config.AnalyzerConfig;
import io.flapguard.analyzer.config.StandaloneConfig;
import java.util.Map;

/** The real {@link AnalyzerConfig} mapping with its documented defaults, plus per-test overrides. */
public final class TestConfig {
    private TestConfig() {
    }

    /** The documented defaults, except in-memory stores (TopologyTestDriver commits after every record). */
    public static AnalyzerConfig defaults() {
        return with(Map.of());
    }

    /** Overrides use the names without the prefix, e.g. {@code penalty.start}. */
    public static AnalyzerConfig with(Map<String, String> overrides) {
        return StandaloneConfig.of(overrides);
    }
}
