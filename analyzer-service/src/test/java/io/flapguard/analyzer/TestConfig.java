package io.flapguard.analyzer;

import io.flapguard.analyzer.config.AnalyzerConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
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
        Map<String, String> props = new HashMap<>();
        props.put("flapguard.analyzer.persistent-stores", "false");
        overrides.forEach((k, v) -> props.put("flapguard.analyzer." + k, v));
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(AnalyzerConfig.class)
                .withDefaultValues(props).build();
        return config.getConfigMapping(AnalyzerConfig.class);
    }
}
