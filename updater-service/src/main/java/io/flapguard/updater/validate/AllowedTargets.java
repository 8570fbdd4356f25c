package io.flapguard.updater.validate;

import io.flapguard.wire.FirmwareVersion;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code flapguard.updater.allowed-targets}: each entry a firmware version, optionally with the SHA-256 of its offline
 * package's manifest ({@code EG12EAPAR01A12M4G=sha256:<64 hex>}); a bad entry stops the start.
 */
public record AllowedTargets(Set<String> versions, Map<String, String> manifestDigests) {
    private static final Pattern ENTRY = Pattern.compile("([A-Z0-9_.]+)(?:=sha256:([0-9a-f]{64}))?");

    public static AllowedTargets parse(List<String> entries) {
        Set<String> versions = new HashSet<>();
        Map<String, String> digests = new HashMap<>();
        for (String raw : entries) {
            Matcher m = ENTRY.matcher(raw.strip());
            if (!m.matches() || !FirmwareVersion.isValid(m.group(1))) {
                throw new IllegalArgumentException("flapguard.updater.allowed-targets entry '" + raw.strip()
                        + "' is not VERSION or VERSION=sha256:<64 lower-case hex>");
            }
            versions.add(m.group(1));
            if (m.group(2) != null) {
                digests.put(m.group(1), m.group(2));
            }
        }
        return new AllowedTargets(Set.copyOf(versions), Map.copyOf(digests));
    }
}
