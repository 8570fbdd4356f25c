package io.flapguard.systemtest;

import io.flapguard.wire.Topics;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a closed loop that did not close stopped, stage by stage (fleet → MQTT → telemetry → Kafka → analyzer →
 * commands → updater), printed when a loop test times out so a single failed CI run says which hop was dry.
 */
final class LoopProgress {
    private static final List<String> FAMILIES = List.of("flapguard_telemetry_messages_received_total",
            "flapguard_telemetry_records_produced_total", "flapguard_telemetry_kafka_send_retries_total",
            "flapguard_telemetry_inflight_messages", "flapguard_telemetry_mqtt_connected",
            "flapguard_telemetry_mqtt_connects_total", "kafka_stream_thread_process_total",
            "flapguard_analyzer_commands_total", "flapguard_updater_results_total");

    private LoopProgress() {
    }

    static String describe(RunningSystem system) {
        StringBuilder out = new StringBuilder("where the loop stopped:");
        try {
            out.append("\n  fleet: published ").append(system.stack.fleet().publishedTotal()).append(", acknowledged by")
                    .append(" the broker ").append(system.stack.fleet().acknowledged());
            for (String topic : List.of(Topics.TELEMETRY, Topics.COMMANDS, Topics.RESULTS)) {
                out.append("\n  kafka ").append(topic).append(": ").append(system.recorder.seen(topic).size())
                        .append(" records");
            }
            for (String service : List.of("telemetry-service", "analyzer-service", "updater-service")) {
                out.append("\n  ").append(service).append(": ").append(sums(system.metrics(service)));
            }
        } catch (RuntimeException e) {
            out.append("\n  (could not read further: ").append(e).append(')');
        }
        return out.toString();
    }

    /** Each family's samples summed over their labels. */
    private static Map<String, Double> sums(String exposition) {
        Map<String, Double> sums = new TreeMap<>();
        exposition.lines().filter(l -> !l.startsWith("#")).forEach(l -> {
            int brace = l.indexOf('{');
            int space = l.lastIndexOf(' ');
            String name = l.substring(0, brace > 0 ? brace : Math.max(0, space));
            if (FAMILIES.contains(name) && space > 0) {
                sums.merge(name, Double.parseDouble(l.substring(space + 1)), Double::sum);
            }
        });
        return sums;
    }
}
