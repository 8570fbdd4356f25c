package io.flapguard.analyzer.config;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;

/**
 * The analyzer's real configuration mapping outside Quarkus — its documented defaults plus overrides — for running
 * the topology in a TopologyTestDriver (tests, the diagnosis-quality harness, benchmarks). In-memory stores, since a
 * TopologyTestDriver commits after every record.
 */
public final class StandaloneConfig {
    private StandaloneConfig() {
    }

    /** Overrides use the names without the {@code flapguard.analyzer.} prefix, e.g. {@code penalty.start}. */
    public static AnalyzerConfig of(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("flapguard.analyzer.persistent-stores", "false");
        overrides.forEach((k, v) -> props.put("flapguard.analyzer." + k, v));
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(AnalyzerConfig.class)
                .withDefaultValues(props).build();
        return config.getConfigMapping(AnalyzerConfig.class);
    }
}
