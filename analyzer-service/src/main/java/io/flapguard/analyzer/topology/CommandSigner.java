package io.flapguard.analyzer.topology;

import io.flapguard.analyzer.config.AnalyzerConfig;
import io.flapguard.wire.CommandSignature;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.SigningKeys;
import java.security.PrivateKey;
import org.jboss.logging.Logger;

/**
 * Signs each remediation command just before it is published, so the updater can tell the analyzer's commands
 * from anything else written to the commands topic. Ed25519 is deterministic: a re-emitted command gets the same
 * signature.
 */
final class CommandSigner {
    private static final Logger LOG = Logger.getLogger(CommandSigner.class);

    private final String keyId;
    private final PrivateKey key;

    private CommandSigner(String keyId, PrivateKey key) {
        this.keyId = keyId;
        this.key = key;
    }

    static CommandSigner from(AnalyzerConfig.Signing config) {
        if (config.privateKeyFile().isEmpty()) {
            LOG.warn("flapguard.analyzer.signing.private-key-file is not set: remediation commands go out unsigned"
                    + " and the updater will refuse them");
            return new CommandSigner(null, null);
        }
        if (!RemediationCommand.KEY_ID_PATTERN.matcher(config.keyId()).matches()) {
            throw new IllegalArgumentException("flapguard.analyzer.signing.key-id '" + config.keyId()
                    + "' does not match " + RemediationCommand.KEY_ID_PATTERN.pattern());
        }
        PrivateKey key = SigningKeys.readPrivate(config.privateKeyFile().get());
        LOG.infof("remediation commands are signed with key id %s", config.keyId());
        return new CommandSigner(config.keyId(), key);
    }

    RemediationCommand sign(RemediationCommand command) {
        return key == null ? command : CommandSignature.sign(command, keyId, key);
    }
}
