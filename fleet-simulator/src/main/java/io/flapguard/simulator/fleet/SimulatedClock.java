package io.flapguard.simulator.fleet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The fleet's simulated wall clock: either compressed real time or moved by hand (tests). */
public interface SimulatedClock {

    Instant now();

    /** Real time that passes while {@code simulated} time passes (for sleeping and flash durations). */
    Duration realTimeFor(Duration simulated);

    /** Simulated time runs {@code compression} times faster than {@code real}, starting at {@code simulatedStart}. */
    static SimulatedClock compressed(Clock real, Instant simulatedStart, double compression) {
        Instant realStart = real.instant();
        return new SimulatedClock() {
            @Override
            public Instant now() {
                long realNanos = Duration.between(realStart, real.instant()).toNanos();
                return simulatedStart.plusNanos((long) (realNanos * compression));
            }

            @Override
            public Duration realTimeFor(Duration simulated) {
                return Duration.ofNanos((long) (simulated.toNanos() / compression));
            }
        };
    }

    /** A clock that only moves when {@link Manual#set} is called: tests step the fleet deterministically. */
    static Manual manual(Instant start, double compression) {
        return new Manual(start, compression);
    }

    final class Manual implements SimulatedClock {
        private final double compression;
        private volatile Instant now;

        private Manual(Instant start, double compression) {
            this.now = start;
            this.compression = compression;
        }

        @Override
        public Instant now() {
            return now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Duration realTimeFor(Duration simulated) {
            return Duration.ofNanos((long) (simulated.toNanos() / compression));
        }
    }
}
