package io.flapguard.analyzer.domain;

import io.flapguard.wire.Cause;
import io.flapguard.wire.DataState;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Compact binary form of {@link RouterState} for the state store and its changelog. A leading format byte lets a
 * later build read what an earlier one wrote: formats 1 and 2 (before incidents were classified) keep the router's
 * cohort, operator, commands and verification; its incident history starts afresh.
 */
public final class RouterStateCodec {
    private static final byte FORMAT = 3;

    private RouterStateCodec() {
    }

    public static byte[] encode(RouterState s) {
        Out bytes = new Out(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(s.maxTime);
            out.writeLong(s.firstSeen);
            out.writeLong(s.lastSeenWall);
            Membership m = s.membership;
            str(out, m.routerModel);
            str(out, m.routerFirmware);
            str(out, m.modemModel);
            str(out, m.modemFirmware);
            out.writeLong(m.factsAt);
            out.writeLong(m.since);
            out.writeInt(m.unexplained);
            out.writeInt(m.modemSide);
            out.writeDouble(m.penalty);
            out.writeLong(m.penaltyAt);
            out.writeBoolean(m.flapper);
            out.writeDouble(m.reportedDays);
            str(out, s.operator);
            out.writeLong(s.operatorAt);
            Incidents in = s.incidents;
            out.writeByte(in.count);
            for (int i = 0; i < in.count; i++) {
                out.writeLong(in.start[i]);
                out.writeInt((int) (in.end[i] - in.start[i]));
                // bits 0-1 the evidence, 2-6 the own class, 7 in an operator burst (never set before that bit existed)
                out.writeByte((in.flags[i] & 3) | (in.cls[i] << 2) | (in.inBurst(i) ? 0x80 : 0));
                out.writeByte(in.signalN[i]);
                out.writeShort(in.rsrpSum[i]);
                out.writeByte(in.sinrN[i]);
                out.writeShort(in.sinrSum10[i]);
            }
            out.writeInt(in.total);
            RouterState.RecentIds ids = s.recentIds;
            out.writeByte(ids.count);
            out.writeByte(ids.next);
            for (int i = 0; i < ids.count; i++) {
                out.writeInt(ids.hashes[i]);
            }
            Reboots r = s.reboots;
            out.writeByte(r.count);
            out.writeByte(r.next);
            for (int i = 0; i < r.count; i++) {
                out.writeLong(r.time[i]);
            }
            out.writeLong(r.lastUptimeSeconds);
            out.writeLong(r.lastUptimeAt);
            SignalRing sig = s.signal;
            out.writeByte(sig.count);
            out.writeByte(sig.next);
            for (int i = 0; i < sig.count; i++) {
                out.writeLong(sig.time[i]);
                out.writeShort(sig.rsrp[i]);
                out.writeShort(sig.sinr10[i]);
                out.writeShort(sig.rsrq10[i]);
            }
            ModemHealth mh = s.modem;
            out.writeLong(mh.downloadModeAt);
            out.writeLong(mh.unresponsiveFirstAt);
            out.writeLong(mh.unresponsiveLastAt);
            out.writeLong(mh.workingAt);
            out.writeByte((s.kernelLog ? 1 : 0) | (s.eventsLog ? 2 : 0) | (s.modemReadings ? 4 : 0));
            out.writeByte(s.dataState == null ? 0 : s.dataState.ordinal() + 1);
            out.writeLong(s.dataStateAt);
            out.writeDouble(s.penalty);
            out.writeLong(s.penaltyAt);
            out.writeBoolean(s.flapping);
            out.writeByte(s.cause.ordinal());
            out.writeDouble(s.confidence);
            out.writeLong(s.changePoint);
            out.writeInt(s.unexplainedBefore);
            out.writeInt(s.unexplainedSince);
            CommandLog c = s.commands;
            out.writeByte(c.issuedTargets.size());
            for (String t : c.issuedTargets) {
                out.writeUTF(t);
            }
            str(out, c.openId);
            str(out, c.openTarget);
            out.writeLong(c.openIssuedAt);
            Verification v = s.verification;
            str(out, v.target);
            out.writeLong(v.start);
            out.writeDouble(v.penalty);
            out.writeLong(v.penaltyAt);
            out.writeByte(v.outcome.ordinal());
            out.writeLong(v.decidedAt);
            out.writeLong(v.arrivedWall);
            out.writeBoolean(s.publishedFlapping);
            out.writeByte(s.publishedCause.ordinal());
            out.writeByte(s.publishedVerify.ordinal());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static RouterState decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new In(data))) {
            byte format = in.readByte();
            if (format == 1 || format == 2) {
                return LegacyFormat.decode(in, format);
            }
            if (format != FORMAT) {
                throw new IllegalStateException("router state format " + format + " is not readable by this build");
            }
            RouterState s = new RouterState();
            s.maxTime = in.readLong();
            s.firstSeen = in.readLong();
            s.lastSeenWall = in.readLong();
            Membership m = s.membership;
            m.routerModel = str(in);
            m.routerFirmware = str(in);
            m.modemModel = str(in);
            m.modemFirmware = str(in);
            m.factsAt = in.readLong();
            m.since = in.readLong();
            m.unexplained = in.readInt();
            m.modemSide = in.readInt();
            m.penalty = in.readDouble();
            m.penaltyAt = in.readLong();
            m.flapper = in.readBoolean();
            m.reportedDays = in.readDouble();
            s.operator = str(in);
            s.operatorAt = in.readLong();
            Incidents inc = s.incidents;
            inc.count = in.readByte();
            for (int i = 0; i < inc.count; i++) {
                inc.start[i] = in.readLong();
                inc.end[i] = inc.start[i] + in.readInt();
                int packed = in.readByte() & 0xFF;
                inc.flags[i] = (byte) ((packed & 3) | ((packed & 0x80) != 0 ? Incidents.OPERATOR_BURST : 0));
                inc.cls[i] = (byte) ((packed >> 2) & 0x1F);
                inc.signalN[i] = in.readByte();
                inc.rsrpSum[i] = in.readShort();
                inc.sinrN[i] = in.readByte();
                inc.sinrSum10[i] = in.readShort();
            }
            inc.total = in.readInt();
            RouterState.RecentIds ids = s.recentIds;
            ids.count = in.readByte();
            ids.next = in.readByte();
            for (int i = 0; i < ids.count; i++) {
                ids.hashes[i] = in.readInt();
            }
            Reboots r = s.reboots;
            r.count = in.readByte();
            r.next = in.readByte();
            for (int i = 0; i < r.count; i++) {
                r.time[i] = in.readLong();
            }
            r.lastUptimeSeconds = in.readLong();
            r.lastUptimeAt = in.readLong();
            SignalRing sig = s.signal;
            sig.count = in.readByte();
            sig.next = in.readByte();
            for (int i = 0; i < sig.count; i++) {
                sig.time[i] = in.readLong();
                sig.rsrp[i] = in.readShort();
                sig.sinr10[i] = in.readShort();
                sig.rsrq10[i] = in.readShort();
            }
            ModemHealth mh = s.modem;
            mh.downloadModeAt = in.readLong();
            mh.unresponsiveFirstAt = in.readLong();
            mh.unresponsiveLastAt = in.readLong();
            mh.workingAt = in.readLong();
            int logs = in.readByte();
            s.kernelLog = (logs & 1) != 0;
            s.eventsLog = (logs & 2) != 0;
            s.modemReadings = (logs & 4) != 0;
            int ds = in.readByte();
            s.dataState = ds == 0 ? null : DataState.values()[ds - 1];
            s.dataStateAt = in.readLong();
            s.penalty = in.readDouble();
            s.penaltyAt = in.readLong();
            s.flapping = in.readBoolean();
            s.cause = Cause.values()[in.readByte()];
            s.confidence = in.readDouble();
            s.changePoint = in.readLong();
            s.unexplainedBefore = in.readInt();
            s.unexplainedSince = in.readInt();
            readCommands(in, s.commands);
            Verification v = s.verification;
            v.target = str(in);
            v.start = in.readLong();
            v.penalty = in.readDouble();
            v.penaltyAt = in.readLong();
            v.outcome = VerificationOutcome.values()[in.readByte()];
            v.decidedAt = in.readLong();
            v.arrivedWall = in.readLong();
            s.publishedFlapping = in.readBoolean();
            s.publishedCause = Cause.values()[in.readByte()];
            s.publishedVerify = VerificationOutcome.values()[in.readByte()];
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("truncated router state", e);
        }
    }

    static void readCommands(DataInputStream in, CommandLog c) throws IOException {
        int targets = in.readByte();
        for (int i = 0; i < targets; i++) {
            c.issuedTargets.add(in.readUTF());
        }
        c.openId = str(in);
        c.openTarget = str(in);
        c.openIssuedAt = in.readLong();
    }

    static void str(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    static String str(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    /**
     * ByteArrayInputStream without its lock: the codec runs for every state-store get, and Data*Stream reads a
     * short or a long as several calls, each of which took an uncontended monitor there. Same bytes, same EOF.
     */
    private static final class In extends InputStream {
        private final byte[] buf;
        private int pos;

        In(byte[] buf) {
            this.buf = buf;
        }

        @Override
        public int read() {
            return pos < buf.length ? buf[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= buf.length) {
                return -1;
            }
            int n = Math.min(len, buf.length - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** ByteArrayOutputStream without its lock, for the same reason (every state-store put encodes). */
    private static final class Out extends OutputStream {
        private byte[] buf;
        private int count;

        Out(int size) {
            this.buf = new byte[size];
        }

        private void ensure(int more) {
            if (count + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
            }
        }

        @Override
        public void write(int b) {
            ensure(1);
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf, count);
        }
    }
}
