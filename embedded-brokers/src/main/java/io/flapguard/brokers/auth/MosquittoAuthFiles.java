package io.flapguard.brokers.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The same identities and topic policy for a Mosquitto 2 broker: a {@code password_file} (the hashes are already
 * Mosquitto's {@code $7$} format) and an {@code acl_file} with {@code pattern write <root>/%u/#} for routers and
 * {@code topic read <root>/#} for each telemetry account.
 */
public final class MosquittoAuthFiles {
    private MosquittoAuthFiles() {
    }

    public record AuthFiles(Path passwordFile, Path aclFile) {
    }

    public static AuthFiles write(IdentityFile identities, TopicPolicy policy, Path folder) {
        StringBuilder passwords = new StringBuilder();
        StringBuilder acl = new StringBuilder("# written by FlapGuard from ").append(identities.path()).append('\n');
        acl.append("# routers: each user publishes only below its own name (= serial)\n");
        for (String root : policy.roots()) {
            acl.append("pattern write ").append(root).append("/%u/#\n");
        }
        for (MqttIdentity id : identities.read().values()) {
            passwords.append(id.username()).append(':').append(id.password().encoded()).append('\n');
            if (id.role() == MqttRole.TELEMETRY) {
                acl.append("\nuser ").append(id.username()).append('\n');
                for (TopicPolicy.Grant g : policy.grants(id)) {
                    acl.append("topic read ").append(g.filter()).append('\n');
                }
            }
        }
        try {
            Files.createDirectories(folder);
            Path passwordFile = folder.resolve("password_file");
            Path aclFile = folder.resolve("acl_file");
            IdentityFile.writePrivate(passwordFile, passwords.toString());
            IdentityFile.writePrivate(aclFile, acl.toString());
            return new AuthFiles(passwordFile, aclFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Mosquitto auth files in " + folder, e);
        }
    }
}
