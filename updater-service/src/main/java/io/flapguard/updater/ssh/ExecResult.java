package io.flapguard.updater.ssh;

import java.util.List;

/**
 * What one command printed and its exit status; {@code exitStatus} is null when the connection went away
 * before the router reported one.
 */
public record ExecResult(List<String> stdout, List<String> stderr, Integer exitStatus) {
    public boolean ok() {
        return exitStatus != null && exitStatus == 0;
    }

    public boolean connectionLost() {
        return exitStatus == null;
    }

    /** The first non-blank output line, stdout before stderr; "" if none. */
    public String firstLine() {
        return stdout.stream().map(String::strip).filter(s -> !s.isEmpty()).findFirst()
                .orElse(stderr.stream().map(String::strip).filter(s -> !s.isEmpty()).findFirst().orElse(""));
    }

    /** The first line starting with [ERROR] or containing "error", else the first line. */
    public String errorLine() {
        return java.util.stream.Stream.concat(stdout.stream(), stderr.stream()).map(String::strip)
                .filter(s -> s.startsWith("[ERROR]") || s.startsWith("*") || s.toLowerCase().contains("error")
                        || s.contains("not found"))
                .findFirst().orElse(firstLine());
    }
}
