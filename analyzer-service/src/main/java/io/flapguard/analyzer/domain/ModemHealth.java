package io.flapguard.analyzer.domain;

/**
 * Whether the modem needs a person: it came back in download (EDL) mode after a failed flash, or gsmd keeps failing
 * to write to it. Either lasts until the router shows the modem working again (data connected, WWAN up, a firmware
 * change) at a later event time.
 */
public final class ModemHealth {
    long downloadModeAt;
    long unresponsiveFirstAt;
    long unresponsiveLastAt;
    long workingAt;

    public boolean inDownloadMode() {
        return downloadModeAt > workingAt;
    }

    /** Whether the modem went through download mode (it was being flashed) at or after {@code t}. */
    public boolean flashedSince(long t) {
        return downloadModeAt > 0 && downloadModeAt >= t;
    }

    public long downloadModeAt() {
        return downloadModeAt;
    }

    /** gsmd write errors spread over at least {@code minSpanMs} with no sign of a working modem since the first. */
    public boolean unresponsive(long minSpanMs) {
        return unresponsiveFirstAt > workingAt && unresponsiveLastAt - unresponsiveFirstAt >= minSpanMs;
    }

    public long unresponsiveSince() {
        return unresponsiveFirstAt;
    }

    void downloadMode(long t) {
        downloadModeAt = Math.max(downloadModeAt, t);
    }

    void writeFailed(long t) {
        if (t > workingAt && (unresponsiveFirstAt <= workingAt || t < unresponsiveFirstAt)) {
            unresponsiveFirstAt = t; // a new episode, or an earlier line of this one arriving late
        }
        unresponsiveLastAt = Math.max(unresponsiveLastAt, t);
    }

    void working(long t) {
        workingAt = Math.max(workingAt, t);
    }
}
