package io.flapguard.analyzer.domain;

import io.flapguard.analyzer.config.AnalyzerConfig;
import io.flapguard.wire.FirmwareVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Known-bad to known-good modem firmware: configured entries first, then what the fleet itself shows to be
 * stable (the newest firmware of the same module prefix with enough router-days, a low incident rate and no
 * more failed fixes than verified ones). Learned targets are only suggested unless enabled.
 */
public final class RemediationCatalog {
    private final Map<String, String> configured = new HashMap<>();
    private final AnalyzerConfig.Catalog settings;

    public RemediationCatalog(AnalyzerConfig.Catalog settings) {
        this.settings = settings;
        for (String entry : settings.entries()) {
            parse(entry.trim());
        }
    }

    /** A target and where it comes from: {@code catalog} (configured), {@code promoted} (by a person), {@code learned}. */
    public record Target(String firmware, String source) {
        public boolean learned() {
            return "learned".equals(source);
        }
    }

    private void parse(String entry) {
        int colon = entry.indexOf(':');
        int eq = entry.indexOf('=');
        if (colon < 1 || eq < colon) {
            throw new IllegalArgumentException("catalog entry '" + entry + "' is not MODEL:BAD=GOOD");
        }
        String model = entry.substring(0, colon);
        String bad = entry.substring(colon + 1, eq);
        String good = entry.substring(eq + 1);
        if (!FirmwareVersion.isValid(bad) || !FirmwareVersion.isValid(good)
                || !FirmwareVersion.modulePrefix(bad).equals(FirmwareVersion.modulePrefix(good))) {
            throw new IllegalArgumentException("catalog entry '" + entry
                    + "': both firmware must be valid and share their module prefix");
        }
        configured.put(model + ":" + bad, good);
    }

    public String configured(String modemModel, String firmware) {
        return configured.get(modemModel + ":" + firmware);
    }

    /** The newest firmware of the same module prefix that the fleet shows stable, or null. */
    public String learned(FleetFact.ModelFact model, String firmware) {
        String prefix = FirmwareVersion.modulePrefix(firmware);
        if (model == null || prefix == null) {
            return null;
        }
        String best = null;
        for (FleetFact.FirmwareFact f : model.firmware()) {
            boolean stable = f.routerDays() >= settings.learnedMinRouterDays() && f.rate() <= settings.learnedMaxRate()
                    && f.failedToFix() <= f.verified() && f.flappers() * 10 <= f.routers();
            if (stable && !f.firmware().equals(firmware) && prefix.equals(FirmwareVersion.modulePrefix(f.firmware()))
                    && f.firmware().compareTo(firmware) > 0 && (best == null || f.firmware().compareTo(best) > 0)) {
                best = f.firmware();
            }
        }
        return best;
    }

    /**
     * What a command would target: configured, else promoted by a person, else learned when acting on learned
     * targets is enabled; null when none.
     */
    public Target targetFor(String modemModel, String firmware, FleetFact.ModelFact model, FleetFact.Promotion promoted) {
        String c = configured(modemModel, firmware);
        if (c != null) {
            return new Target(c, "catalog");
        }
        if (promoted != null && FirmwareVersion.isValid(promoted.toFirmware())
                && FirmwareVersion.modulePrefix(firmware).equals(FirmwareVersion.modulePrefix(promoted.toFirmware()))) {
            return new Target(promoted.toFirmware(), "promoted");
        }
        String l = learned(model, firmware);
        return l != null && settings.learnedEnabled() ? new Target(l, "learned") : null;
    }

    public List<String> entries() {
        return settings.entries();
    }
}
