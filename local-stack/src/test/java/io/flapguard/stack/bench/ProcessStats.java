package io.flapguard.stack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory and CPU time of a process from /proc (Linux), for the per-service figures of the run. */
final class ProcessStats {
    /** Clock ticks per second of /proc/<pid>/stat; 100 on every Linux this runs on. */
    private static final double TICKS = 100.0;

    private final long pid;
    private long lastTicks = -1;
    private long lastNanos;

    ProcessStats(long pid) {
        this.pid = pid;
    }

    long rssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** CPU used since the previous call, in % of one core (200 = both cores of this machine); -1 the first time. */
    double cpuPercent() {
        long ticks = cpuTicks();
        long now = System.nanoTime();
        double percent = lastTicks < 0 || ticks < 0 ? -1
                : (ticks - lastTicks) / TICKS / ((now - lastNanos) / 1e9) * 100;
        lastTicks = ticks;
        lastNanos = now;
        return percent;
    }

    /** utime + stime: fields 14 and 15, counted after the command name's closing parenthesis. */
    private long cpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
