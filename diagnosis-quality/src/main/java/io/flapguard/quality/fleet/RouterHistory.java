package io.flapguard.quality.fleet;

import io.flapguard.quality.fleet.Happening.DataDrop;
import io.flapguard.quality.fleet.Happening.DropKind;
import io.flapguard.quality.fleet.Happening.FirmwareFlap;
import io.flapguard.quality.fleet.Happening.ModemFlash;
import io.flapguard.quality.fleet.Happening.Noise;
import io.flapguard.quality.fleet.Happening.PowerCycle;
import io.flapguard.quality.fleet.Happening.RouterUpgrade;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one router went through under its {@link RouterPlan}: its log lines as written on the router, its firmware
 * over time, its boots, when mobile data was down, when it was off or could not reach the broker, and its signal.
 * {@link RouterRenderer} turns this into published messages.
 */
final class RouterHistory {
    private static final long S = 1_000;
    private static final long M = 60 * S;
    static final long AGENT_START_AFTER_BOOT = 30 * S;

    /** What one router really went through, for the ground truth. */
    static final class Tally {
        final List<Long> firmwareIncidents = new ArrayList<>();
        /**
         * Firmware incidents the router's published data shows (start times): all of them for an agent router (its
         * kernel and events logs record each), for an agent-less router those a Data to Server record or an MQTT
         * Publisher value was taken during.
         */
        final SortedSet<Long> visibleFirmwareIncidents = new TreeSet<>();
        /** Modem flashes: planned time to the time it really started (after whatever the router was busy with). */
        final Map<Long, Long> flashes = new TreeMap<>();
        int radioDrops;
        int outageDrops;
        int isolatedDrops;
        int powerCycles;
        int modemResets;
        int noiseSent;
    }

    record Rendered(List<MqttMessage> messages, Tally tally) {
    }

    enum Src {
        KERNEL("kernel"), EVENTS("events"), SYSLOG("syslog");

        final String topic;

        Src(String topic) {
            this.topic = topic;
        }
    }

    record Line(Src src, long t, String text) {
    }

    record Span(long from, long to, boolean offBus) {
        boolean contains(long t) {
            return t >= from && t < to;
        }
    }

    private final RouterPlan p;
    private final Tally tally = new Tally();
    private final List<Line> lines = new ArrayList<>();
    private final List<Span> downs = new ArrayList<>();
    private final List<Span> firmwareDowns = new ArrayList<>();
    private final List<Span> offs = new ArrayList<>();
    private final List<Span> backhauls = new ArrayList<>();
    private final List<Long> statusTriggers = new ArrayList<>();
    private final List<Long> radioDips = new ArrayList<>();
    private final List<Noise> noise = new ArrayList<>();
    private final TreeMap<Long, String> routerFw = new TreeMap<>();
    private final TreeMap<Long, String> modemFw = new TreeMap<>();
    private final TreeMap<Long, Long> boots = new TreeMap<>();
    private int usb;

    private RouterHistory(RouterPlan plan) {
        this.p = plan;
    }

    /** Everything that happened to the router under this plan. */
    static RouterHistory of(RouterPlan plan) {
        RouterHistory h = new RouterHistory(plan);
        h.history();
        return h;
    }

    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    SplittableRandom rng(long key) {
        return new SplittableRandom(mix(p.seed(), key));
    }

    private void history() {
        long firstBoot = p.startMs() - p.initialUptimeS() * S;
        boots.put(firstBoot, firstBoot);
        routerFw.put(Long.MIN_VALUE, p.initialRouterFirmware());
        modemFw.put(Long.MIN_VALUE, p.initialModemFirmware());
        usb = 3 + (int) Math.floorMod(p.seed(), 30);
        long busyUntil = p.startMs();
        for (Happening h : p.happenings()) {
            long at = Math.max(h.at(), busyUntil);
            if (at < p.startMs() || at >= p.endMs()) {
                continue;
            }
            SplittableRandom r = rng(h.at());
            long until = at;
            if (h instanceof FirmwareFlap f) {
                until = flap(at, f.reenumerations(), r);
            } else if (h instanceof Happening.ModemReset) {
                until = reset(at, r);
            } else if (h instanceof DataDrop d) {
                until = drop(at, d, r);
            } else if (h instanceof PowerCycle c) {
                until = powerCycle(at, c.offMs(), null, r);
            } else if (h instanceof RouterUpgrade u) {
                until = powerCycle(at, (60 + r.nextInt(90)) * S, u.toFirmware(), r);
            } else if (h instanceof ModemFlash f) {
                until = flash(at, f, r);
            } else if (h instanceof Happening.BackhaulOutage b) {
                backhauls.add(new Span(at, at + b.durationMs(), false));
            } else if (h instanceof Noise n) {
                noise.add(new Noise(at, n.kind()));
            }
            busyUntil = Math.max(busyUntil, until);
        }
        backgroundNoise();
    }

    private long flap(long at, int reenumerations, SplittableRandom r) {
        if (!p.family().flaps(modemFw.floorEntry(at).getValue(), routerFw.floorEntry(at).getValue())) {
            return at;
        }
        tally.firmwareIncidents.add(at);
        long up = reenumerate(at, reenumerations, r);
        firmwareDowns.add(new Span(at, up, true));
        return up;
    }

    /** A modem reset that is not the firmware's (gsmd recovering a hung modem, a USB glitch): any firmware. */
    private long reset(long at, SplittableRandom r) {
        tally.modemResets++;
        return reenumerate(at, 1, r);
    }

    /** The modem leaves and rejoins the USB bus {@code reenumerations} times; returns when data is back. */
    private long reenumerate(long at, int reenumerations, SplittableRandom r) {
        long t = at;
        for (int i = 0; i < reenumerations; i++) {
            usbGone(t);
            usbBack(t + 7_200 + r.nextInt(800));
            if (i == 0 || r.nextDouble() < 0.6) {
                event(t + 500 + r.nextInt(1500), "Mobile Data", "Mobile data disconnected (internal modem)");
                syslog(t + 1_000, "daemon.notice", "netifd", "Interface 'mob1s1a1' has lost the connection");
            }
            if (i + 1 < reenumerations) {
                t += (20 + r.nextInt(50)) * S;
            }
        }
        long up = t + (15 + r.nextInt(30)) * S;
        connected(up, r);
        downs.add(new Span(at, up, true));
        statusTriggers.add(at + 5 * S);
        statusTriggers.add(up + 5 * S);
        return up;
    }

    private long drop(long at, DataDrop d, SplittableRandom r) {
        switch (d.kind()) {
            case RADIO -> {
                tally.radioDrops++;
                radioDips.add(at);
            }
            case OUTAGE -> tally.outageDrops++;
            case ISOLATED -> tally.isolatedDrops++;
        }
        event(at, "Mobile Data", "Mobile data disconnected (internal modem)");
        syslog(at + 400, "daemon.notice", "netifd", "Interface 'mob1s1a1' has lost the connection");
        long up = at + d.downMs();
        if (d.kind() == DropKind.RADIO && r.nextDouble() < 0.3) {
            event(up - 2 * S, "Network Type", "Joined WCDMA network (internal modem)");
        }
        connected(up, r);
        downs.add(new Span(at, up, false));
        statusTriggers.add(at + 5 * S);
        statusTriggers.add(up + 5 * S);
        return up;
    }

    /** Power loss (or a sysupgrade reboot into {@code newRouterFw}); returns when data is back. */
    private long powerCycle(long at, long offMs, String newRouterFw, SplittableRandom r) {
        long boot = at + offMs;
        offs.add(new Span(at, boot, true));
        boots.put(boot, boot);
        if (newRouterFw == null) {
            tally.powerCycles++;
        } else {
            routerFw.put(boot, newRouterFw);
        }
        for (String b : RouterLines.BOOT) {
            kernel(boot, boot, b);
        }
        usb = 2;
        String[] id = RouterLines.usbId(p.family());
        kernel(boot + 3_900 + r.nextInt(300), boot, String.format(RouterLines.USB_BACK[0], usb));
        kernel(boot + 4_100 + r.nextInt(300), boot, String.format(RouterLines.USB_BACK[1], id[0], id[1]));
        kernel(boot + 4_600, boot, RouterLines.USB_BACK[5]);
        kernel(boot + 25 * S, boot, RouterLines.RAW_IP);
        long up = boot + (40 + r.nextInt(30)) * S;
        if (r.nextDouble() < 0.5) {
            // the first bearer attempt after boot often fails
            event(boot + 35 * S, "Mobile Data", "Mobile data disconnected (internal modem)");
            up += (15 + r.nextInt(30)) * S;
        }
        connected(up, r);
        downs.add(new Span(at, up, true));
        statusTriggers.add(boot + AGENT_START_AFTER_BOOT + 5 * S);
        statusTriggers.add(up + 5 * S);
        return up;
    }

    private long flash(long at, ModemFlash f, SplittableRandom r) {
        String from = modemFw.floorEntry(at).getValue();
        tally.flashes.put(f.at(), at);
        usbGone(at);
        usb++;
        kernel(at + 3 * S, String.format(RouterLines.USB_BACK[0], usb));
        kernel(at + 3_300, String.format(RouterLines.USB_BACK[1], RouterLines.DOWNLOAD_MODE[0],
                RouterLines.DOWNLOAD_MODE[1]));
        event(at + 1_000, "Mobile Data", "Mobile data disconnected (internal modem)");
        long done = at + f.flashMs();
        kernel(done, String.format(RouterLines.USB_GONE[0], usb));
        usbBack(done + 5 * S);
        long updated = done + 30 * S;
        modemFw.put(updated, f.toFirmware());
        event(updated, "Firmware", "Updated internal modem firmware from " + from + " to " + f.toFirmware());
        long up = updated + (15 + r.nextInt(20)) * S;
        connected(up, r);
        downs.add(new Span(at, up, true));
        statusTriggers.add(at + f.flashMs() / 2); // gsmd still reports the old firmware mid-flash
        statusTriggers.add(up + 5 * S);
        return up;
    }

    private void usbGone(long t) {
        kernel(t, String.format(RouterLines.USB_GONE[0], usb));
        for (int i = 1; i < RouterLines.USB_GONE.length; i++) {
            kernel(t + i * 4L, RouterLines.USB_GONE[i]);
        }
    }

    private void usbBack(long t) {
        usb++;
        String[] id = RouterLines.usbId(p.family());
        kernel(t, String.format(RouterLines.USB_BACK[0], usb));
        kernel(t + 200, String.format(RouterLines.USB_BACK[1], id[0], id[1]));
        for (int i = 2; i < RouterLines.USB_BACK.length; i++) {
            kernel(t + 300 + i * 6L, RouterLines.USB_BACK[i]);
        }
        kernel(t + 19_800, RouterLines.RAW_IP);
    }

    private void connected(long t, SplittableRandom r) {
        if (r.nextDouble() < 0.8) {
            event(t, "Network Operator", "Connected to " + p.operator() + " operator (internal modem)");
            event(t, "Network Type", "Joined FDD LTE network (internal modem)");
        }
        event(t, "Mobile Data", "Mobile data connected (internal modem)");
        syslog(t + 300, "daemon.notice", "netifd", "Interface 'mob1s1a1' is now up");
    }

    private void backgroundNoise() {
        SplittableRandom r = rng(-1);
        double perDay = 2 + r.nextInt(7);
        long t = p.startMs();
        while (true) {
            t += (long) (-Math.log(1 - r.nextDouble()) * 86_400_000L / perDay);
            if (t >= p.endMs()) {
                break;
            }
            if (span(offs, t) != null) {
                continue;
            }
            if (r.nextDouble() < 0.8) {
                String[] fl = RouterLines.SYSLOG_NOISE[r.nextInt(RouterLines.SYSLOG_NOISE.length)].split(" ", 3);
                syslog(t, fl[0], fl[1].substring(0, fl[1].length() - 1), fl[2]);
            } else {
                String[] e = RouterLines.EVENTS_NOISE[r.nextInt(RouterLines.EVENTS_NOISE.length)];
                event(t, e[0], e[1]);
            }
        }
    }

    private void kernel(long t, String text) {
        kernel(t, boots.floorKey(t), text);
    }

    private void kernel(long t, long boot, String text) {
        lines.add(new Line(Src.KERNEL, t, RouterLines.kernel((t - boot) * 1_000 + Math.floorMod(t * 7919, 1000), text)));
    }

    private void event(long t, String sender, String text) {
        lines.add(new Line(Src.EVENTS, t, RouterLines.events(t, sender, text)));
    }

    private void syslog(long t, String facility, String tag, String text) {
        lines.add(new Line(Src.SYSLOG, t, RouterLines.syslog(t, facility, tag, text)));
    }

    // ---------------------------------------------------------------- what the router's state was at a time

    private static Span span(List<Span> spans, long t) {
        for (Span s : spans) {
            if (s.contains(t)) {
                return s;
            }
        }
        return null;
    }

    long bootOf(long t) {
        return boots.floorKey(t);
    }

    boolean reachable(long t) {
        return span(offs, t) == null && span(backhauls, t) == null && (p.wiredWan() || span(downs, t) == null);
    }

    /** The first moment at or after {@code t} when the router reaches the broker (its agent running). */
    long nextReachable(long t) {
        long x = t;
        for (int guard = 0; guard < 10_000; guard++) {
            Span off = span(offs, x);
            if (off != null) {
                x = off.to() + AGENT_START_AFTER_BOOT;
                continue;
            }
            Span b = span(backhauls, x);
            if (b != null) {
                x = b.to();
                continue;
            }
            Span d = p.wiredWan() ? null : span(downs, x);
            if (d != null) {
                x = d.to() + 2 * S;
                continue;
            }
            return x;
        }
        return x;
    }

    boolean powerLostBetween(long a, long b) {
        for (Span s : offs) {
            if (s.from() > a && s.from() <= b) {
                return true;
            }
        }
        return false;
    }

    /** rsrp, sinr, rsrq at t: the router's base, a slow wobble, and poor-signal dips around its radio drops. */
    int[] signal(long t) {
        SplittableRandom r = rng(Math.floorDiv(t, 10 * M) + 7);
        double rsrp = p.rsrpBase() + r.nextInt(-3, 4);
        double sinr = p.sinrBase() + r.nextInt(-2, 3);
        if (p.poorSignal()) {
            for (long dip : radioDips) {
                if (Math.abs(t - dip) <= 40 * M) {
                    rsrp = r.nextInt(-120, -111);
                    sinr = r.nextInt(-5, 1);
                    break;
                }
            }
        }
        int rsrq = (int) Math.max(-20, Math.min(-3, Math.round(-8 + (rsrp + 90) / 6)));
        return new int[] {(int) Math.max(-140, Math.min(-44, rsrp)), (int) Math.max(-20, Math.min(30, sinr)), rsrq};
    }


    // ---------------------------------------------------------------- for the renderer

    RouterPlan plan() {
        return p;
    }

    Tally tally() {
        return tally;
    }

    List<Line> lines() {
        return lines;
    }

    List<Long> statusTriggers() {
        return statusTriggers;
    }

    List<Noise> noise() {
        return noise;
    }

    boolean off(long t) {
        return span(offs, t) != null;
    }

    /** The firmware flap whose data-down span holds t, or null. */
    Span firmwareDown(long t) {
        return span(firmwareDowns, t);
    }

    /** The data-down span around t, or null when mobile data was up. */
    Span down(long t) {
        return span(downs, t);
    }

    String routerFirmwareAt(long t) {
        return routerFw.floorEntry(t).getValue();
    }

    String modemFirmwareAt(long t) {
        return modemFw.floorEntry(t).getValue();
    }
}
