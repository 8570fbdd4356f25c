package io.flapguard.updater.retry;

import java.time.Duration;

/**
 * Doubling waits between a first and a longest one, for retrying writes to Kafka (job state, results, commands).
 * Not thread-safe: one per retry loop.
 */
public final class Backoff {
    private final Duration first;
    private final Duration longest;
    private Duration next;

    public Backoff(Duration first, Duration longest) {
        this.first = first;
        this.longest = longest;
        this.next = first;
    }

    /** The wait to use now; the one after is twice as long, up to the longest. */
    public Duration next() {
        Duration now = next;
        next = now.multipliedBy(2).compareTo(longest) > 0 ? longest : now.multipliedBy(2);
        return now;
    }

    /** The wait {@link #next} would return, without using it. */
    public Duration peek() {
        return next;
    }

    /** Back to the first wait after a success. */
    public void reset() {
        next = first;
    }

    /** Sleeps for {@link #next}; false if the thread was interrupted (its flag stays set). */
    public boolean pause() {
        try {
            Thread.sleep(next().toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
