package io.flapguard.quality.fleet;

import java.util.List;

/**
 * The generator's own view of the modem world (never read from the analyzer): which modem firmware is bad with
 * which router firmware, and which firmware cures it. Taken from the forum case and the issue, not from the
 * analyzer's catalog.
 */
public enum ModemFamily {
    /** RUTX14's Cat 12 modem: A09 flaps only on router firmware 00.07.02 and later; A12 cures it. */
    EG12("EG12", "EG12EAPAR01A09M4G", "EG12EAPAR01A12M4G", true, List.of("RUTX14")),
    /** RUTX11 / RUTX09's Cat 6 modem: A18 flaps on any router firmware; A20 is stable. */
    EG06("EG06", "EG06ELAR04A18M4G", "EG06ELAR04A20M4G", false, List.of("RUTX11", "RUTX09")),
    /** RUTX50's 5G modem: no bad firmware in this fleet (a family that must never get a command). */
    RG501Q("RG501Q", null, "RG501QEUAAR12A11M4G", false, List.of("RUTX50"));

    public static final String OLD_ROUTER_FW_PREFIX = "RUTX_R_00.07.01.";
    public static final String NEW_ROUTER_FW = "RUTX_R_00.07.02.7";

    private final String model;
    private final String badFirmware;
    private final String goodFirmware;
    private final boolean badOnlyOnNewRouterFirmware;
    private final List<String> routerModels;

    ModemFamily(String model, String badFirmware, String goodFirmware, boolean badOnlyOnNewRouterFirmware,
            List<String> routerModels) {
        this.model = model;
        this.badFirmware = badFirmware;
        this.goodFirmware = goodFirmware;
        this.badOnlyOnNewRouterFirmware = badOnlyOnNewRouterFirmware;
        this.routerModels = routerModels;
    }

    public String model() {
        return model;
    }

    /** The firmware that flaps (null: none in this family). */
    public String badFirmware() {
        return badFirmware;
    }

    public String goodFirmware() {
        return goodFirmware;
    }

    public List<String> routerModels() {
        return routerModels;
    }

    /** Whether this modem firmware on this router firmware makes the modem fall off the USB bus. */
    public boolean flaps(String modemFirmware, String routerFirmware) {
        if (badFirmware == null || !badFirmware.equals(modemFirmware)) {
            return false;
        }
        return !badOnlyOnNewRouterFirmware || !routerFirmware.startsWith(OLD_ROUTER_FW_PREFIX);
    }
}
