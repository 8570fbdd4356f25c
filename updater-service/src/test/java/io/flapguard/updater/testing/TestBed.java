package io.flapguard.updater.testing;

import io.flapguard.brokers.TestBrokersResource;
import io.flapguard.simulator.router.SimulatedRouter;
import io.flapguard.simulator.router.SimulatedRouterServer;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.RemediationResult;
import io.flapguard.wire.Topics;
import io.flapguard.wire.WireCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The files the %test profile points the updater at (target/e2e: key, known_hosts, hosts), and the command and
 * results topics of the test broker, for @QuarkusTest classes that drive the whole service.
 */
public final class TestBed {
    public static final Path FOLDER = Path.of("target/e2e");
    public final RouterFixture fixture;
    private final StringBuilder hosts = new StringBuilder();

    public TestBed() {
        try {
            Files.createDirectories(FOLDER);
            fixture = new RouterFixture(Files.createTempDirectory(FOLDER, "routers"));
            Files.copy(fixture.privateKey, FOLDER.resolve("id_updater"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(FOLDER.resolve("hosts"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a simulated router (on {@code port}, 0 for any) known to the updater. */
    public SimulatedRouterServer start(SimulatedRouter router, int port) {
        SimulatedRouterServer server = fixture.start(router, true, port);
        try {
            Files.writeString(FOLDER.resolve("known_hosts"), Files.readString(fixture.knownHosts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    /** Tells the updater where a router is (it may not be listening yet). */
    public void address(String serial, int port) {
        hosts.append(serial).append(" 127.0.0.1:").append(port).append('\n');
        try {
            Files.writeString(FOLDER.resolve("hosts"), hosts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String bootstrap() {
        return TestBrokersResource.kafka().bootstrapServers();
    }

    public static void send(RemediationCommand... commands) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (RemediationCommand c : commands) {
                producer.send(new ProducerRecord<>(Topics.COMMANDS, c.serial(), WireCodec.encode(c))).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything on the results topic so far, in order (one partition). */
    public static List<RemediationResult> results() {
        return results(bootstrap());
    }

    public static List<RemediationResult> results(String bootstrap) {
        List<RemediationResult> read = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(Topics.RESULTS, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(10)).get(tp);
            while (consumer.position(tp) < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(WireCodec.decode(r.value(), RemediationResult.class)));
            }
        }
        return read;
    }

    /** The results of one command, in order. */
    public static List<RemediationResult> resultsOf(RemediationCommand command) {
        return results().stream().filter(r -> r.commandId().equals(command.commandId())).toList();
    }
}
