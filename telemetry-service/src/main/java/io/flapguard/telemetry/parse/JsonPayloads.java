package io.flapguard.telemetry.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.flapguard.wire.RejectReason;
import io.flapguard.wire.Text;
import io.flapguard.wire.WireCodec;
import io.flapguard.wire.WireMessage;

/** Reading router JSON leniently (numbers may come as strings) but refusing what cannot be trusted. */
final class JsonPayloads {
    private JsonPayloads() {
    }

    static JsonNode object(String text) throws Rejected {
        JsonNode node;
        try {
            node = WireCodec.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
        if (node == null || !node.isObject()) {
            throw new Rejected(RejectReason.MALFORMED_JSON, "expected a JSON object");
        }
        return node;
    }

    static Rejected malformed(JsonProcessingException e) {
        String msg = e.getOriginalMessage();
        int nl = msg == null ? -1 : msg.indexOf('\n');
        return new Rejected(RejectReason.MALFORMED_JSON, "malformed JSON: " + Text.shorten(
                nl < 0 ? String.valueOf(msg) : msg.substring(0, nl), 200));
    }

    static void requireVersion(JsonNode node) throws Rejected {
        JsonNode v = node.get("v");
        if (v == null || !v.canConvertToExactIntegral() || v.asInt() != WireMessage.SCHEMA_VERSION) {
            throw new Rejected(RejectReason.UNSUPPORTED_VERSION, "schema version 'v' is "
                    + (v == null ? "missing" : Text.shorten(v.toString(), 20)) + "; this build reads v"
                    + WireMessage.SCHEMA_VERSION);
        }
    }

    static JsonNode group(JsonNode node, String name) throws Rejected {
        JsonNode g = node.get(name);
        if (g == null || g.isNull()) {
            return null;
        }
        if (!g.isObject()) {
            throw new Rejected(RejectReason.MALFORMED_JSON, "'" + name + "' must be an object");
        }
        return g;
    }

    /** A plain value as trimmed text ({@code ""} when empty), null when absent or JSON null. */
    static String raw(JsonNode node, String field) throws Rejected {
        JsonNode f = node == null ? null : node.get(field);
        if (f == null || f.isNull()) {
            return null;
        }
        if (!f.isValueNode()) {
            throw new Rejected(RejectReason.INVALID_VALUE, "field '" + field + "' must be a plain value");
        }
        String s = f.asText().trim();
        if (s.length() > 200) {
            throw new Rejected(RejectReason.INVALID_VALUE, "field '" + field + "' is longer than 200 characters");
        }
        return s;
    }

    /** Like {@link #raw} with empty as absent (envelope fields such as {@code sent_at}). */
    static String text(JsonNode node, String field) throws Rejected {
        String s = raw(node, field);
        return s == null || s.isEmpty() ? null : s;
    }
}
