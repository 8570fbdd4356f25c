package io.flapguard.simulator.router;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * An ssh-ed25519 host key kept in a folder: generated on first start, reused afterwards, so a
 * restarted router keeps matching the known_hosts line a client pinned. Ed25519 comes from
 * BouncyCastle, which MINA picks up from the classpath.
 */
final class PersistentHostKey {

    static final String FILE_NAME = "ssh_host_ed25519_key";

    private final KeyPairProvider provider;
    private final KeyPair keyPair;

    PersistentHostKey(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SimpleGeneratorHostKeyProvider generator = new SimpleGeneratorHostKeyProvider(folder.resolve(FILE_NAME));
        generator.setAlgorithm(SecurityUtils.EDDSA);
        generator.setKeySize(256);
        List<KeyPair> keys = generator.loadKeys(null);
        if (keys.isEmpty()) {
            throw new IllegalStateException("No host key could be loaded or generated in " + folder);
        }
        this.provider = generator;
        this.keyPair = keys.get(0);
    }

    KeyPairProvider provider() {
        return provider;
    }

    PublicKey publicKey() {
        return keyPair.getPublic();
    }

    /** {@code SHA256:...} exactly as {@code ssh-keygen -lf} and OpenSSH clients print it. */
    String fingerprint() {
        return KeyUtils.getFingerPrint(publicKey());
    }

    /** {@code ssh-ed25519 AAAA...} */
    String openSshPublicKey() {
        return PublicKeyEntry.toString(publicKey());
    }
}
