package io.flapguard.updater.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The attempts running now: when each started (for its duration) and the flash percentage it last printed. */
@ApplicationScoped
public class RunningJobs {
    private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();
    /** For the console; results carry every tenth percent only. */
    private final Map<String, Integer> flashPercent = new ConcurrentHashMap<>();

    void started(String commandId, Instant at) {
        startedAt.put(commandId, at);
    }

    void flashed(String commandId, int percent) {
        flashPercent.put(commandId, percent);
    }

    /** The attempt ended: forgets it; its start when it had started (a cancelled queued command never did). */
    Optional<Instant> ended(String commandId) {
        flashPercent.remove(commandId);
        return Optional.ofNullable(startedAt.remove(commandId));
    }

    public Integer flashPercent(String commandId) {
        return flashPercent.get(commandId);
    }
}
