package io.flapguard.updater.service;

import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.ResultStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The routers a person must look at (updates that failed after the flash, modems in download mode or mute, retries
 * used up), one entry per router; a later update that gets the router onto its target clears it. Rebuilt from the
 * job states at start.
 */
@ApplicationScoped
public class AttentionBoard {
    private final Map<String, AttentionEntry> entries = new ConcurrentHashMap<>();

    /** Marks a router for attention when {@code needed}, or clears the mark once an update got it onto its target. */
    public void note(RemediationCommand c, ResultStatus status, String step, String reason, boolean needed) {
        if (needed) {
            entries.put(c.serial(), new AttentionEntry(c.serial(), c.commandId(), c.targetFirmware(), status, step, reason));
        } else if (status.isOnTarget()) {
            entries.remove(c.serial());
        }
    }

    /** The entries by serial. */
    public List<AttentionEntry> list() {
        return entries.values().stream().sorted(Comparator.comparing(AttentionEntry::serial)).toList();
    }

    public int count() {
        return entries.size();
    }
}
