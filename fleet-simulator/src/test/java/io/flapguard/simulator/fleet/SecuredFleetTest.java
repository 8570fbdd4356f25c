package io.flapguard.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flapguard.brokers.EmbeddedMqtt;
import io.flapguard.brokers.auth.IdentityFile;
import io.flapguard.brokers.auth.MqttRole;
import io.flapguard.brokers.auth.TopicPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a broker that checks identities, each simulated router connects as itself and publishes only as itself. */
class SecuredFleetTest {
    static final String SCENARIO = """
            name: secured
            start: 2022-10-05T00:00:00Z
            seed: 7
            groups:
              - {name: bad, count: 2, serialPrefix: "12000", serialStart: 1, routerFirmware: RUTX_R_00.07.02.7, modemFirmware: EG12EAPAR01A09M4G, operators: [Telia]}
              - {name: good, count: 2, serialPrefix: "12000", serialStart: 101, routerFirmware: RUTX_R_00.07.01.4, modemFirmware: EG12EAPAR01A12M4G, operators: [Elisa]}
            """;

    @TempDir
    Path dir;

    @Test
    void everyRouterConnectsWithItsOwnIdentityAndAllItPublishesArrives() throws Exception {
        IdentityFile identities = new IdentityFile(dir.resolve("identities"));
        String telemetry = identities.add("flapguard-telemetry", MqttRole.TELEMETRY);
        try (EmbeddedMqtt mqtt = EmbeddedMqtt.startSecured(dir, 0, false, identities, TopicPolicy.defaults());
                MqttRecorder recorder = new MqttRecorder(mqtt.url(), "flapguard-telemetry", telemetry)) {
            Scenario scenario = Scenario.parse(SCENARIO.getBytes(StandardCharsets.UTF_8), "secured");
            try (Fleet fleet = Fleet.builder(scenario, mqtt.url(), dir.resolve("fleet")).manualClock()
                    .routerPasswords(serial -> identities.add(serial, MqttRole.ROUTER)).start()) {
                assertThat(fleet.mqttConnections()).isEqualTo(4);
                assertThat(identities.read().keySet()).containsExactlyInAnyOrder("flapguard-telemetry", "1200000001",
                        "1200000002", "1200000101", "1200000102");
                fleet.advance(Duration.ofHours(12));
                assertThat(fleet.flush(Duration.ofSeconds(30))).isTrue();
                assertThat(fleet.acknowledged()).isEqualTo(fleet.publishedTotal()).isPositive();
                await().atMost(Duration.ofSeconds(30)).until(() -> recorder.size() >= fleet.publishedTotal());
                Set<String> serials = recorder.all().stream().map(MqttRecorder.Received::serial).collect(Collectors.toSet());
                assertThat(serials).containsExactlyInAnyOrder("1200000001", "1200000002", "1200000101", "1200000102");
            }
            assertThat(mqtt.refusedConnects()).isZero();
        }
    }
}
