package io.flapguard.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size from /proc/<pid>/status (Linux); 0 elsewhere. */
final class Rss {
    private Rss() {
    }

    static long ofPid(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    static long ofSelf() {
        return ofPid(ProcessHandle.current().pid());
    }
}
