package io.flapguard.stack;

import io.flapguard.wire.SigningKeys;
import java.nio.file.Path;
import java.util.Map;

/**
 * The local stack's command-signing key pair, made in the data folder on first start and kept after: the analyzer
 * signs with the private key, the updater pins the public key under the same key id.
 */
final class CommandSigningKeys {
    static final String KEY_ID = "local-stack";

    private final Path privateKey;
    private final Path publicKey;

    CommandSigningKeys(Path dataDir) {
        Path folder = dataDir.resolve("signing");
        this.privateKey = folder.resolve("analyzer-" + KEY_ID + ".pem");
        this.publicKey = folder.resolve("analyzer-" + KEY_ID + ".pub.pem");
    }

    /** Creates the pair unless it exists; the private key file is readable by its owner only. */
    CommandSigningKeys ensure() {
        try {
            SigningKeys.ensurePair(privateKey, publicKey);
        } catch (RuntimeException e) {
            throw new StackException("cannot create the command-signing keys in " + privateKey.getParent() + ": "
                    + e.getMessage());
        }
        return this;
    }

    Map<String, String> analyzerProperties() {
        return Map.of("flapguard.analyzer.signing.private-key-file", privateKey.toString(),
                "flapguard.analyzer.signing.key-id", KEY_ID);
    }

    Map<String, String> updaterProperties() {
        return Map.of("flapguard.updater.command-signing.public-keys." + KEY_ID, publicKey.toString());
    }
}
