package io.flapguard.stack.bench;

import java.time.Duration;

/**
 * The fleet-scale run's sampling clock: it samples lag, CPU and memory every few seconds of real time for as long as
 * the phase lasts, which is what it measures (waits for a condition use Awaitility, e.g. the broker's start).
 */
final class Pacing {
    private Pacing() {
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
