package io.flapguard.analyzer.domain;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * Reads router state written by builds before incidents were classified (formats 1 and 2): keeps what must not be
 * forgotten across an upgrade (cohort, operator, commands issued, verification) and lets the incident history start
 * afresh, since its incidents carry no signature.
 */
final class LegacyFormat {
    private LegacyFormat() {
    }

    static RouterState decode(DataInputStream in, byte format) throws IOException {
        RouterState s = new RouterState();
        s.maxTime = in.readLong();
        s.firstSeen = in.readLong();
        in.readInt(); // last counted day
        Membership m = s.membership;
        m.join(RouterStateCodec.str(in), RouterStateCodec.str(in), RouterStateCodec.str(in), RouterStateCodec.str(in),
                s.maxTime);
        m.factsAt = s.maxTime;
        s.operator = RouterStateCodec.str(in);
        s.operatorAt = s.maxTime;
        int incidents = in.readByte();
        in.skipNBytes(incidents * 12L);
        in.readInt(); // incidents total
        int ids = in.readByte();
        in.readByte();
        in.skipNBytes(ids * 4L);
        int reboots = in.readByte();
        in.readByte();
        in.skipNBytes(reboots * 8L);
        in.skipNBytes(16); // uptime
        int signals = in.readByte();
        in.readByte();
        in.skipNBytes(signals * 14L);
        in.skipNBytes(8 + 8 + 1 + 1 + 8 + 8 + 4 + 4); // penalty, flapping, cause, confidence, change point
        RouterStateCodec.readCommands(in, s.commands);
        Verification v = s.verification;
        v.target = RouterStateCodec.str(in);
        v.start = in.readLong();
        v.penalty = in.readDouble();
        v.penaltyAt = in.readLong();
        v.outcome = VerificationOutcome.values()[in.readByte()];
        v.decidedAt = in.readLong();
        v.arrivedWall = format >= 2 ? in.readLong() : 0;
        return s;
    }
}
