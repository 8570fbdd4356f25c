package io.flapguard.telemetry.parse;

import io.flapguard.wire.LogSource;
import io.flapguard.wire.RejectReason;
import io.flapguard.wire.RouterSerial;
import io.flapguard.wire.Text;
import java.util.Set;

/**
 * Recognises the router contract's topics under configurable roots:
 * {@code <logRoot>/{serial}/log/{source}}, {@code <logRoot>/{serial}/status},
 * {@code <publisherRoot>/{serial}/{parameter}}, {@code <dtsRoot>/{serial}/<dtsLeaf>}.
 */
public final class TopicParser {
    /** Parameters Teltonika's MQTT Publisher sends that FlapGuard understands. */
    public static final Set<String> PUBLISHER_PARAMETERS = Set.of("operator", "signal", "network", "connection",
            "temperature", "uptime", "wan");

    private final String logRoot;
    private final String publisherRoot;
    private final String dataToServerRoot;
    private final String dataToServerLeaf;

    public TopicParser(String logRoot, String publisherRoot, String dataToServerRoot, String dataToServerLeaf) {
        this.logRoot = logRoot;
        this.publisherRoot = publisherRoot;
        this.dataToServerRoot = dataToServerRoot;
        this.dataToServerLeaf = dataToServerLeaf;
    }

    public static TopicParser defaults() {
        return new TopicParser("rutx", "router", "teltonika", "telemetry");
    }

    public String logRoot() {
        return logRoot;
    }

    public String publisherRoot() {
        return publisherRoot;
    }

    public String dataToServerRoot() {
        return dataToServerRoot;
    }

    public String dataToServerLeaf() {
        return dataToServerLeaf;
    }

    /** The MQTT topic filters that cover every topic this parser accepts. */
    public java.util.List<String> filters() {
        return java.util.List.of(logRoot + "/+/log/+", logRoot + "/+/status", publisherRoot + "/+/+",
                dataToServerRoot + "/+/" + dataToServerLeaf);
    }

    public RouterTopic parse(String topic) throws Rejected {
        if (topic == null) {
            throw new Rejected(RejectReason.UNKNOWN_TOPIC, "no topic");
        }
        String[] parts = topic.split("/", 6);
        RouterTopic parsed = classify(parts);
        if (parsed == null) {
            throw new Rejected(RejectReason.UNKNOWN_TOPIC, "topic '" + Text.shorten(topic, 120)
                    + "' is not one of the router contract");
        }
        if (!RouterSerial.isValid(parsed.serial())) {
            throw new Rejected(RejectReason.BAD_SERIAL, "serial '" + Text.shorten(parsed.serial(), 80)
                    + "' in the topic does not match " + RouterSerial.PATTERN.pattern());
        }
        return parsed;
    }

    private RouterTopic classify(String[] p) {
        if (p.length == 4 && p[0].equals(logRoot) && p[2].equals("log")) {
            LogSource source = LogSource.fromTopicName(p[3]);
            return source == null ? null : new RouterTopic(TopicKind.LOG, p[1], source, null);
        }
        if (p.length == 3 && p[0].equals(logRoot) && p[2].equals("status")) {
            return new RouterTopic(TopicKind.STATUS, p[1], null, null);
        }
        if (p.length == 3 && p[0].equals(dataToServerRoot) && p[2].equals(dataToServerLeaf)) {
            return new RouterTopic(TopicKind.DATA_TO_SERVER, p[1], null, null);
        }
        if (p.length == 3 && p[0].equals(publisherRoot) && PUBLISHER_PARAMETERS.contains(p[2])) {
            return new RouterTopic(TopicKind.PUBLISHER, p[1], null, p[2]);
        }
        return null;
    }
}
