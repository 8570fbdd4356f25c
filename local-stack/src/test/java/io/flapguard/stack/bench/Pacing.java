package io.flapguard.stack.bench;

import java.time.Duration;

/** The run's clock ticks: a benchmark paces itself in real time, which is what it measures. */
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
