package io.flapguard.simulator.router;

import java.util.List;
import java.util.Map;

/** {@code opkg update} and {@code opkg install}: everything needs the WAN link. */
final class OpkgCommand implements ShellCommand {

    private static final String FEED = "https://opkg.teltonika-networks.com/7f9d4c1e/rutx/packages";
    private static final Map<String, String> PACKAGES = Map.of(
            "modem_updater", "2024-01-19-5",
            "sshfs", "2.10-1");
    /** opkg returns -1 on any collected error. */
    private static final int FAILED = 255;

    private final SimulatedRouter router;

    OpkgCommand(SimulatedRouter router) {
        this.router = router;
    }

    @Override
    public int run(List<String> args, ShellChannel channel) {
        if (args.isEmpty()) {
            channel.err("opkg must have one sub-command argument");
            return 1;
        }
        return switch (args.get(0)) {
            case "update" -> update(channel);
            case "install" -> install(args.subList(1, args.size()), channel);
            default -> {
                channel.err("opkg: unknown sub-command " + args.get(0));
                yield 1;
            }
        };
    }

    private int update(ShellChannel channel) {
        channel.out("Downloading " + FEED + "/Packages.gz");
        if (!router.wanUp()) {
            channel.out("*** Failed to download the package list from " + FEED + "/Packages.gz");
            channel.out("");
            return 1;
        }
        channel.out("Updated list of available packages in /var/opkg-lists/tlt_packages");
        router.packageListsUpdated();
        return 0;
    }

    private int install(List<String> names, ShellChannel channel) {
        int status = 0;
        for (String name : names) {
            String version = PACKAGES.get(name);
            if (version == null || !router.packageListsFresh()) {
                channel.out("Unknown package '" + name + "'.");
                collectedErrors(channel, " * opkg_install_cmd: Cannot install package " + name + ".");
                status = FAILED;
            } else if (router.isInstalled(name)) {
                channel.out("Package " + name + " (" + version + ") installed in root is up to date.");
            } else {
                String ipk = FEED + "/" + name + "_" + version + "_arm_cortex-a7_neon-vfpv4.ipk";
                channel.out("Installing " + name + " (" + version + ") to root...");
                channel.out("Downloading " + ipk);
                if (!router.wanUp()) {
                    collectedErrors(channel,
                            " * opkg_download: Failed to download " + ipk + ", wget returned 4.",
                            " * opkg_install_pkg: Failed to download " + name + ". Perhaps you need to run 'opkg update'?",
                            " * opkg_install_cmd: Cannot install package " + name + ".");
                    status = FAILED;
                } else {
                    router.installed(name);
                    channel.out("Configuring " + name + ".");
                }
            }
        }
        return status;
    }

    private static void collectedErrors(ShellChannel channel, String... lines) {
        channel.err("Collected errors:");
        for (String line : lines) {
            channel.err(line);
        }
    }
}
