package io.flapguard.simulator.router;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** {@code modem_updater} of RutOS 7.20: lists firmware, checks the target, then hands over to {@link ModemFlash}. */
final class ModemUpdaterCommand implements ShellCommand {

    static final String HELP_HEADER = "Usage: modem_updater [OPTIONS]";
    private static final List<String> HELP = List.of(
            HELP_HEADER,
            "Options:",
            "  -g              list modems and firmware versions available on the server",
            "  -v <version>    firmware version to download and flash",
            "  -p <path>       local firmware folder holding update/firehose/",
            "  -i <USB id>     modem to update by USB id, e.g. 1-1",
            "  -n <number>     modem to update by its number in the -g list",
            "  -f              force the update",
            "  -h              show this help");

    private final SimulatedRouter router;
    private final RouterFileSystem fileSystem;

    ModemUpdaterCommand(SimulatedRouter router, RouterFileSystem fileSystem) {
        this.router = router;
        this.fileSystem = fileSystem;
    }

    @Override
    public int run(List<String> args, ShellChannel channel) throws InterruptedException {
        ModemUpdaterOptions options = ModemUpdaterOptions.parse(args);
        if (options.error() != null) {
            channel.err(options.error());
            HELP.forEach(channel::out);
            return 1;
        }
        if (options.help()) {
            HELP.forEach(channel::out);
            return 0;
        }
        if (options.list()) {
            return list(channel);
        }
        if (options.online() == (options.path() != null)) {
            channel.out("[ERROR] Specify either -v <version> or -p <path>. Exiting..");
            return 1;
        }
        return update(options, channel);
    }

    private int list(ShellChannel channel) {
        SimulatedRouter.ModemSnapshot modem = router.modem();
        String firmware = modem.state() == ModemState.NORMAL ? modem.firmware() : "N/A";
        channel.out("Modem List:");
        channel.out("[0] " + modem.model() + " | USB_ID: " + modem.usbId() + " | Firmware: " + firmware + " | builtin:true");
        if (!router.wanUp()) {
            channel.out("[ERROR] internet connection is not active");
            return 1;
        }
        channel.out("Available versions (highest version number first):");
        ModemFirmwareName current = new ModemFirmwareName(modem.firmware());
        router.availableFirmware().stream()
                .filter(v -> new ModemFirmwareName(v).sameModuleAs(current))
                .forEach(channel::out);
        return 0;
    }

    private int update(ModemUpdaterOptions options, ShellChannel channel) throws InterruptedException {
        SimulatedRouter.ModemSnapshot modem = router.modem();
        boolean selected = (options.usbId() == null || options.usbId().equals(modem.usbId()))
                && (options.modemNumber() == null || options.modemNumber().equals("0"));
        // A forced run may recover a modem stuck in download mode; a mute modem cannot be flashed.
        boolean recovering = options.force() && modem.state() == ModemState.DOWNLOAD_MODE;
        if (!selected || (modem.state() != ModemState.NORMAL && !recovering)) {
            channel.out("[ERROR] MODEM_N is wrong or modem is not responding.");
            return 1;
        }
        if (!recovering) {
            channel.out("Modem is responding to AT commands");
        }
        channel.out("Current modem firmware: " + modem.firmware());
        if (options.online() && !router.wanUp()) {
            channel.out("[ERROR] internet connection is not active");
            return 1;
        }
        Optional<String> target = options.online() ? Optional.of(options.version()) : offlineTarget(options.path(), channel);
        if (target.isEmpty()) {
            return 1;
        }
        String refusal = refusal(modem.firmware(), target.get(), options);
        if (refusal != null) {
            channel.out(refusal);
            return 1;
        }
        channel.out("Target modem firmware: " + target.get());
        if (options.online()) {
            channel.out("Downloading firmware " + target.get() + "...");
            channel.out("Firmware downloaded to /tmp/modem_update/");
        }
        return new ModemFlash(router, channel).run(target.get());
    }

    private String refusal(String currentFirmware, String target, ModemUpdaterOptions options) {
        Optional<ModemFirmwareName> wanted = ModemFirmwareName.parse(target);
        ModemFirmwareName current = new ModemFirmwareName(currentFirmware);
        if (wanted.isEmpty() || !wanted.get().sameModuleAs(current)) {
            return "[ERROR] Specified firmware is not intended for this module. Exiting..";
        }
        boolean downgradeOfRestricted = current.restricted() && wanted.get().compareTo(current) < 0;
        if (router.hasFault(RouterFault.FLASHING_NOT_ALLOWED) || downgradeOfRestricted) {
            return "[ERROR] Modem firmware flashing is not allowed for this modem version. Exiting..";
        }
        if (target.equals(currentFirmware) && !options.force()) {
            return "[ERROR] Modem already runs firmware " + target + ". Use -f to flash it again. Exiting..";
        }
        if (options.online() && !router.availableFirmware().contains(target)) {
            return "[ERROR] Firmware " + target + " was not found on the server. Exiting..";
        }
        return null;
    }

    /** The version an unzipped vendor package holds, read from its folder or file names. */
    private Optional<String> offlineTarget(String routerPath, ShellChannel channel) {
        Optional<Path> folder = fileSystem.resolve(routerPath);
        Path firehose = folder.map(f -> f.resolve("update").resolve("firehose")).orElse(null);
        if (firehose == null || !Files.isDirectory(firehose)) {
            channel.out("[ERROR] No firehose folder found...");
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(folder.get())) {
            List<Path> all = files.toList();
            if (all.stream().noneMatch(p -> Files.isRegularFile(p) && p.startsWith(firehose))) {
                channel.out("[ERROR] firmware directory is empty. Mount failed? Exiting…");
                return Optional.empty();
            }
            Optional<String> named = ModemFirmwareName.findIn(routerPath)
                    .or(() -> all.stream().map(p -> ModemFirmwareName.findIn(p.getFileName().toString()))
                            .flatMap(Optional::stream).findFirst())
                    .map(ModemFirmwareName::value);
            // A package named nowhere is taken to hold the newest firmware the server lists.
            return named.or(() -> router.availableFirmware().stream().findFirst());
        } catch (IOException e) {
            channel.out("[ERROR] No firehose folder found...");
            return Optional.empty();
        }
    }
}
