package io.flapguard.updater.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code modem_updater -g} printed: the modems, the versions offered, and whether the WAN was down. */
public record ModemList(List<Modem> modems, List<String> available, boolean noInternet) {

    public record Modem(int number, String model, String usbId, String firmware) { }

    private static final Pattern MODEM = Pattern.compile(
            "\\[(\\d+)]\\s*(\\S+)\\s*\\|\\s*USB_ID:\\s*(\\S+)\\s*\\|\\s*Firmware:\\s*(\\S+).*");
    private static final Pattern VERSION = Pattern.compile("[A-Z0-9]{8}[A-Z0-9_.]{1,40}");

    public static ModemList parse(List<String> lines) {
        List<Modem> modems = new ArrayList<>();
        List<String> available = new ArrayList<>();
        boolean noInternet = false;
        boolean inVersions = false;
        for (String raw : lines) {
            String line = raw.strip();
            Matcher m = MODEM.matcher(line);
            if (m.matches()) {
                modems.add(new Modem(Integer.parseInt(m.group(1)), m.group(2), m.group(3), m.group(4)));
            } else if (line.startsWith("Available versions")) {
                inVersions = true;
            } else if (line.contains("internet connection is not active")) {
                noInternet = true;
            } else if (inVersions && VERSION.matcher(line).matches()) {
                available.add(line);
            }
        }
        return new ModemList(List.copyOf(modems), List.copyOf(available), noInternet);
    }

    /** The modem whose firmware has the given module prefix (the one the command is about). */
    public Optional<Modem> modemFor(String modulePrefix) {
        return modems.stream().filter(m -> m.firmware().startsWith(modulePrefix)).findFirst()
                .or(() -> modems.size() == 1 ? Optional.of(modems.get(0)) : Optional.empty());
    }
}
