package io.flapguard.simulator.router;

/** Tells a fleet simulator that a router's modem was flashed with another firmware. */
@FunctionalInterface
public interface FirmwareChangeListener {
    /**
     * Called on the flashing thread right after the image was written. The modem may still be
     * unresponsive: read {@link SimulatedRouter#modemState()} when that matters.
     */
    void firmwareChanged(SimulatedRouter router, String previousFirmware, String newFirmware);
}
