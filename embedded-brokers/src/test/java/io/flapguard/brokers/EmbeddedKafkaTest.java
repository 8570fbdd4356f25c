package io.flapguard.brokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {
    @TempDir
    Path data;

    @Test
    void producesAndConsumesThroughARealBrokerAndKeepsDataAcrossRestarts() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(data, 0)) {
            kafka.createTopics(List.of("fleet.test.v1"), 3, Map.of());
            try (KafkaProducer<String, String> producer = producer(kafka)) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("fleet.test.v1", "serial-" + i, "m" + i)).get();
                }
            }
            assertThat(consumeAll(kafka, "fleet.test.v1", 10)).hasSize(10);
        }
        // Second start on the same data folder: the topic and its records are still there.
        try (EmbeddedKafka again = EmbeddedKafka.start(data, 0)) {
            assertThat(again.admin().listTopics().names().get()).contains("fleet.test.v1");
            assertThat(consumeAll(again, "fleet.test.v1", 10)).extracting(ConsumerRecord::value)
                    .contains("m0", "m9");
        }
    }

    @Test
    void aSaslSslOnlyBrokerServesClientsThatLogInAndRefusesOthers() throws Exception {
        SaslSslListener tls = SaslSslListener.prepare(data.resolve("tls"), "flapguard");
        try (EmbeddedKafka kafka = EmbeddedKafka.startSaslSsl(data, 0, tls)) {
            kafka.createTopics(List.of("fleet.secure.v1"), 1, Map.of());
            try (KafkaProducer<String, String> producer = producer(kafka)) {
                producer.send(new ProducerRecord<>("fleet.secure.v1", "serial-1", "over TLS")).get();
            }
            assertThat(consumeAll(kafka, "fleet.secure.v1", 1)).extracting(ConsumerRecord::value)
                    .containsExactly("over TLS");
            // Bootstrap address alone (what the updater used to build its clients from): no connection.
            Map<String, Object> plain = Map.of("bootstrap.servers", kafka.bootstrapServers(),
                    "request.timeout.ms", 2000, "default.api.timeout.ms", 3000);
            try (var admin = org.apache.kafka.clients.admin.Admin.create(plain)) {
                assertThatThrownBy(() -> admin.listTopics().names().get()).hasCauseInstanceOf(
                        org.apache.kafka.common.errors.TimeoutException.class);
            }
        }
    }

    @Test
    void aTakenPortIsAOneLineError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> EmbeddedKafka.start(data, taken.getLocalPort()))
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessage("Kafka port " + taken.getLocalPort()
                            + " on 127.0.0.1 is already in use (another FlapGuard or broker running?); choose another port");
        }
    }

    static KafkaProducer<String, String> producer(EmbeddedKafka kafka) {
        Map<String, Object> p = kafka.clientSettings();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    static List<ConsumerRecord<String, String>> consumeAll(EmbeddedKafka kafka, String topic, int expected) {
        Map<String, Object> p = kafka.clientSettings();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
