package io.flapguard.wire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic ids: the same parts always give the same id, so a redelivered input produces a record
 * with the same id and consumers can drop the duplicate.
 */
public final class StableId {
    /** One digest per thread, reset by {@code digest()}: looking SHA-256 up among the providers costs per call. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    });
    private static final HexFormat HEX = HexFormat.of();

    private StableId() {
    }

    /** 128 bits of SHA-256 over the parts, each part length-prefixed so ("ab","c") differs from ("a","bc"). */
    public static String of(String... parts) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        for (String part : parts) {
            byte[] bytes = (part == null ? "\u0000" : part).getBytes(StandardCharsets.UTF_8);
            digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) ':');
            digest.update(bytes);
        }
        return HEX.formatHex(digest.digest(), 0, 16);
    }
}
