package io.flapguard.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast path reads exactly what Jackson's own Instant deserializer reads, and leaves everything else to it. */
class CanonicalInstantDeserializerTest {
    private static final ObjectMapper PLAIN = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @Test
    void canonicalInstantsReadAsInstantParseReadsThem() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-30_000_000_000L, 250_000_000_000L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            String text = t.toString();
            assertThat(CanonicalInstantDeserializer.parse(text)).as(text).isIn(Instant.parse(text), null);
            if (text.length() >= 20 && text.charAt(4) == '-' && t.getEpochSecond() >= -30_610_224_000L) {
                assertThat(CanonicalInstantDeserializer.parse(text)).as(text).isEqualTo(Instant.parse(text));
            }
        }
        for (String text : List.of("2026-11-25T10:00:00Z", "2026-11-25T10:00:00.5Z", "2024-02-29T23:59:59.123456789Z",
                "2026-01-31T00:00:00.01Z")) {
            assertThat(CanonicalInstantDeserializer.parse(text)).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void everythingElseIsLeftToTheGeneralDeserializer() {
        for (String text : List.of("2026-02-29T10:00:00Z", "2026-04-31T10:00:00Z", "2026-11-25T24:00:00Z",
                "2016-12-31T23:59:60Z", "2026-11-25T10:00:00+01:00", "2026-11-25T10:00:00.Z", "2026-11-25T10:00:00",
                " 2026-11-25T10:00:00Z", "2026-11-25t10:00:00Z", "0999-11-25T10:00:00Z", "+12026-11-25T10:00:00Z",
                "2026-11-25T10:00:00.1234567890Z", "2026-1a-25T10:00:00Z", "2026-11-25T1-:00:00Z", "")) {
            assertThat(CanonicalInstantDeserializer.parse(text)).as(text).isNull();
        }
    }

    @Test
    void theCodecsMapperReadsAndRejectsAsJacksonAloneDoes() throws Exception {
        List<String> inputs = new ArrayList<>(List.of("\"2026-11-25T10:00:00Z\"", "\"2026-11-25T10:00:00.120Z\"",
                "\"2016-12-31T23:59:60Z\"", "\"2026-11-25T10:00:00+01:00\"", "\"2026-02-30T10:00:00Z\"",
                "\"not a time\"", "\"\"", "1764064800", "1764064800.5", "\"2026-11-25T24:00:00Z\"", "null"));
        for (String json : inputs) {
            assertThat(outcome(WireCodec.mapper(), json)).as(json).isEqualTo(outcome(PLAIN, json));
        }
    }

    private static String outcome(ObjectMapper mapper, String json) {
        try {
            return String.valueOf(mapper.readValue(json, Instant.class));
        } catch (Exception e) {
            return e.getClass().getName();
        }
    }
}
