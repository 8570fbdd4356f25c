package io.flapguard.telemetry.ingest;

import io.flapguard.wire.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code flapguard.telemetry.*}: Kafka topics and the router clock policy. See docs/config-telemetry.md. */
@ConfigMapping(prefix = "flapguard.telemetry")
public interface TelemetrySettings {
    @WithDefault(Topics.TELEMETRY)
    String topic();

    @WithDefault(Topics.TELEMETRY_DLQ)
    String dlqTopic();

    /** Wait before re-sending a record Kafka refused (it is re-sent until acknowledged). */
    @WithDefault("PT1S")
    Duration sendRetryDelay();

    Clock clock();

    interface Clock {
        @WithDefault("PT1H")
        Duration maxAhead();

        @WithDefault("P30D")
        Duration maxBehind();

        /** Take router times as they are (importing old logs). */
        @WithDefault("false")
        boolean backfill();
    }
}
