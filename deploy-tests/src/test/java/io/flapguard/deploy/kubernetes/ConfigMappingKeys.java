package io.flapguard.deploy.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The {@code flapguard.*} keys a module's code reads, from its sources: every {@code @ConfigMapping} interface
 * (nested groups, {@code @WithName}, maps as wildcards {@code prefix.name.*}), every
 * {@code @ConfigProperty(name = "flapguard...")}, and every {@code flapguard.*} key or {@code ${flapguard...}}
 * reference in its properties files. Read as text, so deploy-tests needs no service on its classpath.
 */
final class ConfigMappingKeys {
    private static final Pattern PREFIX = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)");
    private static final Pattern METHOD = Pattern.compile("^\\s*(?:@\\w+(?:\\([^)]*\\))?\\s+)*([\\w.]+(?:<[\\w.<>, ?]+>)?)\\s+(\\w+)\\(\\);");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\(\"([^\"]+)\"\\)");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(name\\s*=\\s*\"(flapguard\\.[^\"]+)\"");
    private static final Pattern PROPERTY_KEY = Pattern.compile("(?m)^(?:%\\w+\\.)?(flapguard\\.[\\w.-]+)\\s*=");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(flapguard\\.[\\w.-]+)");

    private record Member(String name, String type) {
    }

    private ConfigMappingKeys() {
    }

    /** Keys (and {@code .*} wildcards) read by the code under each of {@code modules} (their src/main). */
    static Set<String> of(Path repository, String... modules) {
        Set<String> keys = new TreeSet<>();
        for (String module : modules) {
            try (Stream<Path> files = Files.walk(repository.resolve(module).resolve("src/main"))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".java")) {
                        String source = Files.readString(f);
                        keys.addAll(mappingKeys(source));
                        find(CONFIG_PROPERTY, source, keys);
                    } else if (name.endsWith(".properties")) {
                        String text = Files.readString(f);
                        find(PROPERTY_KEY, text, keys);
                        find(REFERENCE, text, keys);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keys;
    }

    /** True when {@code key} is one of {@code known} or lies under one of its wildcards. */
    static boolean reads(Set<String> known, String key) {
        return known.contains(key) || known.stream().anyMatch(k -> k.endsWith(".*")
                && key.startsWith(k.substring(0, k.length() - 1)));
    }

    private static void find(Pattern p, String text, Set<String> into) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    static List<String> mappingKeys(String source) {
        Matcher prefix = PREFIX.matcher(source);
        if (!prefix.find()) {
            return List.of();
        }
        Map<String, List<Member>> interfaces = members(source);
        Matcher root = INTERFACE.matcher(source.substring(prefix.end()));
        if (!root.find()) {
            return List.of();
        }
        List<String> keys = new ArrayList<>();
        expand(prefix.group(1), root.group(1), interfaces, keys, 0);
        return keys;
    }

    private static void expand(String prefix, String iface, Map<String, List<Member>> interfaces, List<String> keys,
            int depth) {
        for (Member m : interfaces.getOrDefault(iface, List.of())) {
            String key = prefix + "." + m.name();
            String type = m.type().replaceAll("^(?:Optional|List|Set)<(.+)>$", "$1");
            if (type.startsWith("Map<")) {
                keys.add(key + ".*");
            } else if (interfaces.containsKey(type) && depth < 5) {
                expand(key, type, interfaces, keys, depth + 1);
            } else {
                keys.add(key);
            }
        }
    }

    /** Each interface declared in the file (nested ones too) with its members, by brace depth. */
    private static Map<String, List<Member>> members(String source) {
        Map<String, List<Member>> out = new HashMap<>();
        Deque<String> open = new ArrayDeque<>();
        Deque<Integer> openedAt = new ArrayDeque<>();
        int depth = 0;
        String pendingInterface = null;
        String pendingName = null;
        for (String line : source.split("\n")) {
            String code = line.replaceAll("//.*", "");
            if (code.trim().startsWith("*") || code.trim().startsWith("/*")) {
                continue;
            }
            Matcher iface = INTERFACE.matcher(code);
            if (iface.find() && !code.contains("@interface")) {
                pendingInterface = iface.group(1);
            }
            Matcher withName = WITH_NAME.matcher(code);
            if (withName.find()) {
                pendingName = withName.group(1);
            }
            Matcher method = METHOD.matcher(code);
            if (method.find() && !open.isEmpty() && depth == openedAt.peek() + 1) {
                String name = pendingName != null ? pendingName : kebab(method.group(2));
                out.computeIfAbsent(open.peek(), k -> new ArrayList<>()).add(new Member(name, method.group(1)));
                pendingName = null;
            }
            for (char c : code.toCharArray()) {
                if (c == '{') {
                    if (pendingInterface != null) {
                        open.push(pendingInterface);
                        openedAt.push(depth);
                        out.putIfAbsent(pendingInterface, new ArrayList<>());
                        pendingInterface = null;
                    }
                    depth++;
                } else if (c == '}') {
                    depth--;
                    if (!openedAt.isEmpty() && depth == openedAt.peek()) {
                        open.pop();
                        openedAt.pop();
                    }
                }
            }
        }
        return out;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The {@code flapguard.*} keys set in a properties text (ConfigMap {@code application.properties}). */
    static Set<String> setIn(String properties) {
        Set<String> keys = new TreeSet<>();
        find(PROPERTY_KEY, properties, keys);
        return keys;
    }
}
