package io.flapguard.simulator.router;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Mutable, thread-safe state of one simulated Teltonika RUTX router with an internal Quectel modem.
 * Defaults describe a RUTX11 on RutOS 7.02 with an EG12 on {@code EG12EAPAR01A09M4G}, WAN up,
 * modem_updater not installed. All methods lock on this object; listeners run outside the lock.
 */
public final class SimulatedRouter {

    /** The tmpfs of a 256 MB RUTX. */
    public static final long TMP_SIZE_KIB = 124_716;
    /** What {@code df /tmp} offers when {@link RouterFault#TMP_TOO_SMALL} is on: less than any package. */
    public static final long TMP_TOO_SMALL_FREE_KIB = 6_144;

    private static final DateTimeFormatter SYSLOG_TIME =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);

    private final String serial;
    private String manufacturedSerial;
    private final List<String> executed = new ArrayList<>();
    private String routerFirmware = "RUTX_R_00.07.02.7";
    private String modemModel = "EG12";
    private String manufacturer = "Quectel";
    private String modemFirmware = "EG12EAPAR01A09M4G";
    private String usbId = "1-1";
    private final Set<String> installedPackages = new HashSet<>();
    private boolean packageListsFresh;
    private long tmpFreeKib = 121_292;
    private boolean wanUp = true;
    private List<String> availableFirmware = List.of("EG12EAPAR01A14M4G", "EG12EAPAR01A12M4G");
    private ModemState modemState = ModemState.NORMAL;
    private boolean dataConnected = true;
    private SignalValues signal = new SignalValues(-59, -85, -8, 12);
    private String operator = "Telia LT";
    private String band = "LTE B3";
    private int flashCount;
    private final EnumSet<RouterFault> faults = EnumSet.noneOf(RouterFault.class);
    private Duration updateDuration = Duration.ofSeconds(45);
    private final List<String> log = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final List<FirmwareChangeListener> listeners = new CopyOnWriteArrayList<>();

    public SimulatedRouter(String serial) {
        this.serial = Objects.requireNonNull(serial);
        this.manufacturedSerial = serial;
        logLine("kern.info kernel: [    5.120000] usb 1-1: New USB device found, idVendor=2c7c, idProduct=0512");
        logLine("daemon.info gsmd[1482]: Modem " + usbId + " (" + modemModel + ") registered");
    }

    /** Signal values {@code gsmctl -q} prints. */
    public record SignalValues(int rssi, int rsrp, int rsrq, int sinr) { }

    /** Modem identity, read at once so a reader never sees half a flash. */
    public record ModemSnapshot(ModemState state, String model, String manufacturer, String firmware,
                                String usbId, boolean dataConnected, SignalValues signal,
                                String operator, String band) { }

    public String serial() {
        return serial;
    }

    public synchronized ModemSnapshot modem() {
        return new ModemSnapshot(modemState, modemModel, manufacturer, modemFirmware, usbId,
                dataConnected, signal, operator, band);
    }

    public synchronized String routerFirmware() { return routerFirmware; }
    /** What {@code mnf_info -s} prints; the serial unless a test makes this router claim another one. */
    public synchronized String manufacturedSerial() { return manufacturedSerial; }
    /** Every command line an SSH client ran on this router, in order: a test can assert that none ran. */
    public synchronized List<String> executedCommands() { return List.copyOf(executed); }
    public synchronized String modemModel() { return modemModel; }
    public synchronized String manufacturer() { return manufacturer; }
    public synchronized String modemFirmware() { return modemFirmware; }
    public synchronized String usbId() { return usbId; }
    public synchronized ModemState modemState() { return modemState; }
    public synchronized boolean dataConnected() { return dataConnected; }
    public synchronized boolean wanUp() { return wanUp && !faults.contains(RouterFault.NO_WAN); }
    public synchronized int flashCount() { return flashCount; }
    public synchronized Duration updateDuration() { return updateDuration; }
    public synchronized List<String> availableFirmware() { return availableFirmware; }
    public synchronized boolean packageListsFresh() { return packageListsFresh; }
    public synchronized boolean hasFault(RouterFault fault) { return faults.contains(fault); }
    public synchronized Set<RouterFault> faults() { return EnumSet.copyOf(faults); }
    public synchronized List<String> logLines() { return List.copyOf(log); }
    /** Lines of the RutOS events log, e.g. {@code Updated internal modem firmware from A to B}. */
    public synchronized List<String> events() { return List.copyOf(events); }

    public synchronized boolean isInstalled(String pkg) {
        return installedPackages.contains(pkg);
    }

    /** Free KiB in /tmp before anything was uploaded, after the fault switches. */
    public synchronized long tmpFreeKib() {
        return faults.contains(RouterFault.TMP_TOO_SMALL) ? Math.min(tmpFreeKib, TMP_TOO_SMALL_FREE_KIB) : tmpFreeKib;
    }

    public synchronized SimulatedRouter routerFirmware(String version) { routerFirmware = version; return this; }
    public synchronized SimulatedRouter manufacturedSerial(String value) { manufacturedSerial = value; return this; }
    public synchronized SimulatedRouter modemModel(String model) { modemModel = model; return this; }
    public synchronized SimulatedRouter manufacturer(String name) { manufacturer = name; return this; }
    public synchronized SimulatedRouter usbId(String id) { usbId = id; return this; }
    public synchronized SimulatedRouter modemState(ModemState state) { modemState = state; return this; }
    public synchronized SimulatedRouter dataConnected(boolean connected) { dataConnected = connected; return this; }
    public synchronized SimulatedRouter signal(SignalValues values) { signal = values; return this; }
    public synchronized SimulatedRouter operator(String name) { operator = name; return this; }
    public synchronized SimulatedRouter band(String name) { band = name; return this; }
    public synchronized SimulatedRouter wanUp(boolean up) { wanUp = up; return this; }

    public synchronized SimulatedRouter modemFirmware(String firmware) {
        modemFirmware = new ModemFirmwareName(firmware).value();
        return this;
    }

    public synchronized SimulatedRouter tmpFreeKib(long kib) {
        if (kib < 0 || kib > TMP_SIZE_KIB) {
            throw new IllegalArgumentException("free /tmp must be within 0.." + TMP_SIZE_KIB + " KiB");
        }
        tmpFreeKib = kib;
        return this;
    }

    /** Versions {@code modem_updater -g} offers, newest first as Teltonika's server lists them. */
    public synchronized SimulatedRouter availableFirmware(List<String> newestFirst) {
        newestFirst.forEach(ModemFirmwareName::new);
        availableFirmware = List.copyOf(newestFirst);
        return this;
    }

    /** How long a modem_updater run takes from download mode to the modem answering again. */
    public synchronized SimulatedRouter updateDuration(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration");
        }
        updateDuration = duration;
        return this;
    }

    public synchronized SimulatedRouter withFault(RouterFault fault) { faults.add(fault); return this; }
    public synchronized SimulatedRouter withoutFault(RouterFault fault) { faults.remove(fault); return this; }

    public synchronized SimulatedRouter installed(String pkg) {
        installedPackages.add(pkg);
        return this;
    }

    public SimulatedRouter addFirmwareChangeListener(FirmwareChangeListener listener) {
        listeners.add(Objects.requireNonNull(listener));
        return this;
    }

    public void removeFirmwareChangeListener(FirmwareChangeListener listener) {
        listeners.remove(listener);
    }

    /** A reboot brings an unresponsive modem back; a modem in download mode needs a recovery flash. */
    public synchronized void reboot() {
        logLine("kern.notice kernel: Restarting system");
        if (modemState == ModemState.UNRESPONSIVE) {
            modemState = ModemState.NORMAL;
            dataConnected = true;
        }
    }

    synchronized void executed(String commandLine) {
        executed.add(commandLine);
    }

    synchronized void packageListsUpdated() {
        packageListsFresh = true;
    }

    synchronized void flashStarted() {
        flashCount++;
        modemState = ModemState.DOWNLOAD_MODE;
        dataConnected = false;
        logLine("kern.info kernel: usb " + usbId + ": USB disconnect");
        logLine("kern.info kernel: usb " + usbId + ": New USB device found, idVendor=05c6, idProduct=9008");
        logLine("daemon.notice gsmd[1482]: gsm.modem_gone " + usbId);
        addEvent("Mobile data", "Mobile data disconnected (internal modem)");
    }

    /** The image is written; the modem reboots and does not answer AT yet. */
    void imageWritten(String newFirmware) {
        String previous;
        synchronized (this) {
            previous = modemFirmware;
            modemFirmware = newFirmware;
            modemState = ModemState.UNRESPONSIVE;
            logLine("daemon.notice gsmd[1482]: gsm.new_modem " + usbId);
            addEvent("Firmware", "Updated internal modem firmware from " + previous + " to " + newFirmware);
        }
        if (!previous.equals(newFirmware)) {
            listeners.forEach(l -> l.firmwareChanged(this, previous, newFirmware));
        }
    }

    synchronized void modemAnswered() {
        modemState = ModemState.NORMAL;
        dataConnected = true;
        addEvent("Mobile data", "Mobile data connected (internal modem)");
    }

    synchronized void logLine(String text) {
        log.add(LocalDateTime.now().format(SYSLOG_TIME) + " " + text);
    }

    private void addEvent(String section, String text) {
        events.add(section + ": " + text);
        logLine("user.notice eventslog: " + section + ": " + text);
    }

    @Override
    public synchronized String toString() {
        return "SimulatedRouter[" + serial + ", " + modemFirmware + ", " + modemState + ", faults=" + faults + "]";
    }
}
