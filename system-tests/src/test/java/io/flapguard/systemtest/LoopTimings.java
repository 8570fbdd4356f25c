package io.flapguard.systemtest;

import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Prints, per router, the time from first flapping evidence to command and from command to verified. */
final class LoopTimings {
    private LoopTimings() {
    }

    static void report(String run, Set<String> serials, RunningSystem system, Map<String, Instant> verifiedAt,
            double secondsPerDay) {
        Map<String, Instant> evidence = SeedCaseSystemTest.firstEvidence(system);
        Map<String, Instant> commanded = new TreeMap<>();
        for (var seen : system.recorder.seen(Topics.COMMANDS)) {
            commanded.putIfAbsent(seen.as(RemediationCommand.class).serial(), seen.seenAt());
        }
        double simPerReal = 86_400 / secondsPerDay;
        StringBuilder out = new StringBuilder("\nLoop timings (" + run + "; real seconds, simulated hours in brackets;"
                + " a simulated day lasts " + secondsPerDay + " s):\n");
        out.append(String.format("  %-12s %22s %22s%n", "router", "evidence -> command", "command -> verified"));
        for (String serial : new java.util.TreeSet<>(serials)) {
            out.append(String.format("  %-12s %22s %22s%n", serial,
                    span(evidence.get(serial), commanded.get(serial), simPerReal),
                    span(commanded.get(serial), verifiedAt.get(serial), simPerReal)));
        }
        System.out.println(out);
    }

    private static String span(Instant from, Instant to, double simPerReal) {
        if (from == null || to == null) {
            return "-";
        }
        double real = Duration.between(from, to).toMillis() / 1000.0;
        return String.format("%7.1f s (%5.1f h)", real, real * simPerReal / 3600);
    }
}
