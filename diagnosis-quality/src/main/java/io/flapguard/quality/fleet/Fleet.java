package io.flapguard.quality.fleet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A generated fleet: its parameters, every router's plan and ground truth, and the MQTT messages each router
 * published (per router, in arrival order).
 *
 * @param intendedDeadLetters messages the contract refuses that were injected on purpose (and sent)
 */
public record Fleet(FleetParams params, Instant start, Instant end, List<RouterPlan> plans,
        Map<String, RouterTruth> truth, Map<String, List<MqttMessage>> messages, int intendedDeadLetters) {

    /** Every message of the fleet in broker-arrival order. */
    public List<MqttMessage> allMessages() {
        List<MqttMessage> all = new ArrayList<>();
        messages.values().forEach(all::addAll);
        all.sort(MqttMessage::byArrival);
        return all;
    }

    public int messageCount() {
        return messages.values().stream().mapToInt(List::size).sum();
    }

    /** What a router publishes under a changed plan (e.g. after the simulated updater flashed it). */
    public static List<MqttMessage> render(RouterPlan plan) {
        return RouterRenderer.render(plan).messages();
    }
}
