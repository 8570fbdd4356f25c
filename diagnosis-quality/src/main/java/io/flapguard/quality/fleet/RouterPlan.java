package io.flapguard.quality.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One generated router: what it is, how it publishes, and what happens to it during the window. Immutable;
 * {@link #withFlash} gives the plan a modem flash (FlapGuard's simulated updater acting on a command).
 *
 * @param agent          runs the FlapGuard agent (kernel/events/syslog/status); false: only Teltonika's Data to
 *                       Server (and, when {@code publisherToo}, MQTT Publisher values)
 * @param wiredWan       reaches the broker over a wired WAN too, so it keeps publishing while mobile data is down
 * @param queueStatus    its agent queues status snapshots while the broker is unreachable (older agent builds)
 * @param statusEveryS   agent status period (the real agent: 60 s; here 5-10 min, plus every change)
 * @param reportEveryS   Data to Server / MQTT Publisher period of an agent-less router
 */
public record RouterPlan(
        long seed,
        String serial,
        ModemFamily family,
        String routerModel,
        String operator,
        boolean agent,
        boolean publisherToo,
        boolean dtsNested,
        boolean wiredWan,
        boolean queueStatus,
        boolean poorSignal,
        double rsrpBase,
        double sinrBase,
        int statusEveryS,
        int logPollS,
        int reportEveryS,
        long latencyMs,
        double lateShare,
        double duplicateShare,
        long startMs,
        long endMs,
        long initialUptimeS,
        String initialRouterFirmware,
        String initialModemFirmware,
        List<Happening> happenings) {

    public RouterPlan {
        List<Happening> sorted = new ArrayList<>(happenings);
        sorted.sort(Comparator.comparingLong(Happening::at));
        happenings = List.copyOf(sorted);
    }

    public String productCode() {
        return routerModel + "00XXXX";
    }

    /** The same router with its modem flashed to {@code target} at {@code atMs}. */
    public RouterPlan withFlash(long atMs, String target, long flashMs) {
        List<Happening> h = new ArrayList<>(happenings);
        h.add(new Happening.ModemFlash(atMs, target, flashMs));
        return new RouterPlan(seed, serial, family, routerModel, operator, agent, publisherToo, dtsNested, wiredWan,
                queueStatus, poorSignal, rsrpBase, sinrBase, statusEveryS, logPollS, reportEveryS, latencyMs, lateShare,
                duplicateShare, startMs, endMs, initialUptimeS, initialRouterFirmware, initialModemFirmware, h);
    }
}
