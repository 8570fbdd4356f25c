package io.flapguard.simulator.fleet;

import io.flapguard.simulator.fleet.RouterMessages.SignalSample;
import io.flapguard.simulator.router.ModemState;
import io.flapguard.simulator.router.SimulatedRouter;
import io.flapguard.simulator.router.SimulatedRouterServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * One router of the fleet as a small state machine on the simulated clock: it is connected or not, its modem
 * is on the USB bus or re-enumerating, its operator may be out. Misbehaviour comes from a model, not a
 * script: a bad router+modem firmware combination resets the modem as a Poisson process, poor signal loses
 * the data link as another, and the scenario's events (router upgrades, operator outages) and modem flashes
 * over SSH change the state. All methods run under the fleet's lock.
 */
public final class FleetRouter {

    private static final Duration REATTACH_AFTER = Duration.ofMillis(7_500);
    private static final Duration RAW_IP_AFTER = Duration.ofSeconds(27);
    private static final Duration CONNECTED_AFTER_BOOT = Duration.ofSeconds(40);

    private final Fleet fleet;
    private final int index;
    private final Scenario.Group group;
    private final SimulatedRouter router;
    private final Random random;
    private final String mac;
    private SimulatedRouterServer server;

    private Instant bootTime;
    private int usbDevice;
    private boolean connected = true;
    private boolean modemGone;
    private boolean outage;
    private SignalSample radioLoss;
    private int modemChain;
    private int radioChain;

    FleetRouter(Fleet fleet, int index, Scenario.Group group, SimulatedRouter router, long seed) {
        this.fleet = fleet;
        this.index = index;
        this.group = group;
        this.router = router;
        this.random = new Random(seed * 1_000_003L + router.serial().hashCode());
        int h = router.serial().hashCode();
        this.mac = String.format(Locale.ROOT, "82:94:%02x:%02x:%02x:%02x", (h >>> 24) & 0xff, (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff);
    }

    public String serial() {
        return router.serial();
    }

    public Scenario.Group group() {
        return group;
    }

    /** The RutOS side (modem, firmware, faults) that the SSH server serves. */
    public SimulatedRouter router() {
        return router;
    }

    public SimulatedRouterServer server() {
        return server;
    }

    void server(SimulatedRouterServer server) {
        this.server = server;
    }

    int index() {
        return index;
    }

    /** The USB device number the modem has now; it grows by one at every re-enumeration. */
    public int usbDeviceNumber() {
        synchronized (fleet.lock()) {
            return usbDevice;
        }
    }

    /** Whether the model's data link is up (as the last status said). */
    public boolean dataConnected() {
        synchronized (fleet.lock()) {
            return connected && !modemGone && router.modemState() == ModemState.NORMAL;
        }
    }

    double uptimeSeconds(Instant at) {
        return Duration.between(bootTime, at).toNanos() / 1e9;
    }

    // ---- lifecycle -------------------------------------------------------------------------------------------

    void start(Instant now) {
        bootTime = now.minusSeconds(86_400L + random.nextInt(9 * 86_400));
        usbDevice = 2 + random.nextInt(4);
        router.signal(sampleSignal().asRouterValues());
        long periodMillis = fleet.scenario().statusPeriod().toMillis();
        fleet.at(now.plusMillis((long) (random.nextDouble() * periodMillis)), this::periodicStatus);
        restartDropChains(now);
    }

    private void periodicStatus(Instant t) {
        if (connected && router.modemState() != ModemState.NORMAL) {
            // A flash put the modem into download mode (or it hangs): the data link is gone.
            disconnect(t);
        } else {
            publishStatus(t);
        }
        fleet.at(t.plus(fleet.scenario().statusPeriod()), this::periodicStatus);
    }

    /** (Re)starts both Poisson processes from {@code from} with the rates of the current firmware and signal. */
    private void restartDropChains(Instant from) {
        Scenario.Model model = fleet.scenario().model();
        int modem = ++modemChain;
        if (model.isBad(router.routerFirmware(), router.modemFirmware())) {
            scheduleModemReset(from, modem, model.badFirmwareDropsPerDay());
        }
        int radio = ++radioChain;
        if (model.isPoor(group.signal())) {
            scheduleRadioLoss(from, radio, model.poorSignalDropsPerDay());
        }
    }

    private void scheduleModemReset(Instant from, int chain, double perDay) {
        fleet.at(from.plus(nextArrival(perDay)), t -> {
            if (chain == modemChain) {
                modemReset(t);
                scheduleModemReset(t, chain, perDay);
            }
        });
    }

    private void scheduleRadioLoss(Instant from, int chain, double perDay) {
        fleet.at(from.plus(nextArrival(perDay)), t -> {
            if (chain == radioChain) {
                radioLoss(t);
                scheduleRadioLoss(t, chain, perDay);
            }
        });
    }

    /** Exponential waiting time of a Poisson process with {@code perDay} arrivals per simulated day. */
    private Duration nextArrival(double perDay) {
        if (perDay <= 0) {
            return Duration.ofDays(36_500);
        }
        double days = -Math.log(1 - random.nextDouble()) / perDay;
        return Duration.ofMillis((long) (days * 86_400_000L));
    }

    // ---- behaviours ------------------------------------------------------------------------------------------

    /** The bad firmware combination: the modem drops off the USB bus and comes back ~8 s later, as in the fixture. */
    private void modemReset(Instant t) {
        if (modemGone || router.modemState() != ModemState.NORMAL) {
            return;
        }
        modemGone = true;
        String usb = router.usbId();
        kernel(t, RutosLines.usbDisconnectTexts(usb, usbDevice));
        fleet.at(t.plusMillis(900 + random.nextInt(400)), this::disconnect);
        fleet.at(t.plusMillis(6_000 + random.nextInt(1_000)), this::repeatDisconnected);
        fleet.at(t.plus(REATTACH_AFTER), a -> {
            usbDevice++;
            kernel(a, RutosLines.usbAttachTexts(usb, usbDevice, mac));
        });
        fleet.at(t.plus(RAW_IP_AFTER), a -> {
            kernel(a, List.of(RutosLines.rawIpText(usb)));
            modemGone = false;
        });
        fleet.at(t.plusSeconds(66 + random.nextInt(14)), this::repeatDisconnected);
        fleet.at(t.plusSeconds(85 + random.nextInt(10)), this::reconnect);
    }

    /** Poor signal: the bearer drops without the modem leaving the bus; status shows the bad radio. */
    private void radioLoss(Instant t) {
        if (!connected || modemGone) {
            return;
        }
        radioLoss = new SignalSample(-100 - random.nextInt(8), -118 - random.nextInt(8),
                -16 - random.nextInt(4), -4.0 - random.nextInt(60) / 10.0);
        router.signal(radioLoss.asRouterValues());
        disconnect(t);
        fleet.at(t.plusSeconds(60 + random.nextInt(120)), a -> {
            radioLoss = null;
            router.signal(sampleSignal().asRouterValues());
            reconnect(a);
        });
    }

    void outageBegins(Instant t) {
        outage = true;
        if (connected) {
            disconnect(t);
        }
    }

    void outageEnds(Instant t) {
        outage = false;
        reconnect(t);
    }

    /** The router installs new RutOS and reboots: uptime and USB numbering start over. */
    void upgradeRouterFirmware(Instant t, String firmware) {
        router.routerFirmware(firmware);
        bootTime = t;
        connected = false;
        modemGone = false;
        router.dataConnected(false);
        usbDevice = 2;
        fleet.at(t.plusMillis(5_120), a -> kernel(a, RutosLines.usbAttachTexts(router.usbId(), usbDevice, mac)));
        fleet.at(t.plusSeconds(30), a -> kernel(a, List.of(RutosLines.rawIpText(router.usbId()))));
        fleet.at(t.plus(CONNECTED_AFTER_BOOT), this::reconnect);
        restartDropChains(t.plus(CONNECTED_AFTER_BOOT));
    }

    /**
     * Called when modem_updater wrote a new image. The flash took the modem into download mode (a bare device
     * on the bus) and back, so the device number grows by two; from now on the new firmware's behaviour holds.
     */
    void modemFlashed(Instant t, String previous, String current) {
        String usb = router.usbId();
        connected = false;
        events(t, List.of(RutosLines.event(t, "Firmware",
                "Updated internal modem firmware from " + previous + " to " + current)));
        List<String> leaving = new ArrayList<>(RutosLines.usbDisconnectTexts(usb, usbDevice));
        leaving.add(RutosLines.downloadModeAttachText(usb, usbDevice + 1));
        leaving.add("usb " + usb + ": USB disconnect, device number " + (usbDevice + 1));
        kernel(t, leaving);
        usbDevice += 2;
        publishStatus(t);
        fleet.at(t.plus(REATTACH_AFTER), a -> kernel(a, RutosLines.usbAttachTexts(usb, usbDevice, mac)));
        fleet.at(t.plus(RAW_IP_AFTER), a -> kernel(a, List.of(RutosLines.rawIpText(usb))));
        fleet.at(t.plus(CONNECTED_AFTER_BOOT), this::reconnectAfterFlash);
        restartDropChains(t.plus(CONNECTED_AFTER_BOOT));
    }

    private void reconnectAfterFlash(Instant t) {
        if (router.modemState() == ModemState.NORMAL) {
            reconnect(t);
        } else {
            fleet.at(t.plusSeconds(60), this::reconnectAfterFlash);
        }
    }

    // ---- transitions and output ------------------------------------------------------------------------------

    private void disconnect(Instant t) {
        if (!connected) {
            return;
        }
        connected = false;
        router.dataConnected(false);
        events(t, List.of(RutosLines.event(t, "Mobile Data", "Mobile data disconnected (internal modem)")));
        publishStatus(t);
    }

    /** gsmd retries while the bearer is down; the events log repeats the disconnect line (see the fixtures). */
    private void repeatDisconnected(Instant t) {
        if (!connected) {
            events(t, List.of(RutosLines.event(t, "Mobile Data", "Mobile data disconnected (internal modem)")));
        }
    }

    private void reconnect(Instant t) {
        if (connected || outage || modemGone || radioLoss != null || router.modemState() != ModemState.NORMAL) {
            return;
        }
        connected = true;
        router.dataConnected(true);
        String operator = router.modem().operator();
        events(t, List.of(
                RutosLines.event(t, "Network Operator", "Connected to " + operator + " operator (internal modem)"),
                RutosLines.event(t, "Network Type", "Joined FDD LTE network (internal modem)"),
                RutosLines.event(t, "Mobile Data", "Mobile data connected (internal modem)")));
        publishStatus(t);
    }

    private void publishStatus(Instant t) {
        SignalSample signal = radioLoss != null ? radioLoss : sampleSignal();
        boolean up = connected && !modemGone && router.modemState() == ModemState.NORMAL;
        fleet.publish(this, "status", RouterMessages.status(this, t, signal, up), Fleet.Kind.STATUS, 1);
    }

    /** Kernel lines a few milliseconds apart from {@code t}, sent as one envelope when the last was written. */
    private void kernel(Instant t, List<String> texts) {
        List<String> lines = new ArrayList<>(texts.size());
        Instant at = t;
        for (String text : texts) {
            lines.add(RutosLines.kernel(uptimeSeconds(at), text));
            at = at.plusNanos(400_000L + random.nextInt(12_000_000));
        }
        fleet.publish(this, "log/kernel", RouterMessages.envelope(at, uptimeSeconds(at), lines), Fleet.Kind.KERNEL,
                lines.size());
    }

    private void events(Instant t, List<String> lines) {
        fleet.publish(this, "log/events", RouterMessages.envelope(t, uptimeSeconds(t), lines), Fleet.Kind.EVENTS,
                lines.size());
    }

    private SignalSample sampleSignal() {
        Scenario.Signal mean = group.signal();
        int rsrp = (int) Math.round(mean.rsrp() + random.nextGaussian() * 2);
        int rssi = (int) Math.round(mean.rssi() + random.nextGaussian() * 2);
        double rsrq = Math.round((mean.rsrq() + random.nextGaussian()) * 10) / 10.0;
        double sinr = Math.round((mean.sinr() + random.nextGaussian() * 1.5) * 10) / 10.0;
        return new SignalSample(rssi, rsrp, rsrq, sinr);
    }

    @Override
    public String toString() {
        return "FleetRouter[" + serial() + " " + group.name() + "]";
    }
}
