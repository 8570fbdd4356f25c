package io.flapguard.simulator.router;

import java.util.ArrayList;
import java.util.List;

/** BusyBox {@code df [-k] [path]}, showing the tmpfs with whatever SFTP uploads occupy. */
final class DfCommand implements ShellCommand {

    private static final String HEADER = "Filesystem           1K-blocks      Used Available Use% Mounted on";
    private static final long ROOT_KIB = 7_168;

    private final SimulatedRouter router;
    private final RouterFileSystem fileSystem;

    DfCommand(SimulatedRouter router, RouterFileSystem fileSystem) {
        this.router = router;
        this.fileSystem = fileSystem;
    }

    @Override
    public int run(List<String> args, ShellChannel channel) {
        List<String> paths = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("-k")) {
                continue;   // 1K blocks are the default anyway
            }
            if (arg.startsWith("-")) {
                channel.err("df: unrecognized option '" + arg + "'");
                return 1;
            }
            paths.add(arg);
        }
        channel.out(HEADER);
        if (paths.isEmpty()) {
            channel.out(row("/dev/root", ROOT_KIB, ROOT_KIB, 0, "/rom"));
            channel.out(tmpRow());
            return 0;
        }
        int status = 0;
        for (String path : paths) {
            if (path.equals("/tmp") || path.startsWith("/tmp/")) {
                channel.out(tmpRow());
            } else if (path.startsWith("/")) {
                channel.out(row("/dev/root", ROOT_KIB, ROOT_KIB, 0, "/rom"));
            } else {
                channel.err("df: " + path + ": can't find mount point");
                status = 1;
            }
        }
        return status;
    }

    private String tmpRow() {
        long uploadedKib = (fileSystem.tmpUsedBytes() + 1023) / 1024;
        long available = Math.max(0, router.tmpFreeKib() - uploadedKib);
        long used = SimulatedRouter.TMP_SIZE_KIB - available;
        return row("tmpfs", SimulatedRouter.TMP_SIZE_KIB, used, available, "/tmp");
    }

    private static String row(String device, long blocks, long used, long available, String mount) {
        long total = used + available;
        long percent = total == 0 ? 0 : (used * 100 + total / 2) / total;
        return String.format("%-20s %9d %9d %9d %3d%% %s", device, blocks, used, available, percent, mount);
    }
}
