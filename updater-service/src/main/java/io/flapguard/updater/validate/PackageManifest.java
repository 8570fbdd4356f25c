package io.flapguard.updater.validate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The SHA-256 manifest of an offline firmware package: {@code <package>/SHA256SUMS} in {@code sha256sum}'s own format
 * ({@code <64 hex>  update/firehose/<file>}), itself pinned by its digest in the allowlist entry
 * ({@code flapguard.updater.allowed-targets=EG12EAPAR01A12M4G=sha256:<hex>}). A package is used only when the
 * manifest matches that digest and lists exactly the package's files with matching digests; after the upload the
 * router's own {@code sha256sum} must agree before anything is flashed.
 */
public final class PackageManifest {
    public static final String FILE_NAME = "SHA256SUMS";
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64}) [ *]([A-Za-z0-9_][A-Za-z0-9_.-]{0,63}(/[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}){0,7})");

    /** Relative path → SHA-256 hex, in manifest order. */
    private final Map<String, String> digests;

    private PackageManifest(Map<String, String> digests) {
        this.digests = digests;
    }

    public Map<String, String> digests() {
        return Map.copyOf(digests);
    }

    public List<String> paths() {
        return List.copyOf(digests.keySet());
    }

    /** Reads and checks the local package; refused (PACKAGE_INTEGRITY) with the first problem found. */
    public static PackageManifest verifyLocal(Path pkg, String pinnedManifestDigest) throws RefusedException {
        if (pinnedManifestDigest == null) {
            throw refused("no sha256 digest for this offline package in flapguard.updater.allowed-targets"
                    + " (VERSION=sha256:<digest of " + FILE_NAME + ">)");
        }
        Path manifestFile = pkg.resolve(FILE_NAME);
        try {
            if (!Files.isRegularFile(manifestFile)) {
                throw refused("offline package has no " + FILE_NAME + " manifest");
            }
            if (!sha256(manifestFile).equals(pinnedManifestDigest)) {
                throw refused(FILE_NAME + " does not match the digest in the allowlist (package changed or tampered with)");
            }
            Map<String, String> listed = new LinkedHashMap<>();
            for (String line : Files.readAllLines(manifestFile)) {
                if (line.isBlank()) {
                    continue;
                }
                Matcher m = LINE.matcher(line.strip());
                if (!m.matches() || m.group(2).contains("..") || listed.put(m.group(2), m.group(1)) != null) {
                    throw refused(FILE_NAME + " has a line that is not '<sha256>  <relative path>' or repeats a file");
                }
            }
            Set<String> present;
            try (Stream<Path> walk = Files.walk(pkg)) {
                present = walk.filter(Files::isRegularFile).map(p -> pkg.relativize(p).toString().replace('\\', '/'))
                        .filter(p -> !p.equals(FILE_NAME)).collect(Collectors.toSet());
            }
            if (!present.equals(listed.keySet())) {
                throw refused("offline package files differ from " + FILE_NAME + " (unlisted or missing files)");
            }
            for (Map.Entry<String, String> e : listed.entrySet()) {
                if (!sha256(pkg.resolve(e.getKey())).equals(e.getValue())) {
                    throw refused("offline package file " + e.getKey() + " does not match its SHA-256 in " + FILE_NAME);
                }
            }
            return new PackageManifest(listed);
        } catch (IOException e) {
            throw refused("cannot read the offline package: " + e.getMessage());
        }
    }

    /** Null when the router's {@code sha256sum} output (paths below {@code folder}) agrees with the manifest. */
    public String mismatchOnRouter(List<String> sha256sumOutput, String folder) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (String line : sha256sumOutput) {
            String[] parts = line.strip().split("\\s+", 2);
            if (parts.length == 2 && parts[1].startsWith(folder)) {
                seen.put(parts[1].substring(folder.length()), parts[0]);
            }
        }
        for (Map.Entry<String, String> e : digests.entrySet()) {
            if (!e.getValue().equals(seen.get(e.getKey()))) {
                return "package on the router does not match " + FILE_NAME + " (" + e.getKey() + ")";
            }
        }
        return null;
    }

    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static RefusedException refused(String message) {
        return new RefusedException(RefusalReason.PACKAGE_INTEGRITY, message);
    }
}
