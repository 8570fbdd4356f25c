package io.flapguard.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that defines what a command signature covers and how it is made and checked (Ed25519, the JDK's
 * own provider). The signed bytes bind every field that decides what happens to which router: commandId, serial,
 * action, currentFirmware, targetFirmware, issuedAt and the key id itself. Each field is written as
 * {@code name=<byte length>:<UTF-8 bytes>\n} (or {@code name=-\n} when absent), so no two commands share a form.
 */
public final class CommandSignature {
    /** Changing the canonical form means a new domain string: old signatures then fail instead of meaning something else. */
    private static final String DOMAIN = "flapguard/remediation-command-signature/v1\n";
    public static final String ALGORITHM = "Ed25519";

    /** Why a command's signature is not accepted; the names are the metric's bounded reason label. */
    public enum Failure {
        UNSIGNED("unsigned"), UNKNOWN_KEY("unknown_key"), BAD_SIGNATURE("bad_signature");

        private final String label;

        Failure(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private CommandSignature() {
    }

    /** The exact bytes a signature covers. */
    public static byte[] canonicalBytes(RemediationCommand c, String keyId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(DOMAIN.getBytes(StandardCharsets.US_ASCII));
        field(out, "commandId", c.commandId());
        field(out, "serial", c.serial());
        field(out, "action", c.action() == null ? null : c.action().name());
        field(out, "currentFirmware", c.currentFirmware());
        field(out, "targetFirmware", c.targetFirmware());
        field(out, "issuedAt", c.issuedAt() == null ? null : c.issuedAt().toString());
        field(out, "keyId", keyId);
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, String name, String value) {
        out.writeBytes((name + "=").getBytes(StandardCharsets.US_ASCII));
        if (value == null) {
            out.writeBytes("-\n".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
        out.write('\n');
    }

    /** The command with {@code keyId} and a signature by {@code key} over its canonical bytes. */
    public static RemediationCommand sign(RemediationCommand command, String keyId, PrivateKey key) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(canonicalBytes(command, keyId));
            return command.signed(keyId, Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign command " + command.commandId() + ": " + e.getMessage(), e);
        }
    }

    /** Empty when the command is signed by one of {@code trusted} (key id → public key) and unaltered. */
    public static Optional<Failure> verify(RemediationCommand command, Map<String, PublicKey> trusted) {
        if (command.signature() == null || command.keyId() == null) {
            return Optional.of(Failure.UNSIGNED);
        }
        PublicKey key = trusted.get(command.keyId());
        if (key == null) {
            return Optional.of(Failure.UNKNOWN_KEY);
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(canonicalBytes(command, command.keyId()));
            return verifier.verify(Base64.getDecoder().decode(command.signature()))
                    ? Optional.empty() : Optional.of(Failure.BAD_SIGNATURE);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.of(Failure.BAD_SIGNATURE);
        }
    }
}
