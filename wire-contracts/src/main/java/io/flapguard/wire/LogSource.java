package io.flapguard.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The router log a line came from; the lower-case name is the last segment of the MQTT log topic. */
public enum LogSource {
    KERNEL, SYSLOG, EVENTS;

    @JsonValue
    public String topicName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the source for a topic segment, or null when it is not one of ours */
    @JsonCreator
    public static LogSource fromTopicName(String name) {
        for (LogSource s : values()) {
            if (s.topicName().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
