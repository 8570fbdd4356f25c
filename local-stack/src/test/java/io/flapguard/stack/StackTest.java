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
import picocli.CommandLine;

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
            Credentials login = stack.adminCredentials().orElseThrow();
            String rollouts = stack.service("updater-service").baseUrl() + "/rollouts";
            assertThat(status(rollouts, null)).as("anonymous").isEqualTo(401);
            assertThat(status(rollouts, login)).isEqualTo(200);
            assertThat(Files.readString(data.resolve("users"))).startsWith("#").doesNotContain(login.password());
            assertOnlyOnLoopback(stack);
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
            assertThat(again.adminCredentials()).as("the admin is created once").isEmpty();
            Credentials viewer = again.addUser("watcher", "viewer");
            String analyzer = again.service("analyzer-service").baseUrl();
            assertThat(status(analyzer + "/api/cohorts", viewer)).isEqualTo(200);
            assertThat(status(analyzer + "/api/cohorts", new Credentials("watcher", "guess"))).isEqualTo(401);
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

    @Test
    void userAddStoresAHashedUserThatCanLogIn() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = new CommandLine(new LocalStack()).execute("user", "add", "bob", "--role", "approver", "--data-dir",
                    data.toString());
        } finally {
            System.setOut(saved);
        }
        assertThat(code).isZero();
        String password = out.toString(StandardCharsets.UTF_8).replaceAll("(?s).*with password (\\S+) .*", "$1");
        assertThat(new io.flapguard.security.users.UserDirectory(data.resolve("users"))
                .verify("bob", password.toCharArray())).contains(java.util.Set.of("approver"));
        assertThat(Files.readString(data.resolve("users"))).contains("bob:approver:pbkdf2-sha256$")
                .doesNotContain(password);

        Result bad = run("user", "add", "eve", "--role", "root", "--data-dir", data.toString());
        assertThat(bad.exitCode).isEqualTo(2);
        assertThat(bad.err.strip()).isEqualTo("flapguard: unknown role 'root' (viewer, operator, approver, admin)");
    }

    @Test
    void aListenAddressMustBeAnIpv4Address() {
        Result r = run("--data-dir", data.toString(), "--home", HOME.toString(), "--listen-address", "everywhere");
        assertThat(r.exitCode).isEqualTo(2);
        assertThat(r.err.strip()).isEqualTo(
                "flapguard: --listen-address must be an IPv4 address such as 127.0.0.1 or 0.0.0.0");
    }

    private static int status(String url, Credentials login) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .timeout(Duration.ofSeconds(10));
        if (login != null) {
            request.header("Authorization", login.basicAuthorization());
        }
        return java.net.http.HttpClient.newHttpClient().send(request.build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Kafka, MQTT and the three services answer on 127.0.0.1 and refuse this machine's other addresses. */
    private static void assertOnlyOnLoopback(Stack stack) throws Exception {
        List<Integer> ports = new java.util.ArrayList<>(List.of(
                Integer.parseInt(stack.kafkaBootstrap().replaceAll(".*:", "")),
                java.net.URI.create(stack.mqttUrl()).getPort()));
        stack.services().forEach(s -> ports.add(s.httpPort()));
        java.util.Optional<InetAddress> lan = java.util.Collections.list(java.net.NetworkInterface
                .getNetworkInterfaces()).stream().filter(i -> !isLoopback(i))
                .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof java.net.Inet4Address).findFirst();
        for (int port : ports) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2000);
            }
            if (lan.isPresent()) {
                assertThat(reachable(lan.get(), port)).as("port " + port + " on " + lan.get()).isFalse();
            }
        }
    }

    private static boolean isLoopback(java.net.NetworkInterface i) {
        try {
            return i.isLoopback() || !i.isUp();
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    private static boolean reachable(InetAddress address, int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(address, port), 2000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
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
