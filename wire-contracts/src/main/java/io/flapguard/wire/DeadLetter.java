package io.flapguard.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Router input that was refused, with enough of it kept to see why.
 *
 * @param serial          the topic's serial when it was valid, else null
 * @param payloadBytes    size of the original payload
 * @param payloadEncoding {@code utf8} or {@code base64} (payloads that are not UTF-8)
 * @param payload         the start of the original payload, at most {@link #MAX_PAYLOAD_BYTES} bytes of it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(
        int v,
        RejectReason reason,
        String detail,
        String sourceTopic,
        String serial,
        Instant receivedAt,
        int payloadBytes,
        String payloadEncoding,
        String payload,
        boolean truncated) implements WireMessage {

    public static final int MAX_PAYLOAD_BYTES = 4096;

    /** A dead letter for a raw MQTT payload, truncated and encoded so it survives JSON. */
    public static DeadLetter of(RejectReason reason, String detail, String sourceTopic, String serial,
            Instant receivedAt, byte[] raw) {
        int keep = Math.min(raw.length, MAX_PAYLOAD_BYTES);
        byte[] head = java.util.Arrays.copyOf(raw, keep);
        boolean utf8 = reason != RejectReason.NOT_UTF8 && Utf8.isValidPrefix(head);
        String text = utf8 ? new String(head, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(head);
        return new DeadLetter(SCHEMA_VERSION, reason, Text.shorten(detail, 500), Text.shorten(sourceTopic, 300),
                RouterSerial.isValid(serial) ? serial : null, receivedAt, raw.length, utf8 ? "utf8" : "base64", text,
                keep < raw.length);
    }

    @Override
    public void validate() {
        String r = "DeadLetter";
        Check.version(r, v);
        Check.present(r, "reason", reason);
        Check.present(r, "sourceTopic", sourceTopic);
        Check.present(r, "receivedAt", receivedAt);
        Check.present(r, "payloadEncoding", payloadEncoding);
        if (serial != null) {
            Check.serial(r, serial);
        }
    }
}
