package io.flapguard.brokers.auth;

import java.security.SecureRandom;
import java.util.Base64;

/** Generated MQTT passwords: 256 random bits, URL-safe Base64 (no spaces, safe in option files and shells). */
public final class Passwords {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
