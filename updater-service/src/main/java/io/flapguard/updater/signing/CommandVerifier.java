package io.flapguard.updater.signing;

import io.flapguard.updater.validate.RefusalReason;
import io.flapguard.wire.CommandSignature;
import io.flapguard.wire.RemediationCommand;
import io.flapguard.wire.SigningKeys;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Checks that a command was signed by one of the pinned analyzer keys and not changed since. The updater asks it
 * first, before the duplicate check, the job store or anything that could reach a router, and again before a
 * stored job runs (the jobs topic is only as trustworthy as whoever can write to it).
 */
public final class CommandVerifier {
    private static final Logger LOG = Logger.getLogger(CommandVerifier.class);

    private final Map<String, PublicKey> trusted;

    public CommandVerifier(Map<String, PublicKey> trusted) {
        this.trusted = Map.copyOf(trusted);
    }

    /** Reads each configured key file; a missing or unreadable file stops the start with its path in the message. */
    public static CommandVerifier fromFiles(Map<String, Path> publicKeyFiles) {
        Map<String, PublicKey> keys = new HashMap<>();
        publicKeyFiles.forEach((id, file) -> {
            if (!RemediationCommand.KEY_ID_PATTERN.matcher(id).matches()) {
                throw new IllegalArgumentException("command-signing key id '" + id + "' does not match "
                        + RemediationCommand.KEY_ID_PATTERN.pattern());
            }
            keys.put(id, SigningKeys.readPublic(file));
        });
        if (keys.isEmpty()) {
            LOG.warn("no flapguard.updater.command-signing.public-keys configured: every command will be refused");
        } else {
            LOG.infof("commands accepted when signed by key ids %s", keys.keySet().stream().sorted().toList());
        }
        return new CommandVerifier(keys);
    }

    /** Empty when the command may go on; otherwise why it is refused. */
    public Optional<RefusalReason> check(RemediationCommand command) {
        return CommandSignature.verify(command, trusted).map(RefusalReason::of);
    }

    /** One line for the result and the log. */
    public static String describe(RefusalReason reason, RemediationCommand command) {
        return switch (reason) {
            case UNSIGNED -> "command is not signed; only commands signed by a pinned analyzer key are run";
            case UNKNOWN_KEY -> "command is signed by key id '" + command.keyId()
                    + "', which is not in flapguard.updater.command-signing.public-keys";
            default -> "command signature does not match its content (forged or altered); nothing was run";
        };
    }
}
