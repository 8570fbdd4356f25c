package io.flapguard.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flapguard.wire.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack as a person runs it: real brokers, the services' packaged builds as child processes. */
class StackTest {
    static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path data;

    @BeforeAll
    static void servicesArePackaged() {
        for (String s : List.of("telemetry-service", "analyzer-service", "updater-service")) {
            assumeTrue(Files.isRegularFile(HOME.resolve(s).resolve("target/quarkus-app/quarkus-run.jar")),
                    s + " is not packaged: run the whole reactor (./mvnw -B verify) to test the local stack");
        }
    }

    StackSettings settings() {
        return new StackSettings(HOME, data, 0, 0, 0, 0, 0, null, null, "256m", Duration.ofSeconds(180), false, null,
                "EG12EAPAR01A12M4G", null, java.util.Map.of());
    }

    @Test
    void startsEverythingReadyStopsInOrderAndReusesItsDataOnTheNextStart() throws Exception {
        List<ProcessHandle> children;
        try (Stack stack = Stack.start(settings(), System.out)) {
            assertThat(stack.services()).hasSize(3).allSatisfy(s -> assertThat(s.isReady()).isTrue());
            children = stack.services().stream().map(s -> ProcessHandle.of(s.pid()).orElseThrow()).toList();
            try (Admin admin = Admin.create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.kafkaBootstrap()))) {
                assertThat(admin.listTopics().names().get()).containsAll(Topics.all());
                admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("kept.across.restarts", 1,
                        (short) 1))).all().get();
            }
        }
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(data.resolve("logs/telemetry-service.log")).isNotEmptyFile();
        java.nio.file.Path signingKey = data.resolve("signing/analyzer-local-stack.pem");
        String key = java.nio.file.Files.readString(signingKey);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(signingKey)))
                .isEqualTo("rw-------");
        assertThat(data.resolve("logs/analyzer-service.log")).content().contains("signed with key id local-stack");
        assertThat(data.resolve("logs/updater-service.log")).content().contains("signed by key ids [local-stack]");

        String telemetryPassword = Files.readString(data.resolve("secrets/mqtt-telemetry.password"));
        try (Stack again = Stack.start(settings(), System.out);
                Admin admin = Admin.create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                        again.kafkaBootstrap()))) {
            assertThat(admin.listTopics().names().get()).contains("kept.across.restarts");
            assertThat(Files.readString(data.resolve("secrets/mqtt-telemetry.password"))).as("kept across starts")
                    .isEqualTo(telemetryPassword);
            aRouterAddedWhileTheStackRunsIsIngestedAndStrangersAreRefused(again);
        }
        assertThat(java.nio.file.Files.readString(signingKey)).as("the key pair is made once").isEqualTo(key);
    }

    /** The documented path for a real router: {@code ./flapguard identity add <serial>}, then publish as it. */
    private void aRouterAddedWhileTheStackRunsIsIngestedAndStrangersAreRefused(Stack stack) throws Exception {
        IdentityCommandTest.Run added = IdentityCommandTest.run("--data-dir", data.toString(), "identity", "add",
                "1117759414");
        assertThat(added.code()).isZero();
        MqttClient router = new MqttClient(
                stack.mqttUrl(), "fg-1117759414-stacktest", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName("1117759414");
        options.setPassword(added.out().strip().getBytes(StandardCharsets.UTF_8));
        router.connect(options);
        router.publish("rutx/1117759414/log/events", ("2022-10-05 12:14:28  Mobile Data  Mobile data disconnected "
                + "(internal modem)").getBytes(StandardCharsets.UTF_8), 1, false);
        router.disconnect();
        router.close();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(java.util.Map.of(
                        "bootstrap.servers", stack.kafkaBootstrap(), "group.id", "stacktest", "auto.offset.reset", "earliest"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.TELEMETRY));
            List<String> keys = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> keys.add(r.key()));
                return keys.contains("1117759414");
            });
        }
        MqttClient stranger = new MqttClient(
                stack.mqttUrl(), "stranger", new MemoryPersistence());
        assertThatThrownBy(stranger::connect)
                .isInstanceOf(MqttException.class);
        stranger.close();
    }

    @Test
    void aTakenPortIsOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Result r = run("--data-dir", data.toString(), "--home", HOME.toString(), "--kafka-port", "0",
                    "--mqtt-port", String.valueOf(taken.getLocalPort()), "--telemetry-port", "0", "--analyzer-port",
                    "0", "--updater-port", "0");
            assertThat(r.exitCode).isEqualTo(2);
            assertThat(r.err.strip()).isEqualTo("flapguard: MQTT port " + taken.getLocalPort()
                    + " on 127.0.0.1 is already in use (another FlapGuard or broker running?); choose another port");
        }
    }

    @Test
    void anUnreachableExternalKafkaIsOneClearLine() throws Exception {
        int nobody;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            nobody = s.getLocalPort();
        }
        Result r = run("--data-dir", data.toString(), "--home", HOME.toString(), "--kafka-bootstrap",
                "127.0.0.1:" + nobody, "--telemetry-port", "0", "--analyzer-port", "0", "--updater-port", "0");
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.err.strip()).isEqualTo("flapguard: Kafka at 127.0.0.1:" + nobody
                + " is unreachable (no answer within 10 s); is the broker running and the address right?");
    }

    record Result(int exitCode, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = LocalStack.commandLine().execute(args);
            return new Result(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }
}
