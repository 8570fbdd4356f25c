package io.flapguard.telemetry.parse;

import io.flapguard.wire.DeadLetter;
import io.flapguard.wire.EventKind;
import io.flapguard.wire.LogSource;
import io.flapguard.wire.RejectReason;
import io.flapguard.wire.RouterEvent;
import io.flapguard.wire.StableId;
import io.flapguard.wire.StatusSnapshot;
import io.flapguard.wire.TelemetryMessage;
import io.flapguard.wire.Utf8;
import io.flapguard.wire.WireFormatException;
import io.flapguard.wire.WireMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one MQTT message (topic, payload, receive time) into telemetry records or dead letters. Pure:
 * no I/O, no clock of its own, the same input always gives the same ids.
 */
public final class MessageTranslator {
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private final TopicParser topics;
    private final ClockPolicy clock;

    public MessageTranslator(TopicParser topics, ClockPolicy clock) {
        this.topics = topics;
        this.clock = clock;
    }

    public TopicParser topics() {
        return topics;
    }

    public Translation translate(String topicName, byte[] payload, Instant receivedAt) {
        RouterTopic topic = null;
        try {
            topic = topics.parse(topicName);
            if (payload.length > MAX_PAYLOAD_BYTES) {
                throw new Rejected(RejectReason.TOO_LARGE, "payload of " + payload.length + " bytes is over the "
                        + MAX_PAYLOAD_BYTES + "-byte limit");
            }
            String text = Utf8.decodeStrict(payload);
            if (text == null) {
                throw new Rejected(RejectReason.NOT_UTF8, "payload is not valid UTF-8 text");
            }
            return switch (topic.kind()) {
                case LOG -> log(topic, text, receivedAt);
                default -> status(topic, text, receivedAt);
            };
        } catch (Rejected r) {
            TopicKind kind = topic == null ? TopicKind.UNKNOWN : topic.kind();
            String serial = topic == null ? serialGuess(topicName) : topic.serial();
            return Translation.rejected(kind, topic, DeadLetter.of(r.reason(), r.getMessage(),
                    displayTopic(topicName), serial, receivedAt, payload));
        }
    }

    /** Dead letters require a source topic; a missing one is named so. */
    public static String displayTopic(String topicName) {
        return topicName == null || topicName.isBlank() ? "(no topic)" : topicName;
    }

    /** A dead letter keeps the serial of an unknown topic when its second level looks like one. */
    private static String serialGuess(String topicName) {
        if (topicName == null) {
            return null;
        }
        String[] p = topicName.split("/", 4);
        return p.length >= 2 ? p[1] : null;
    }

    private Translation log(RouterTopic topic, String text, Instant receivedAt) throws Rejected {
        LogPayload payload = LogPayload.read(text);
        List<TelemetryMessage> events = new ArrayList<>(payload.lines().size());
        List<DeadLetter> refused = new ArrayList<>(0);
        int unclassified = 0;
        String topicName = null;
        for (String line : payload.lines()) {
            if (LogPayload.tooLong(line)) {
                if (topicName == null) {
                    topicName = topicName(topic);
                }
                refused.add(DeadLetter.of(RejectReason.LINE_TOO_LONG, "line of " + line.length()
                        + " characters is over the " + RouterEvent.MAX_LINE_CHARS + "-character limit", topicName,
                        topic.serial(), receivedAt, line.getBytes(StandardCharsets.UTF_8)));
                continue;
            }
            RouterEvent event = event(topic.serial(), topic.source(), line, payload, receivedAt);
            if (event.kind() == EventKind.UNCLASSIFIED) {
                unclassified++;
            }
            events.add(event);
        }
        if (events.isEmpty() && refused.isEmpty()) {
            throw new Rejected(RejectReason.INVALID_VALUE, "log message has no lines");
        }
        return new Translation(TopicKind.LOG, topic, topic.serial(), events, refused, unclassified, List.of());
    }

    /** One log line as an event: placed on the wall clock, clock faults flagged, stable id. */
    public RouterEvent event(String serial, LogSource source, String line, LogPayload payload, Instant receivedAt) {
        ParsedLine p = switch (source) {
            case KERNEL -> KernelLineParser.parse(line);
            case SYSLOG -> SyslogLineParser.parse(line);
            case EVENTS -> EventsLineParser.parse(line);
        };
        Instant routerTime = p.routerTime();
        String placement = "";
        if (source == LogSource.KERNEL && p.kernelMicros() >= 0 && payload.sentAt() != null
                && payload.uptimeMicros() >= 0) {
            // wall = sent_at - (uptime - kernel seconds)
            routerTime = payload.sentAt().minusNanos((payload.uptimeMicros() - p.kernelMicros()) * 1000L);
            placement = routerTime.toString();
        }
        ClockPolicy.Placement placed = clock.place(routerTime, receivedAt);
        return new RouterEvent(WireMessage.SCHEMA_VERSION, StableId.of(serial, source.topicName(), line, placement),
                serial, source, p.kind(), placed.time(), receivedAt, placed.clockFault(), p.modem(),
                p.usbDeviceNumber(), p.fromFirmware(), p.toFirmware(), p.detail(), line);
    }

    private Translation status(RouterTopic topic, String text, Instant receivedAt) throws Rejected {
        StatusSnapshot.Builder b = StatusSnapshot.builder().serial(topic.serial()).receivedAt(receivedAt);
        StatusRead read = switch (topic.kind()) {
            case STATUS -> isJson(text) ? StatusParsers.agentJson(text, topic.serial(), b)
                    : StatusParsers.webuiText(text, topic.serial(), b);
            case PUBLISHER -> StatusParsers.publisherValue(topic.parameter(), text, b);
            case DATA_TO_SERVER -> StatusParsers.dataToServer(text, topic.serial(), b);
            default -> throw new Rejected(RejectReason.UNKNOWN_TOPIC, "not a status topic");
        };
        Instant routerTime = read.routerTime();
        if (routerTime == null) {
            b.time(receivedAt).clockFault(false);
        } else {
            ClockPolicy.Placement placed = clock.place(routerTime, receivedAt);
            b.time(placed.time()).clockFault(placed.clockFault());
        }
        // Timeless formats (publisher values, text) dedupe by content: a repeat of the same facts is no news.
        b.id(StableId.of(topic.serial(), "status", topic.kind().label(), topic.parameter(), text));
        StatusSnapshot snapshot = b.build();
        try {
            snapshot.validate();
        } catch (WireFormatException e) {
            throw new Rejected(RejectReason.INVALID_VALUE, e.getMessage());
        }
        return new Translation(topic.kind(), topic, topic.serial(), List.of(snapshot), List.of(), 0,
                read.unreadable());
    }

    private static boolean isJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    private String topicName(RouterTopic topic) {
        return topics.logRoot() + "/" + topic.serial() + "/log/" + topic.source().topicName();
    }
}
