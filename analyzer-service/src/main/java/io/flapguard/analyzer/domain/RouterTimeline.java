package io.flapguard.analyzer.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the console draws for one router: the incidents, signal samples and reboots the analyzer still remembers
 * (bounded rings, so the newest ones), its last firmware change and the flap penalty over that span with the
 * start and stop thresholds. The penalty curve is recomputed from the remembered incidents alone, so it starts at
 * zero before the oldest one; the stored penalty is given beside it.
 */
public record RouterTimeline(String serial, Instant from, Instant to, List<Incident> incidents, List<Signal> signal,
        List<Instant> reboots, Instant firmwareChange, String modemFirmware, List<PenaltyPoint> penalty,
        double storedPenalty, double penaltyStart, double penaltyStop) {

    /** @param incidentClass pending until settled, then modem, data, radio, operator or power */
    public record Incident(Instant start, Instant end, String incidentClass, boolean modemLeftBus) {
    }

    public record Signal(Instant at, Integer rsrp, Double sinr) {
    }

    public record PenaltyPoint(Instant at, double value) {
    }

    /** Points between incidents so a decaying curve looks like one. */
    private static final int STEPS_BETWEEN = 6;

    public static RouterTimeline of(String serial, RouterState s, FlapPenalty rule) {
        Incidents in = s.incidents;
        List<Incident> incidents = new ArrayList<>();
        for (int i = 0; i < in.count; i++) {
            incidents.add(new Incident(Instant.ofEpochMilli(in.start[i]), Instant.ofEpochMilli(in.end[i]),
                    in.classOf(i).name().toLowerCase(), in.modemLeftBus(i)));
        }
        List<Signal> signal = new ArrayList<>();
        SignalRing ring = s.signal;
        for (int k = 0; k < ring.count; k++) {
            int at = (ring.next - ring.count + k + SignalRing.MAX) % SignalRing.MAX;
            signal.add(new Signal(Instant.ofEpochMilli(ring.time[at]), SignalRing.value(ring.rsrp[at]),
                    SignalRing.value10(ring.sinr10[at])));
        }
        List<Instant> reboots = new ArrayList<>();
        for (int k = 0; k < s.reboots.count; k++) {
            reboots.add(Instant.ofEpochMilli(s.reboots.time[k]));
        }
        reboots.sort(null);
        long from = s.firstSeen == 0 ? s.maxTime : s.firstSeen;
        if (in.count > 0) {
            from = Math.min(from, in.start[0]);
        }
        return new RouterTimeline(serial, Instant.ofEpochMilli(from), Instant.ofEpochMilli(s.maxTime), incidents,
                signal, reboots, s.changePoint == 0 ? null : Instant.ofEpochMilli(s.changePoint),
                s.membership.modemFirmware(), penaltyCurve(in, s.maxTime, rule), s.penalty, rule.start(),
                rule.stop());
    }

    private static List<PenaltyPoint> penaltyCurve(Incidents in, long to, FlapPenalty rule) {
        List<PenaltyPoint> points = new ArrayList<>();
        double value = 0;
        long at = 0;
        for (int i = 0; i < in.count; i++) {
            long t = in.start[i];
            if (i > 0) {
                for (int step = 1; step < STEPS_BETWEEN; step++) {
                    long mid = at + (t - at) * step / STEPS_BETWEEN;
                    points.add(new PenaltyPoint(Instant.ofEpochMilli(mid), rule.decay(value, at, mid)));
                }
            }
            points.add(new PenaltyPoint(Instant.ofEpochMilli(t), i == 0 ? 0 : rule.decay(value, at, t)));
            double[] next = rule.add(value, at == 0 ? t : at, t);
            value = next[0];
            at = (long) next[1];
            points.add(new PenaltyPoint(Instant.ofEpochMilli(t), value));
        }
        if (in.count > 0 && to > at) {
            for (int step = 1; step <= STEPS_BETWEEN; step++) {
                long mid = at + (to - at) * step / STEPS_BETWEEN;
                points.add(new PenaltyPoint(Instant.ofEpochMilli(mid), rule.decay(value, at, mid)));
            }
        }
        return points;
    }
}
