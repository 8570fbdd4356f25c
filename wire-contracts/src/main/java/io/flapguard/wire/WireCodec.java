package io.flapguard.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The one place where wire records become JSON and back. Decoding checks, in order: well-formed JSON, an
 * object, the schema version, binding to the record, then the record's own invariants; any failure is a
 * {@link WireFormatException} with a one-line message.
 */
public final class WireCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            // registered after JavaTimeModule, so it takes precedence for Instant (and hands it all it cannot read)
            .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("canonical-instant")
                    .addDeserializer(java.time.Instant.class, new CanonicalInstantDeserializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Newer writers may add fields; old readers ignore them (compatible evolution).
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** A reader per record type, bound once (the mapper would otherwise resolve the type on every decode). */
    private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return MAPPER.readerFor(type);
        }
    };

    private WireCodec() {
    }

    /** A mapper configured like the codec, for reading router payloads that are not wire records. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] encode(WireMessage message) {
        message.validate();
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new WireFormatException("cannot encode " + message.getClass().getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    public static String encodeToString(WireMessage message) {
        return new String(encode(message), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static <T extends WireMessage> T decode(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw new WireFormatException(type.getSimpleName() + ": empty message");
        }
        String name = type.getSimpleName();
        Check.version(name, version(json, name));
        T value;
        try {
            value = READERS.get(type).readValue(json);
        } catch (InvalidTypeIdException e) {
            throw new WireFormatException(name + ": unknown or missing 'type' (" + Text.shorten(e.getTypeId(), 40)
                    + ")", e);
        } catch (IOException e) {
            throw new WireFormatException(name + ": " + describe(e), e);
        }
        value.validate();
        return value;
    }

    public static <T extends WireMessage> T decode(String json, Class<T> type) {
        return decode(json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
    }

    /**
     * The checks before binding, in one streaming pass with no tree (the analyzer decodes every telemetry record,
     * and a tree then bound again cost twice the parse): the document is well-formed JSON, an object, and its
     * top-level {@code v} is an integral number (the last one, if repeated, as a tree would keep).
     */
    private static int version(byte[] json, String name) {
        boolean seen = false;
        boolean integral = false;
        int version = 0;
        try (JsonParser p = MAPPER.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                if (t != null) {
                    p.skipChildren(); // a malformed array is reported as malformed, as readTree did
                }
                throw new WireFormatException(name + ": expected a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean isV = "v".equals(p.currentName());
                JsonToken value = p.nextToken();
                if (isV) {
                    seen = true;
                    integral = false;
                    if (value == JsonToken.VALUE_NUMBER_INT) {
                        integral = true;
                        version = p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                                ? p.getBigIntegerValue().intValue() : (int) p.getLongValue();
                    } else if (value == JsonToken.VALUE_NUMBER_FLOAT) {
                        double d = p.getDoubleValue();
                        integral = !Double.isNaN(d) && !Double.isInfinite(d) && d == Math.rint(d);
                        version = (int) d;
                    }
                }
                p.skipChildren();
            }
        } catch (WireFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new WireFormatException(name + ": malformed JSON: " + describe(e), e);
        }
        if (!seen || !integral) {
            throw new WireFormatException(name + ": field 'v' (schema version) is missing or not a number");
        }
        return version;
    }

    private static String describe(IOException e) {
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            String field = m.getPath().get(m.getPath().size() - 1).getFieldName();
            return "field '" + field + "' has the wrong type or value";
        }
        if (e instanceof JsonProcessingException j) {
            String msg = j.getOriginalMessage();
            int nl = msg.indexOf('\n');
            String firstLine = nl < 0 ? msg : msg.substring(0, nl);
            return j.getLocation() == null ? firstLine
                    : firstLine + " (line " + j.getLocation().getLineNr() + ", column "
                            + j.getLocation().getColumnNr() + ")";
        }
        return e.getMessage();
    }
}
