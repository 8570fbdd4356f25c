package io.flapguard.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs Prometheus' {@code promtool} (Debian package {@code prometheus}). Reusable from any test: give
 * {@link #checkMetrics(String)} the text of a service's {@code /q/metrics} and assert {@link Result#ok()}.
 */
public final class PromtoolCheck {
    /** What promtool said: exit code 0 is success; for {@code check metrics} 3 means lint problems. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private PromtoolCheck() {
    }

    public static Optional<Path> promtool() {
        return DeployFiles.tool("promtool");
    }

    /** Lints a Prometheus text exposition (names, suffixes, HELP/TYPE) with {@code promtool check metrics}. */
    public static Result checkMetrics(String exposition) {
        return run(exposition, "check", "metrics");
    }

    /**
     * Lints only the {@code flapguard_*} families of a Quarkus {@code /q/metrics} exposition. Two things make the raw
     * text unusable with Debian's promtool 2.42, neither ours to fix: framework HELP texts contain {@code \\"}, which
     * its parser refuses, and counters are declared as {@code # TYPE x counter} with samples named {@code x_total},
     * which it reports as "no help text". So: keep our families, and name counter HELP/TYPE lines like their samples.
     */
    public static Result checkFlapGuardMetrics(String exposition) {
        return checkMetrics(flapGuardFamilies(exposition));
    }

    /** The {@code flapguard_*} lines of an exposition, counter HELP/TYPE lines named with {@code _total}. */
    public static String flapGuardFamilies(String exposition) {
        java.util.Set<String> counters = new java.util.HashSet<>();
        for (String line : exposition.split("\n")) {
            String[] p = line.split(" ");
            if (p.length >= 4 && p[0].equals("#") && p[1].equals("TYPE") && p[3].equals("counter") && !p[2].endsWith("_total")) {
                counters.add(p[2]);
            }
        }
        StringBuilder out = new StringBuilder();
        for (String line : exposition.split("\n")) {
            boolean comment = line.startsWith("# HELP ") || line.startsWith("# TYPE ");
            String rest = comment ? line.substring(7) : line;
            int end = 0;
            while (end < rest.length() && (Character.isLetterOrDigit(rest.charAt(end)) || rest.charAt(end) == '_' || rest.charAt(end) == ':')) {
                end++;
            }
            String name = rest.substring(0, end);
            if (!name.startsWith("flapguard_")) {
                continue;
            }
            if (comment && counters.contains(name)) {
                line = line.substring(0, 7) + name + "_total" + rest.substring(end);
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    public static Result checkRules(Path rules) {
        return run(null, "check", "rules", rules.toString());
    }

    public static Result testRules(Path tests) {
        return run(null, "test", "rules", tests.toString());
    }

    private static Result run(String stdin, String... args) {
        Path tool = promtool().orElseThrow(() -> new IllegalStateException(
                "promtool is not installed (apt install prometheus)"));
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("promtool " + String.join(" ", args) + " did not finish in 60 s");
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run promtool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running promtool", e);
        }
    }
}
