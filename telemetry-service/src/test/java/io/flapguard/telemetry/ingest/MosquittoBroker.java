package io.flapguard.telemetry.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flapguard.brokers.Ports;
import io.flapguard.brokers.auth.MosquittoAuthFiles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Mosquitto as its own process, with its own configuration: one listener on 127.0.0.1 and a free port,
 * persistence in a temp folder, no anonymous clients, {@code password_file} and {@code acl_file}. Tests that need
 * it are skipped with a printed reason where the {@code mosquitto} package is missing.
 */
public final class MosquittoBroker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;

    private MosquittoBroker(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** The mosquitto binary, or the test is skipped saying how to get it. */
    static Path binary() {
        Optional<Path> found = Stream.of((System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin")
                .split(":")).filter(d -> !d.isBlank()).map(d -> Path.of(d, "mosquitto")).filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty()) {
            String reason = "SKIPPED: mosquitto is not installed (apt install mosquitto)";
            System.err.println(reason);
            assumeTrue(false, reason);
        }
        return found.get();
    }

    static MosquittoBroker start(Path dir, MosquittoAuthFiles.AuthFiles auth) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        return start(dir, """
                allow_anonymous false
                password_file %s
                acl_file %s
                persistence true
                persistence_location %s/
                autosave_interval 1
                """.formatted(auth.passwordFile(), auth.aclFile(), data));
    }

    /**
     * An open broker for the load harness: anonymous clients, messages in memory only (as the embedded broker's
     * in-memory mode), no in-flight limit of its own (each subscriber's receive maximum governs).
     */
    public static MosquittoBroker startOpen(Path dir) throws IOException {
        return start(dir, """
                allow_anonymous true
                persistence false
                max_inflight_messages 0
                """);
    }

    private static MosquittoBroker start(Path dir, String settings) throws IOException {
        Path binary = binary();
        Files.createDirectories(dir);
        MosquittoBroker broker = new MosquittoBroker(dir, Ports.free());
        Files.writeString(dir.resolve("mosquitto.conf"), """
                # written by MosquittoBroker for one run
                user root
                per_listener_settings false
                listener %d 127.0.0.1
                max_queued_messages 100000
                log_dest stderr
                log_type error
                log_type warning
                log_type notice
                """.formatted(broker.port) + settings);
        broker.launch(binary);
        return broker;
    }

    private void launch(Path binary) throws IOException {
        process = new ProcessBuilder(binary.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.log")));
            }
            return accepts();
        });
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(Ports.LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The broker's process (for its CPU time). */
    public ProcessHandle process() {
        return process.toHandle();
    }

    public String url() {
        return "tcp://" + Ports.LOOPBACK + ":" + port;
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("mosquitto.log"));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
