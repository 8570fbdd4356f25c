package io.flapguard.stack.bench;

import io.flapguard.brokers.Ports;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Mosquitto as its own process for the fleet-scale run: an open listener on loopback, no in-flight limit of its
 * own (each client's receive maximum governs) and per-session queue limits large enough to hold a stopped
 * telemetry instance's share of the fleet for the whole outage — the limits are printed so a run can be checked.
 */
final class MosquittoProcess implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Process process;

    private MosquittoProcess(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * @param maxQueuedMessages per session (each of telemetry's connections has its own)
     * @param maxQueuedBytes    per session, the payload bytes Mosquitto may hold for it while it is away
     */
    static MosquittoProcess start(Path dir, long maxQueuedMessages, long maxQueuedBytes) throws IOException {
        Path binary = Path.of("/usr/sbin/mosquitto");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("mosquitto is not installed (apt install mosquitto)");
        }
        Files.createDirectories(dir);
        int port = Ports.free();
        Files.writeString(dir.resolve("mosquitto.conf"), """
                # written by the fleet-scale run
                per_listener_settings false
                listener %d 127.0.0.1
                allow_anonymous true
                persistence false
                max_inflight_messages 0
                max_queued_messages %d
                max_queued_bytes %d
                log_dest stderr
                log_type error
                log_type warning
                log_type notice
                """.formatted(port, maxQueuedMessages, maxQueuedBytes));
        Process process = new ProcessBuilder(binary.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        MosquittoProcess broker = new MosquittoProcess(dir, port, process);
        broker.awaitListening();
        return broker;
    }

    private void awaitListening() {
        Awaitility.await("mosquitto listening on " + port).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100)).until(this::listening);
    }

    private boolean listening() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.log")));
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(Ports.LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String url() {
        return "tcp://" + Ports.LOOPBACK + ":" + port;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
