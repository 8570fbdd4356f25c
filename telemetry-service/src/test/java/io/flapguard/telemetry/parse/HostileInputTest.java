package io.flapguard.telemetry.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.flapguard.wire.DeadLetter;
import io.flapguard.wire.TelemetryMessage;
import io.flapguard.wire.WireCodec;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: for any topic and payload, translation never throws, always yields at least one record or
 * dead letter, and everything it yields is valid on the wire.
 */
class HostileInputTest {
    static final MessageTranslator LIVE = new MessageTranslator(TopicParser.defaults(), ClockPolicy.defaults());

    @Test
    void anyInputIsProducedOrDeadLetteredNeverThrown() {
        long seed = 20221005L;
        Random rnd = new Random(seed);
        Instant now = Instant.parse("2022-10-05T12:15:00Z");
        int produced = 0;
        int dead = 0;
        for (int i = 0; i < 5_000; i++) {
            String topic = rnd.nextInt(20) == 0 ? randomTopic(rnd) : HostileInputs.topic(rnd, "S" + i);
            byte[] payload = HostileInputs.payload(rnd);
            int n = i;
            assertThatCode(() -> {
                Translation t = LIVE.translate(topic, payload, now);
                assertThat(t.records().size() + t.deadLetters().size()).as("case %d", n).isPositive();
                for (TelemetryMessage m : t.records()) {
                    WireCodec.decode(WireCodec.encode(m), TelemetryMessage.class);
                }
                for (DeadLetter d : t.deadLetters()) {
                    WireCodec.decode(WireCodec.encode(d), DeadLetter.class);
                }
            }).as("seed %d case %d topic %s", seed, n, topic).doesNotThrowAnyException();
            Translation t = LIVE.translate(topic, payload, now);
            produced += t.records().size();
            dead += t.deadLetters().size();
        }
        assertThat(produced).as("the generator reaches the happy paths too").isGreaterThan(500);
        assertThat(dead).isGreaterThan(500);
    }

    private static String randomTopic(Random rnd) {
        String[] parts = {"rutx", "router", "teltonika", "log", "status", "", "kernel", "telemetry", "$SYS", "é", "x"};
        StringBuilder sb = new StringBuilder();
        int levels = rnd.nextInt(7);
        for (int i = 0; i < levels; i++) {
            sb.append(i == 0 ? "" : "/").append(parts[rnd.nextInt(parts.length)]);
        }
        return rnd.nextInt(50) == 0 ? null : sb.toString();
    }
}
