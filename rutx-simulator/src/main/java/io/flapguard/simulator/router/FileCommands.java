package io.flapguard.simulator.router;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The few BusyBox file tools an updater needs: cat, mkdir -p, rm -rf, test -d/-f/-e, echo, sha256sum. */
final class FileCommands {

    private final SimulatedRouter router;
    private final RouterFileSystem fileSystem;

    FileCommands(SimulatedRouter router, RouterFileSystem fileSystem) {
        this.router = router;
        this.fileSystem = fileSystem;
    }

    int cat(List<String> args, ShellChannel channel) {
        int status = 0;
        for (String path : args) {
            if (path.equals("/etc/version")) {
                channel.out(router.routerFirmware());
                continue;
            }
            Optional<Path> file = fileSystem.resolve(path).filter(Files::isRegularFile);
            if (file.isEmpty()) {
                channel.err("cat: can't open '" + path + "': No such file or directory");
                status = 1;
                continue;
            }
            try {
                Files.readAllLines(file.get()).forEach(channel::out);
            } catch (IOException e) {
                channel.err("cat: read error: " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }

    int mkdir(List<String> args, ShellChannel channel) {
        boolean parents = args.contains("-p");
        int status = 0;
        for (String path : args.stream().filter(a -> !a.startsWith("-")).toList()) {
            Optional<Path> dir = writable(path);
            try {
                if (dir.isEmpty()) {
                    channel.err("mkdir: can't create directory '" + path + "': Read-only file system");
                    status = 1;
                } else if (parents) {
                    Files.createDirectories(dir.get());
                } else if (Files.exists(dir.get())) {
                    channel.err("mkdir: can't create directory '" + path + "': File exists");
                    status = 1;
                } else {
                    Files.createDirectory(dir.get());
                }
            } catch (IOException e) {
                channel.err("mkdir: can't create directory '" + path + "': No such file or directory");
                status = 1;
            }
        }
        return status;
    }

    int rm(List<String> args, ShellChannel channel) {
        boolean force = args.stream().anyMatch(a -> a.startsWith("-") && a.contains("f"));
        boolean recursive = args.stream().anyMatch(a -> a.startsWith("-") && (a.contains("r") || a.contains("R")));
        int status = 0;
        for (String path : args.stream().filter(a -> !a.startsWith("-")).toList()) {
            Optional<Path> target = writable(path);
            if (target.isEmpty()) {
                channel.err("rm: can't remove '" + path + "': Read-only file system");
                status = 1;
                continue;
            }
            Path p = target.get();
            try {
                if (!Files.exists(p)) {
                    if (!force) {
                        channel.err("rm: can't remove '" + path + "': No such file or directory");
                        status = 1;
                    }
                } else if (Files.isDirectory(p) && !recursive) {
                    channel.err("rm: '" + path + "' is a directory");
                    status = 1;
                } else {
                    RouterFileSystem.deleteRecursively(p);
                }
            } catch (IOException e) {
                channel.err("rm: can't remove '" + path + "': " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }

    /** {@code test -d|-f|-e path}: silent, only the exit status tells. */
    int test(List<String> args) {
        if (args.size() != 2) {
            return 2;
        }
        Optional<Path> p = fileSystem.resolve(args.get(1));
        boolean result = switch (args.get(0)) {
            case "-d" -> p.map(Files::isDirectory).orElse(false);
            case "-f" -> p.map(Files::isRegularFile).orElse(false) || args.get(1).equals("/etc/version");
            case "-e" -> p.map(Files::exists).orElse(false) || args.get(1).equals("/etc/version");
            default -> false;
        };
        return result ? 0 : 1;
    }

    /** {@code sha256sum FILE...}: {@code <hex>  <path>} per file, as BusyBox prints it. */
    int sha256sum(List<String> args, ShellChannel channel) {
        int status = args.isEmpty() ? 1 : 0;
        for (String path : args) {
            Optional<Path> file = fileSystem.resolve(path).filter(Files::isRegularFile);
            if (file.isEmpty()) {
                channel.err("sha256sum: can't open '" + path + "': No such file or directory");
                status = 1;
                continue;
            }
            try {
                java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
                byte[] bytes = Files.readAllBytes(file.get());
                if (router.hasFault(RouterFault.CORRUPT_UPLOADS) && bytes.length > 0) {
                    bytes[0] ^= 0x01;   // what flash or RAM corruption would do to what lies in /tmp
                }
                channel.out(java.util.HexFormat.of().formatHex(digest.digest(bytes)) + "  " + path);
            } catch (IOException | java.security.NoSuchAlgorithmException e) {
                channel.err("sha256sum: " + path + ": " + e.getMessage());
                status = 1;
            }
        }
        return status;
    }

    int echo(List<String> args, ShellChannel channel) {
        channel.out(String.join(" ", args));
        return 0;
    }

    /** Only uploads live in the simulated tree; /tmp and USB sticks are the writable places. */
    private Optional<Path> writable(String path) {
        boolean allowed = path.startsWith("/tmp/") || path.startsWith("/mnt/");
        return allowed ? fileSystem.resolve(path).filter(p -> !p.equals(fileSystem.root().resolve("tmp"))) : Optional.empty();
    }
}
