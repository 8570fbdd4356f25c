package io.flapguard.updater.ssh;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The last lines of a command's output, within a line and a byte limit: a router that prints without end (a
 * flasher in a loop, a runaway log) cannot fill the updater's memory. Every line is still handed to the caller as it
 * arrives (so progress is read from all of them); only the tail is kept. A line longer than the byte limit is cut.
 */
final class OutputTail {
    private final int maxLines;
    private final int maxBytes;
    private final Deque<String> lines = new ArrayDeque<>();
    private long bytes;
    private long dropped;

    OutputTail(int maxLines, int maxBytes) {
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
    }

    /** Reads lines until the end of {@code in}, passing each to {@code each} and keeping the tail. */
    void readAll(Reader in, Consumer<String> each) throws IOException {
        StringBuilder line = new StringBuilder();
        boolean cut = false;
        for (int c = in.read(); c != -1; c = in.read()) {
            if (c == '\n') {
                accept(line, each);
                line.setLength(0);
                cut = false;
            } else if (line.length() < maxBytes) {
                line.append((char) c);
            } else if (!cut) {
                cut = true;   // the rest of an overlong line is skipped, not buffered
            }
        }
        if (!line.isEmpty()) {
            accept(line, each);
        }
    }

    private void accept(StringBuilder raw, Consumer<String> each) {
        int end = raw.length();
        if (end > 0 && raw.charAt(end - 1) == '\r') {
            end--;
        }
        String line = raw.substring(0, end);
        each.accept(line);
        add(line);
    }

    void add(String line) {
        lines.addLast(line);
        bytes += size(line);
        while (lines.size() > maxLines || bytes > maxBytes && lines.size() > 1) {
            bytes -= size(lines.removeFirst());
            dropped++;
        }
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Lines dropped from the front to stay within the limits. */
    long dropped() {
        return dropped;
    }

    private static long size(String line) {
        return line.getBytes(StandardCharsets.UTF_8).length + 1L;
    }
}
