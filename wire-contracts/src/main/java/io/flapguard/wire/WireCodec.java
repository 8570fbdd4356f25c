package io.flapguard.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Newer writers may add fields; old readers ignore them (compatible evolution).
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

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
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new WireFormatException(type.getSimpleName() + ": malformed JSON: " + describe(e), e);
        }
        return decode(tree, type);
    }

    public static <T extends WireMessage> T decode(String json, Class<T> type) {
        return decode(json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
    }

    private static <T extends WireMessage> T decode(JsonNode tree, Class<T> type) {
        String name = type.getSimpleName();
        if (tree == null || !tree.isObject()) {
            throw new WireFormatException(name + ": expected a JSON object");
        }
        JsonNode v = tree.get("v");
        if (v == null || !v.canConvertToExactIntegral()) {
            throw new WireFormatException(name + ": field 'v' (schema version) is missing or not a number");
        }
        Check.version(name, v.asInt());
        T value;
        try {
            value = MAPPER.treeToValue(tree, type);
        } catch (InvalidTypeIdException e) {
            throw new WireFormatException(name + ": unknown or missing 'type' (" + Text.shorten(e.getTypeId(), 40)
                    + ")", e);
        } catch (IOException e) {
            throw new WireFormatException(name + ": " + describe(e), e);
        }
        value.validate();
        return value;
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
