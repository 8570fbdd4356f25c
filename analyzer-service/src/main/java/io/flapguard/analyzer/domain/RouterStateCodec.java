package io.flapguard.analyzer.domain;

import io.flapguard.wire.Cause;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Compact binary form of {@link RouterState} for the state store and its changelog. A leading format byte
 * lets a later build read what an earlier one wrote.
 */
public final class RouterStateCodec {
    private static final byte FORMAT = 2;

    private RouterStateCodec() {
    }

    public static byte[] encode(RouterState s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(s.maxTime);
            out.writeLong(s.firstSeen);
            out.writeInt(s.lastCountedDay);
            str(out, s.routerModel);
            str(out, s.routerFirmware);
            str(out, s.modemModel);
            str(out, s.modemFirmware);
            str(out, s.operator);
            out.writeByte(s.incidentCount);
            for (int i = 0; i < s.incidentCount; i++) {
                out.writeLong(s.incidentStart[i]);
                out.writeInt((int) (s.incidentEnd[i] - s.incidentStart[i]));
            }
            out.writeInt(s.incidentsTotal);
            out.writeByte(s.recentIdCount);
            out.writeByte(s.recentIdNext);
            for (int i = 0; i < s.recentIdCount; i++) {
                out.writeInt(s.recentIds[i]);
            }
            out.writeByte(s.rebootCount);
            out.writeByte(s.rebootNext);
            for (int i = 0; i < s.rebootCount; i++) {
                out.writeLong(s.reboots[i]);
            }
            out.writeLong(s.lastUptimeSeconds);
            out.writeLong(s.lastUptimeAt);
            out.writeByte(s.signalCount);
            out.writeByte(s.signalNext);
            for (int i = 0; i < s.signalCount; i++) {
                out.writeLong(s.signalTime[i]);
                out.writeShort(s.signalRsrp[i]);
                out.writeShort(s.signalSinr10[i]);
                out.writeShort(s.signalRsrq10[i]);
            }
            out.writeDouble(s.penalty);
            out.writeLong(s.penaltyAt);
            out.writeBoolean(s.flapping);
            out.writeByte(s.cause.ordinal());
            out.writeDouble(s.confidence);
            out.writeLong(s.changePoint);
            out.writeInt(s.incidentsBeforeChange);
            out.writeInt(s.incidentsSinceChange);
            out.writeByte(s.issuedTargets.size());
            for (String t : s.issuedTargets) {
                out.writeUTF(t);
            }
            str(out, s.openCommandId);
            str(out, s.openTarget);
            out.writeLong(s.openIssuedAt);
            str(out, s.verifyTarget);
            out.writeLong(s.verifyStart);
            out.writeDouble(s.verifyPenalty);
            out.writeLong(s.verifyPenaltyAt);
            out.writeByte(s.verifyOutcome.ordinal());
            out.writeLong(s.verifyDecidedAt);
            out.writeLong(s.verifyArrivedWall);
            out.writeBoolean(s.publishedFlapping);
            out.writeByte(s.publishedCause.ordinal());
            out.writeByte(s.publishedVerify.ordinal());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static RouterState decode(byte[] data) {
        RouterState s = new RouterState();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte format = in.readByte();
            if (format < 1 || format > FORMAT) { // format 1 lacks only verifyArrivedWall
                throw new IllegalStateException("router state format " + format + " is not readable by this build");
            }
            s.maxTime = in.readLong();
            s.firstSeen = in.readLong();
            s.lastCountedDay = in.readInt();
            s.routerModel = str(in);
            s.routerFirmware = str(in);
            s.modemModel = str(in);
            s.modemFirmware = str(in);
            s.operator = str(in);
            s.incidentCount = in.readByte();
            for (int i = 0; i < s.incidentCount; i++) {
                s.incidentStart[i] = in.readLong();
                s.incidentEnd[i] = s.incidentStart[i] + in.readInt();
            }
            s.incidentsTotal = in.readInt();
            s.recentIdCount = in.readByte();
            s.recentIdNext = in.readByte();
            for (int i = 0; i < s.recentIdCount; i++) {
                s.recentIds[i] = in.readInt();
            }
            s.rebootCount = in.readByte();
            s.rebootNext = in.readByte();
            for (int i = 0; i < s.rebootCount; i++) {
                s.reboots[i] = in.readLong();
            }
            s.lastUptimeSeconds = in.readLong();
            s.lastUptimeAt = in.readLong();
            s.signalCount = in.readByte();
            s.signalNext = in.readByte();
            for (int i = 0; i < s.signalCount; i++) {
                s.signalTime[i] = in.readLong();
                s.signalRsrp[i] = in.readShort();
                s.signalSinr10[i] = in.readShort();
                s.signalRsrq10[i] = in.readShort();
            }
            s.penalty = in.readDouble();
            s.penaltyAt = in.readLong();
            s.flapping = in.readBoolean();
            s.cause = Cause.values()[in.readByte()];
            s.confidence = in.readDouble();
            s.changePoint = in.readLong();
            s.incidentsBeforeChange = in.readInt();
            s.incidentsSinceChange = in.readInt();
            int targets = in.readByte();
            for (int i = 0; i < targets; i++) {
                s.issuedTargets.add(in.readUTF());
            }
            s.openCommandId = str(in);
            s.openTarget = str(in);
            s.openIssuedAt = in.readLong();
            s.verifyTarget = str(in);
            s.verifyStart = in.readLong();
            s.verifyPenalty = in.readDouble();
            s.verifyPenaltyAt = in.readLong();
            s.verifyOutcome = VerificationOutcome.values()[in.readByte()];
            s.verifyDecidedAt = in.readLong();
            s.verifyArrivedWall = format >= 2 ? in.readLong() : 0;
            s.publishedFlapping = in.readBoolean();
            s.publishedCause = Cause.values()[in.readByte()];
            s.publishedVerify = VerificationOutcome.values()[in.readByte()];
        } catch (IOException e) {
            throw new UncheckedIOException("truncated router state", e);
        }
        return s;
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String str(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
