package io.flapguard.wire;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * What telemetry-service puts on {@link Topics#TELEMETRY}: a router event (one log line) or a status
 * snapshot. The JSON field {@code type} tells them apart.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RouterEvent.class, name = "event"),
        @JsonSubTypes.Type(value = StatusSnapshot.class, name = "status")
})
public sealed interface TelemetryMessage extends WireMessage permits RouterEvent, StatusSnapshot {
    /** Stable id: the same input always yields the same id. */
    String id();

    String serial();

    /** When it happened on the router (receive time if the router clock was at fault). */
    Instant time();
}
