package io.flapguard.analyzer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * A new Kafka Streams state directory for each test run: the test broker is new every run, and local state
 * left from an earlier run (routers that already got their command) must not leak into this one.
 */
@QuarkusTestResource(value = FreshStreamsState.Resource.class, restrictToAnnotatedClass = false)
public class FreshStreamsState {
    /** Sets {@code kafka-streams.state.dir} to a fresh temporary directory. */
    public static class Resource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                return Map.of("kafka-streams.state.dir", Files.createTempDirectory("analyzer-streams-state").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {
        }
    }
}
