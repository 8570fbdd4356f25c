package io.flapguard.updater.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.flapguard.brokers.EmbeddedKafka;
import io.flapguard.updater.rollout.RolloutRecord;
import io.flapguard.updater.rollout.RolloutState;
import io.flapguard.updater.testing.Commands;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.ResultStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker: jobs and rollouts live in key spaces no command id can reach, and whatever else is on the jobs
 * topic (garbage, the old "rollout:" collision, a record under someone else's key) is skipped and counted at start;
 * records in the format before the versioned envelope still load. {@code json} writes that old format.
 */
class JobStoreKeySpacesTest {
    static final String TOPIC = "jobs-key-spaces";
    static final String TARGET = "EG12EAPAR01A12M4G";
    @TempDir
    static Path temp;
    static EmbeddedKafka kafka;
    final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start(temp, 0);
    }

    @AfterAll
    static void stopKafka() {
        kafka.stop();
    }

    @Test
    void garbageOnTheJobsTopicIsSkippedAndCountedAndTheRealStateLoads() throws Exception {
        RemediationCommand real = Commands.command("1500000101", "EG12EAPAR01A09M4G", TARGET);
        RemediationCommand other = Commands.command("1500000102", "EG12EAPAR01A09M4G", TARGET);
        RolloutRecord rollout = new RolloutRecord("rollout-" + TARGET, TARGET, RolloutState.PAUSED, "freeze", Set.of(0), 1, false);
        try (KafkaJobStore store = new KafkaJobStore(Map.of("bootstrap.servers", kafka.bootstrapServers()), TOPIC)) {
            store.load();
            store.save(job(real));
            store.saveRollout(rollout);
        }
        byte[] realJob = json.writeValueAsBytes(job(real));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            // the collision: a job written under the rollout's old key
            producer.send(new ProducerRecord<>(TOPIC, RolloutRecord.LEGACY_KEY_PREFIX + rollout.rolloutId(), realJob)).get();
            producer.send(new ProducerRecord<>(TOPIC, KafkaJobStore.JOB_KEY_PREFIX + other.commandId(),
                    "{not json".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(TOPIC, KafkaJobStore.JOB_KEY_PREFIX + other.commandId(), realJob)).get();
            producer.send(new ProducerRecord<>(TOPIC, "whatever", realJob)).get();
            producer.send(new ProducerRecord<>(TOPIC, "job/\u0000\n", new byte[] {0, 1, 2})).get();
        }
        try (KafkaJobStore restarted = new KafkaJobStore(Map.of("bootstrap.servers", kafka.bootstrapServers()), TOPIC)) {
            Map<String, JobRecord> jobs = restarted.load();
            assertThat(restarted.skipped()).isEqualTo(5);
            assertThat(jobs).containsOnlyKeys(real.commandId());
            assertThat(jobs.get(real.commandId()).command()).isEqualTo(real);
            assertThat(restarted.rollouts()).containsOnlyKeys(rollout.rolloutId());
            assertThat(restarted.rollouts().get(rollout.rolloutId())).isEqualTo(rollout);
        }
    }

    @Test
    void jobsAndRolloutsWrittenInTheFormatBeforeTheEnvelopeLoadAndAreRewrittenVersioned() throws Exception {
        String topic = "jobs-format-upgrade";
        RemediationCommand c = Commands.command("1500000103", "EG12EAPAR01A09M4G", TARGET);
        RolloutRecord rollout = new RolloutRecord("rollout-" + TARGET, TARGET, RolloutState.PAUSED, "freeze", Set.of(0), 1, false);
        try (KafkaJobStore store = new KafkaJobStore(Map.of("bootstrap.servers", kafka.bootstrapServers()), topic)) {
            store.load();   // creates the topic
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            // as releases before the envelope wrote them: the bare records
            producer.send(new ProducerRecord<>(topic, KafkaJobStore.JOB_KEY_PREFIX + c.commandId(), json.writeValueAsBytes(job(c)))).get();
            producer.send(new ProducerRecord<>(topic, rollout.key(), json.writeValueAsBytes(rollout))).get();
        }
        try (KafkaJobStore upgraded = new KafkaJobStore(Map.of("bootstrap.servers", kafka.bootstrapServers()), topic)) {
            Map<String, JobRecord> jobs = upgraded.load();
            assertThat(upgraded.skipped()).isZero();
            assertThat(jobs.get(c.commandId())).isEqualTo(job(c));
            assertThat(upgraded.rollouts().get(rollout.rolloutId())).isEqualTo(rollout);
            upgraded.update(c.commandId(), j -> j.with(JobPhase.DONE, ResultStatus.SUCCEEDED, "confirm", null, false));
        }
        try (KafkaJobStore again = new KafkaJobStore(Map.of("bootstrap.servers", kafka.bootstrapServers()), topic)) {
            assertThat(again.load().get(c.commandId()).status()).isEqualTo(ResultStatus.SUCCEEDED);
            assertThat(again.skipped()).isZero();
        }
    }

    private static JobRecord job(RemediationCommand c) {
        return new JobRecord(c.commandId(), c, null, -1, JobPhase.QUEUED, ResultStatus.QUEUED, null, null, false);
    }
}
