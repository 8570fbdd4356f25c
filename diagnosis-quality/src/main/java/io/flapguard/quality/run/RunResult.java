package io.flapguard.quality.run;

import io.flapguard.quality.fleet.Fleet;
import io.flapguard.wire.Diagnosis;
import io.flapguard.wire.RejectReason;
import io.flapguard.wire.RemediationCommand;
import java.util.List;
import java.util.Map;

/**
 * What the analyzer said about one fleet, each output stamped with the simulated time it came out.
 *
 * @param catalogEntries the analyzer's configured catalog ({@code MODEL:BAD=GOOD}), for the scorer's recall
 * @param learnedTargets whether the analyzer acts on firmware it learned to be stable
 * @param flashes        routers the simulated updater flashed (serial to simulated time)
 */
public record RunResult(
        Fleet fleet,
        List<Issued<RemediationCommand>> commands,
        List<Issued<Diagnosis>> diagnoses,
        Map<RejectReason, Integer> deadLetters,
        long messages,
        long records,
        Map<String, Long> flashes,
        List<String> catalogEntries,
        boolean learnedTargets,
        long elapsedMs) {

    /** An analyzer output and the simulated time (epoch ms) it was produced. */
    public record Issued<T>(T value, long atMs) {
    }

    public int deadLetterCount() {
        return deadLetters.values().stream().mapToInt(Integer::intValue).sum();
    }
}
