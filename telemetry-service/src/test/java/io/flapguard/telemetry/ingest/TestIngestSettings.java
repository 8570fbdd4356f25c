package io.flapguard.telemetry.ingest;

import io.flapguard.wire.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The service's settings for ingest classes wired by hand (tests and benchmarks), defaults unless given. */
public final class TestIngestSettings {
    private TestIngestSettings() {
    }

    /** MQTT settings with the service's topic roots, window and timeouts. */
    public record Mqtt(String url, String clientId, Optional<String> sharedGroup, Duration sessionExpiry,
            Duration reconnectMinDelay, Optional<String> username, Optional<Path> passwordFile, int connections)
            implements MqttSettings {
        /** The service's default number of connections. */
        public static final int CONNECTIONS = 4;

        public Mqtt(String url, String clientId, Optional<String> sharedGroup, Duration sessionExpiry,
                Duration reconnectMinDelay, Optional<String> username, Optional<Path> passwordFile) {
            this(url, clientId, sharedGroup, sessionExpiry, reconnectMinDelay, username, passwordFile, CONNECTIONS);
        }

        /** The same settings with {@code n} connections. */
        public Mqtt withConnections(int n) {
            return new Mqtt(url, clientId, sharedGroup, sessionExpiry, reconnectMinDelay, username, passwordFile, n);
        }

        /** No account (an open broker). */
        public static Mqtt anonymous(String url, String clientId, Optional<String> sharedGroup, Duration sessionExpiry) {
            return new Mqtt(url, clientId, sharedGroup, sessionExpiry, Duration.ofMillis(500), Optional.empty(),
                    Optional.empty());
        }

        @Override
        public Optional<String> password() {
            return Optional.empty();
        }

        @Override
        public String topicRoot() {
            return "rutx";
        }

        @Override
        public String publisherRoot() {
            return "router";
        }

        @Override
        public String dataToServerRoot() {
            return "teltonika";
        }

        @Override
        public String dataToServerLeaf() {
            return "telemetry";
        }

        @Override
        public int maxInFlight() {
            return 256;
        }

        @Override
        public Duration reconnectMaxDelay() {
            return Duration.ofSeconds(30);
        }

        @Override
        public Duration connectTimeout() {
            return Duration.ofSeconds(10);
        }

        @Override
        public boolean enabled() {
            return true;
        }
    }

    /** The default Kafka topics and clock bounds; {@code backfill} takes router times as they are. */
    public static TelemetrySettings telemetry(Duration sendRetryDelay, boolean backfill) {
        return new TelemetrySettings() {
            @Override
            public String topic() {
                return Topics.TELEMETRY;
            }

            @Override
            public String dlqTopic() {
                return Topics.TELEMETRY_DLQ;
            }

            @Override
            public Duration sendRetryDelay() {
                return sendRetryDelay;
            }

            @Override
            public Clock clock() {
                return new Clock() {
                    @Override
                    public Duration maxAhead() {
                        return Duration.ofHours(1);
                    }

                    @Override
                    public Duration maxBehind() {
                        return Duration.ofDays(30);
                    }

                    @Override
                    public boolean backfill() {
                        return backfill;
                    }
                };
            }
        };
    }
}
