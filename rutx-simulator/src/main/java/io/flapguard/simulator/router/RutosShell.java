package io.flapguard.simulator.router;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one exec command string the way BusyBox ash on a RUTX would, for the programs an updater
 * uses. Unknown programs give {@code ash: xyz: not found} and status 127.
 */
public final class RutosShell {

    static final int NOT_FOUND = 127;
    private static final Map<String, String> PROGRAM_PATHS = Map.ofEntries(
            Map.entry("gsmctl", "/usr/sbin/gsmctl"),
            Map.entry("ubus", "/bin/ubus"),
            Map.entry("opkg", "/bin/opkg"),
            Map.entry("modem_updater", "/usr/sbin/modem_updater"),
            Map.entry("df", "/bin/df"),
            Map.entry("logread", "/sbin/logread"),
            Map.entry("cat", "/bin/cat"),
            Map.entry("mkdir", "/bin/mkdir"),
            Map.entry("rm", "/bin/rm"),
            Map.entry("sshfs", "/usr/bin/sshfs"),
            Map.entry("mnf_info", "/sbin/mnf_info"),
            Map.entry("lsusb", "/usr/bin/lsusb"),
            Map.entry("sha256sum", "/usr/bin/sha256sum"));
    private static final Set<String> OPTIONAL_PACKAGES = Set.of("modem_updater", "sshfs");

    private final SimulatedRouter router;
    private final FileCommands files;
    private final IdentityCommands identity;
    private final Map<String, ShellCommand> programs;

    public RutosShell(SimulatedRouter router, RouterFileSystem fileSystem) {
        this.router = router;
        this.files = new FileCommands(router, fileSystem);
        this.identity = new IdentityCommands(router);
        this.programs = Map.of(
                "gsmctl", new GsmctlCommand(router),
                "ubus", new UbusCommand(router),
                "opkg", new OpkgCommand(router),
                "modem_updater", new ModemUpdaterCommand(router, fileSystem),
                "df", new DfCommand(router, fileSystem),
                "logread", new LogreadCommand(router));
    }

    /** Runs the command, streaming its output to the channel; returns the exit status. */
    public int run(String commandLine, ShellChannel channel) throws InterruptedException {
        router.executed(commandLine);
        CommandLineSplitter.Split split = CommandLineSplitter.split(commandLine);
        if (!split.ok()) {
            channel.err(split.error());
            return 2;
        }
        List<String> words = split.words();
        if (words.isEmpty()) {
            return 0;
        }
        String program = programName(words.get(0));
        List<String> args = words.subList(1, words.size());
        if (OPTIONAL_PACKAGES.contains(program) && !router.isInstalled(program)) {
            return notFound(words.get(0), channel);
        }
        ShellCommand command = programs.get(program);
        if (command != null) {
            return command.run(args, channel);
        }
        return switch (program) {
            case "cat" -> files.cat(args, channel);
            case "mkdir" -> files.mkdir(args, channel);
            case "rm" -> files.rm(args, channel);
            case "test" -> files.test(args);
            case "echo" -> files.echo(args, channel);
            case "mnf_info" -> identity.mnfInfo(args, channel);
            case "lsusb" -> identity.lsusb(args, channel);
            case "sha256sum" -> files.sha256sum(args, channel);
            case "which" -> which(args, channel);
            case "command" -> commandV(args, channel);
            default -> notFound(words.get(0), channel);
        };
    }

    private static String programName(String word) {
        int slash = word.lastIndexOf('/');
        String base = word.substring(slash + 1);
        // An absolute path only works if it is where RutOS keeps that program.
        return slash < 0 || word.equals(PROGRAM_PATHS.get(base)) ? base : word;
    }

    private static int notFound(String word, ShellChannel channel) {
        channel.err("ash: " + word + ": not found");
        return NOT_FOUND;
    }

    private int commandV(List<String> args, ShellChannel channel) {
        if (args.size() != 2 || !args.get(0).equals("-v")) {
            channel.err("ash: command: only 'command -v <name>' is simulated");
            return 2;
        }
        return lookup(args.get(1), channel);
    }

    private int which(List<String> args, ShellChannel channel) {
        int status = 0;
        for (String name : args) {
            status |= lookup(name, channel);
        }
        return args.isEmpty() ? 1 : status;
    }

    private int lookup(String name, ShellChannel channel) {
        String path = PROGRAM_PATHS.get(name);
        if (path == null || (OPTIONAL_PACKAGES.contains(name) && !router.isInstalled(name))) {
            return 1;
        }
        channel.out(path);
        return 0;
    }
}
