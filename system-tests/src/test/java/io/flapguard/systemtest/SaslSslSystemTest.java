package io.flapguard.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed case against a Kafka broker whose only client listener is SASL_SSL (SCRAM-SHA-512 over TLS, a
 * certificate made at test time), as a production cluster is. Every service gets the security settings only as
 * {@code kafka.*} properties; a single client built from the bootstrap address alone (the updater's job store and
 * result publisher once were) could not connect, and the loop would not close.
 */
class SaslSslSystemTest {
    @TempDir
    Path data;

    @Test
    void theSeedCaseLoopClosesWhenKafkaSpeaksOnlySaslSsl() {
        Path scenario = RunningSystem.scenario("seed-case", 4, Map.of(), data);
        try (RunningSystem system = RunningSystem.startOverSaslSsl(data, scenario, SeedCaseSystemTest.SECONDS_PER_DAY,
                SeedCaseSystemTest.fastLoop())) {
            assertThat(system.stack.kafkaClientSettings()).containsEntry("security.protocol", "SASL_SSL");
            SeedCaseSystemTest.closesTheLoop(system, data, "seed case over SASL_SSL");
            // The updater's durable job state went through its own producer and consumer over SASL_SSL too.
            assertThat(system.metrics("updater-service")).contains("flapguard_updater_results_total");
        }
    }
}
