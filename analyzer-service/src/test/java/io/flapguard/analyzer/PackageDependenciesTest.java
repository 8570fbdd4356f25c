package io.flapguard.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The analyzer's packages form no cycle, and the domain depends on nothing but its configuration. */
class PackageDependenciesTest {
    private static final Path ROOT = Path.of("src/main/java/io/flapguard/analyzer");
    private static final Pattern IMPORT = Pattern.compile("^import io\\.flapguard\\.analyzer\\.([a-z]+)\\.", Pattern.MULTILINE);

    static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> deps = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = ROOT.relativize(f.getParent()).toString();
                Matcher m = IMPORT.matcher(Files.readString(f));
                Set<String> to = deps.computeIfAbsent(pkg, k -> new HashSet<>());
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        to.add(m.group(1));
                    }
                }
            }
        }
        return deps;
    }

    @Test
    void noPackageCycle() throws IOException {
        Map<String, Set<String>> deps = dependencies();
        for (String start : deps.keySet()) {
            List<String> stack = new ArrayList<>();
            assertThat(cycleFrom(start, start, deps, stack, new HashSet<>())).as("cycle " + stack).isFalse();
        }
        assertThat(deps.get("domain")).containsOnly("config");
    }

    private static boolean cycleFrom(String start, String at, Map<String, Set<String>> deps, List<String> path,
            Set<String> seen) {
        for (String next : deps.getOrDefault(at, Set.of())) {
            path.add(next);
            if (next.equals(start) || (seen.add(next) && cycleFrom(start, next, deps, path, seen))) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }
}
