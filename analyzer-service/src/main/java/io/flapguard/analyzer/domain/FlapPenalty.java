package io.flapguard.analyzer.domain;

import io.flapguard.analyzer.config.AnalyzerConfig;

/**
 * BGP route-flap damping (RFC 2439) applied to a modem: each incident adds a penalty that halves every
 * half-life; flapping starts at the start threshold and stops only below the (lower) stop threshold, so a
 * router near either threshold does not toggle. The penalty is capped at stop * 2^(maxSuppress/halfLife)
 * so a router that stops dropping leaves the flapping state within maxSuppress.
 */
public final class FlapPenalty {
    private final double perIncident;
    private final double halfLifeMs;
    private final double start;
    private final double stop;
    private final double cap;

    public FlapPenalty(double perIncident, long halfLifeMs, double start, double stop, long maxSuppressMs) {
        if (stop >= start) {
            throw new IllegalArgumentException("penalty stop (" + stop + ") must be below start (" + start + ")");
        }
        this.perIncident = perIncident;
        this.halfLifeMs = halfLifeMs;
        this.start = start;
        this.stop = stop;
        this.cap = Math.max(start, stop * Math.pow(2, (double) maxSuppressMs / halfLifeMs));
    }

    public static FlapPenalty of(AnalyzerConfig.Penalty p) {
        return new FlapPenalty(p.perIncident(), p.halfLife().toMillis(), p.start(), p.stop(), p.maxSuppress().toMillis());
    }

    public double cap() {
        return cap;
    }

    public double decay(double value, long from, long to) {
        return to <= from ? value : value * Math.pow(0.5, (to - from) / halfLifeMs);
    }

    /**
     * The penalty after an incident at {@code time} given the penalty {@code value} valid at {@code at}. A late
     * incident (time before at) adds its already-decayed share, so arrival order does not matter.
     * Returns {value, at}.
     */
    public double[] add(double value, long at, long time) {
        double next;
        long nextAt;
        if (time >= at) {
            next = decay(value, at, time) + perIncident;
            nextAt = time;
        } else {
            next = value + decay(perIncident, time, at);
            nextAt = at;
        }
        return new double[] {Math.min(cap, next), nextAt};
    }

    /**
     * The penalty without an incident at {@code time} that {@link #add} counted in it (the cap makes this an
     * approximation when the penalty was capped). Returns {value, at}.
     */
    public double[] remove(double value, long at, long time) {
        if (time > at) {
            return new double[] {Math.max(0, decay(value, at, time) - perIncident), time};
        }
        return new double[] {Math.max(0, value - decay(perIncident, time, at)), at};
    }

    /** Hysteresis: the next flapping state from the current one and the penalty now. */
    public boolean nextFlapping(boolean flapping, double penaltyNow) {
        return flapping ? penaltyNow >= stop : penaltyNow >= start;
    }

    public double start() {
        return start;
    }

    public double stop() {
        return stop;
    }
}
