package io.flapguard.quality.fleet;

/** Something that happens to one router at a moment of simulated time (epoch ms); rendered into its logs. */
public sealed interface Happening {
    long at();

    /** The modem falls off the USB bus {@code reenumerations} times in a row; only while its firmware is bad. */
    record FirmwareFlap(long at, int reenumerations) implements Happening {
    }

    /**
     * The modem leaves the USB bus once whatever its firmware: gsmd resetting a hung modem, a USB or supply glitch.
     * Rare on a healthy router, frequent on a faulty modem.
     */
    record ModemReset(long at) implements Happening {
    }

    /** Mobile data drops without the modem leaving the bus. */
    record DataDrop(long at, long downMs, DropKind kind) implements Happening {
    }

    enum DropKind {
        /** Poor signal at this router. */
        RADIO,
        /** Its operator's network is down for many routers at once. */
        OUTAGE,
        /** A rare single drop on a healthy router. */
        ISOLATED
    }

    /** Power is lost for {@code offMs}; the router boots again (kernel stamps restart at 0). */
    record PowerCycle(long at, long offMs) implements Happening {
    }

    /** The router's own firmware is upgraded (sysupgrade): it reboots into {@code toFirmware}. */
    record RouterUpgrade(long at, String toFirmware) implements Happening {
    }

    /** The modem is flashed to {@code toFirmware} (by someone else, or by FlapGuard's updater). */
    record ModemFlash(long at, String toFirmware, long flashMs) implements Happening {
    }

    /** The broker is unreachable although the router is online (backhaul or VPN down): the agent buffers. */
    record BackhaulOutage(long at, long durationMs) implements Happening {
    }

    /** A message the contract refuses, injected on purpose (it must become exactly one dead letter). */
    record Noise(long at, NoiseKind kind) implements Happening {
    }

    enum NoiseKind {
        SPOOFED_SERIAL, NOT_UTF8, MALFORMED_JSON, UNKNOWN_TOPIC
    }
}
