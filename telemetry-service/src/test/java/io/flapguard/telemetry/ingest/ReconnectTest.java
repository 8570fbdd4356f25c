package io.flapguard.telemetry.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flapguard.brokers.TestBrokersResource;
import io.flapguard.wire.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * The broker drops the ingest's connection and wipes its session (another client takes its id with a
 * clean start): the ingest reconnects with backoff, subscribes again, and messages flow again.
 */
@QuarkusTest
class ReconnectTest {
    @Inject
    MqttIngest ingest;

    @Inject
    MqttSettings settings;

    @Inject
    MeterRegistry registry;

    @Test
    void reconnectsAndResubscribesAfterTheBrokerDropsTheSession() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(ingest::isReady);
        double connectsBefore = registry.counter("flapguard.telemetry.mqtt.connects").count();

        MqttClient usurper = new MqttClient(TestBrokersResource.mqtt().url(), settings.clientId(),
                new MemoryPersistence());
        MqttConnectionOptions clean = new MqttConnectionOptions();
        clean.setCleanStart(true);
        clean.setSessionExpiryInterval(0L);
        usurper.connect(clean); // the broker drops the ingest and throws away its subscriptions
        await().atMost(Duration.ofSeconds(30))
                .until(() -> registry.counter("flapguard.telemetry.mqtt.connects").count() > connectsBefore);
        await().atMost(Duration.ofSeconds(30)).until(ingest::isReady);
        usurper.close(true);

        String serial = "R" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (TestPublisher router = new TestPublisher(); KafkaRecords telemetry = new KafkaRecords(Topics.TELEMETRY)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                if (ingest.isReady()) {
                    router.publish("router/" + serial + "/signal", "-70");
                }
                return !telemetry.poll(r -> serial.equals(r.key())).isEmpty();
            });
        }
        assertThat(ingest.isReady()).isTrue();
        given().get("/q/health/ready").then().statusCode(200);
    }
}
