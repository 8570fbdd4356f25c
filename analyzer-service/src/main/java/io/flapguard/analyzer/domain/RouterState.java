package io.flapguard.analyzer.domain;

import io.flapguard.wire.Cause;
import io.flapguard.wire.DataState;

/**
 * Everything the analyzer remembers about one router, as small parts that keep their own invariants: its cohort
 * membership, incidents, signal, reboots, modem health, commands and verification. Bounded (rings) so a fleet of
 * 100,000 routers stays well under 100 MB of state; {@link RouterStateCodec} writes it in a compact binary form
 * (target: at most 1 KiB). Times are epoch milliseconds on the router's event time; 0 means "never".
 * Only {@link RouterAnalyzer} changes it.
 */
public final class RouterState {
    /** Newest telemetry event time seen for this router: the router's own event-time clock. */
    long maxTime;
    long firstSeen;
    /** Wall-clock time telemetry of this router last arrived: how long it has been silent. */
    long lastSeenWall;

    final Membership membership = new Membership();
    String operator;
    long operatorAt;

    final Incidents incidents = new Incidents();
    final RecentIds recentIds = new RecentIds();
    final SignalRing signal = new SignalRing();
    final Reboots reboots = new Reboots();
    final ModemHealth modem = new ModemHealth();

    /**
     * Whether the router's kernel log reaches us (it runs the agent: it sends log lines or agent status). Without it
     * (Teltonika's own publishers only) the modem leaving the USB bus cannot be seen.
     */
    boolean kernelLog;
    boolean eventsLog;
    /**
     * Whether its Data to Server records carry the modem's readings (revision, model, signal): then a record saying
     * the bearer is down without them was taken while the modem could not be read — off the bus or not answering.
     */
    boolean modemReadings;
    /** Data bearer as last reported by a status (native publishers' connstate), by event time. */
    DataState dataState;
    long dataStateAt;

    /** Decaying flap penalty over all incidents, valid at {@code penaltyAt}. */
    double penalty;
    long penaltyAt;
    /** Flapping by the penalty alone (with its hysteresis). */
    boolean flapping;
    Cause cause = Cause.NONE;
    double confidence;

    /** Last firmware change (router or modem) and the settled unexplained incidents around it. */
    long changePoint;
    int unexplainedBefore;
    int unexplainedSince;

    final CommandLog commands = new CommandLog();
    final Verification verification = new Verification();

    /** What the last published diagnosis said, so one is published only when it changes. */
    boolean publishedFlapping;
    Cause publishedCause = Cause.NONE;
    VerificationOutcome publishedVerify = VerificationOutcome.NONE;

    public long maxTime() {
        return maxTime;
    }

    public Membership membership() {
        return membership;
    }

    public String operator() {
        return operator;
    }

    public Incidents incidents() {
        return incidents;
    }

    public ModemHealth modem() {
        return modem;
    }

    /** The flap penalty as last stored (valid at the newest incident or later evidence). */
    public double penalty() {
        return penalty;
    }

    /** Flapping as last published: by its own penalty, or carried by its implicated cohort. */
    public boolean flapping() {
        return publishedFlapping;
    }

    public Cause cause() {
        return cause;
    }

    public CommandLog commands() {
        return commands;
    }

    public Verification verification() {
        return verification;
    }

    /**
     * Whether an incident of this class is the firmware signature for this router: the modem leaving the USB bus (for
     * a router without the agent: a Data to Server record that could not read the modem while the bearer was down);
     * for a router that sends no kernel log, any unexplained drop, at lower confidence.
     */
    boolean signature(IncidentClass c) {
        return kernelLog ? c == IncidentClass.MODEM : c.unexplained();
    }

    /** Hashes of recent disconnect-evidence ids (ring) so a redelivered line counts once. */
    static final class RecentIds {
        static final int MAX = 16;
        final int[] hashes = new int[MAX];
        int count;
        int next;

        /** Remembers an id; false when it was seen recently (a duplicate). */
        boolean remember(String id) {
            int hash = id.hashCode() * 31 + id.length();
            for (int i = 0; i < count; i++) {
                if (hashes[i] == hash) {
                    return false;
                }
            }
            hashes[next] = hash;
            next = (next + 1) % MAX;
            count = Math.min(MAX, count + 1);
            return true;
        }
    }
}
