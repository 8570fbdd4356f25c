package io.flapguard.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flapguard.brokers.EmbeddedMqtt;
import io.flapguard.simulator.fleet.MqttRecorder.Received;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.IOUtils;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The updater's path: reach a flapping router with the files the fleet wrote (routers.csv / routers.hosts,
 * known_hosts, id_ed25519) using SSHJ, flash A12, and see the router report it and stop flapping.
 */
class FlashOverSshTest {

    static final String SCENARIO = """
            name: flash
            seed: 3
            start: 2022-12-21T00:00:00Z
            statusPeriod: PT30M
            flashDuration: PT5M
            model: {badFirmwareDropsPerDay: 12}
            groups:
              - {name: bad, count: 2, serialPrefix: "11177", serialStart: 59414, routerFirmware: RUTX_R_00.07.02.7, operators: [DNA]}
            """;
    static final String SERIAL = "1117759414";

    @TempDir
    Path dir;

    @Test
    void flashingTheModemOverSshChangesItsFirmwareAndStopsTheFlapping() throws Exception {
        try (EmbeddedMqtt mqtt = EmbeddedMqtt.startOpen(dir, 0, false);
             MqttRecorder recorder = new MqttRecorder(mqtt.url());
             Fleet fleet = Fleet.builder(Scenario.parse(SCENARIO.getBytes(StandardCharsets.UTF_8), "flash"), mqtt.url(), dir.resolve("fleet"))
                     .manualClock().start()) {
            fleet.advance(Duration.ofDays(1));
            await().atMost(Duration.ofSeconds(20)).until(() -> recorder.size() >= fleet.publishedTotal());
            assertThat(kernelLines(recorder)).anyMatch(l -> l.contains("USB disconnect"));

            FleetFiles files = fleet.files();
            assertThat(Files.readAllLines(files.routersCsv())).first().isEqualTo("serial,host,port,hostKeyFingerprint");
            assertThat(files.updaterProperties()).containsEntry("flapguard.updater.ssh.hosts-file", files.hostsFile().toAbsolutePath().toString());
            String hostPort = Files.readAllLines(files.hostsFile()).stream().filter(l -> l.startsWith(SERIAL + " "))
                    .findFirst().orElseThrow().split(" ")[1];
            assertThat(Files.readString(files.knownHosts())).contains("[" + hostPort.replace(":", "]:") + " ssh-ed25519 ");
            try (SSHClient ssh = new SSHClient()) {
                ssh.addHostKeyVerifier(new OpenSSHKnownHosts(files.knownHosts().toFile()));
                ssh.connect(hostPort.split(":")[0], Integer.parseInt(hostPort.split(":")[1]));
                ssh.authPublickey("root", ssh.loadKeys(files.privateKey().toString()));
                exec(ssh, "opkg update");
                exec(ssh, "opkg install modem_updater");
                assertThat(exec(ssh, "modem_updater -i 1-1 -v EG12EAPAR01A12M4G")).contains("Upgrade module successfully.");
                assertThat(exec(ssh, "gsmctl -y").strip()).isEqualTo("EG12EAPAR01A12M4G");
            }
            Instant flashedAt = fleet.simulatedNow();

            await().atMost(Duration.ofSeconds(20)).until(() -> recorder.of(SERIAL, "log/events").stream()
                    .flatMap(r -> r.lines().stream()).anyMatch(l -> l.endsWith(
                            "  Firmware  Updated internal modem firmware from EG12EAPAR01A09M4G to EG12EAPAR01A12M4G")));
            await().atMost(Duration.ofSeconds(20)).until(() -> recorder.of(SERIAL, "status").stream()
                    .anyMatch(s -> s.json().at("/modem/firmware").asText().equals("EG12EAPAR01A12M4G")));

            fleet.advance(Duration.ofDays(2));
            assertThat(fleet.flush(Duration.ofSeconds(30))).isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> recorder.size() >= fleet.publishedTotal());

            Instant settled = flashedAt.plus(Duration.ofMinutes(2));
            List<Received> laterKernel = recorder.of(SERIAL, "log/kernel").stream().filter(r -> r.sentAt().isAfter(settled)).toList();
            assertThat(laterKernel).as("no modem resets after the flash").isEmpty();
            assertThat(recorder.of(SERIAL, "log/events").stream().filter(r -> r.sentAt().isAfter(settled))
                    .flatMap(r -> r.lines().stream())).noneMatch(l -> l.contains("disconnected"));
            List<Received> statuses = recorder.of(SERIAL, "status");
            assertThat(statuses.get(statuses.size() - 1).json().at("/modem/state").asText()).isEqualTo("connected");
            assertThat(fleet.flashCounts()).containsEntry(SERIAL, 1).containsEntry("1117759415", 0);
            assertThat(recorder.of("1117759415", "log/kernel").stream().filter(r -> r.sentAt().isAfter(settled)))
                    .as("the unflashed neighbour still flaps").isNotEmpty();
        }
    }

    private static List<String> kernelLines(MqttRecorder recorder) {
        return recorder.of(SERIAL, "log/kernel").stream().flatMap(r -> r.lines().stream()).toList();
    }

    private static String exec(SSHClient ssh, String command) throws IOException {
        try (Session session = ssh.startSession()) {
            Session.Command cmd = session.exec(command);
            String out = IOUtils.readFully(cmd.getInputStream()).toString(StandardCharsets.UTF_8);
            cmd.join(30, TimeUnit.SECONDS);
            assertThat(cmd.getExitStatus()).as(command + "\n" + out).isZero();
            return out;
        }
    }
}
