package io.flapguard.stack;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A local user's name and password, for calling the services' APIs. */
public record Credentials(String user, String password) {
    /** The value of an {@code Authorization} header for these credentials. */
    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=***]";
    }
}
