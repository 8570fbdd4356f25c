package io.flapguard.brokers.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identities the broker checks, re-read when the file changes (an identity added while the broker runs
 * works at the router's next connect). A file that became unreadable keeps the last good identities and is
 * reported once per change.
 */
final class IdentityStore {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityStore.class);

    private final IdentityFile file;
    private Map<String, MqttIdentity> identities;
    private String stamp;

    IdentityStore(IdentityFile file) {
        this.file = file;
        this.identities = file.read();
        this.stamp = stamp();
    }

    synchronized Optional<MqttIdentity> find(String username) {
        String now = stamp();
        if (!now.equals(stamp)) {
            stamp = now;
            try {
                identities = file.read();
                LOG.info("MQTT identities reloaded from {} ({} accounts)", file.path(), identities.size());
            } catch (RuntimeException e) {
                LOG.warn("MQTT identities not reloaded, keeping the previous ones: {}", e.getMessage());
            }
        }
        return Optional.ofNullable(identities.get(username));
    }

    private String stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(file.path(), BasicFileAttributes.class);
            return a.lastModifiedTime().toMillis() + "/" + a.size() + "/" + a.fileKey();
        } catch (IOException e) {
            return "missing";
        }
    }
}
