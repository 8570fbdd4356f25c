package io.flapguard.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 command-signing keys as PEM files, the same as {@code openssl genpkey -algorithm ed25519} (PKCS#8
 * "PRIVATE KEY") and {@code openssl pkey -pubout} (X.509 "PUBLIC KEY") write them.
 */
public final class SigningKeys {
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private SigningKeys() {
    }

    public static PrivateKey readPrivate(Path pem) {
        try {
            return KeyFactory.getInstance(CommandSignature.ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(decode(pem, PRIVATE)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + pem, e);
        }
    }

    public static PublicKey readPublic(Path pem) {
        try {
            return KeyFactory.getInstance(CommandSignature.ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(decode(pem, PUBLIC)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + pem, e);
        }
    }

    /** Creates a key pair in the two files unless the private key exists already; the private file is owner-only. */
    public static void ensurePair(Path privatePem, Path publicPem) {
        try {
            if (Files.exists(privatePem)) {
                if (!Files.exists(publicPem)) {
                    throw new IllegalStateException(privatePem + " exists without its public key " + publicPem);
                }
                return;
            }
            KeyPair pair = KeyPairGenerator.getInstance(CommandSignature.ALGORITHM).generateKeyPair();
            Path parent = privatePem.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".signing", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's permissions have to do
            }
            Files.writeString(tmp, encode(PRIVATE, pair.getPrivate().getEncoded()));
            Files.writeString(publicPem, encode(PUBLIC, pair.getPublic().getEncoded()));
            Files.move(tmp, privatePem, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create signing key pair " + privatePem, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] decode(Path pem, String type) {
        String text;
        try {
            text = Files.readString(pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + pem, e);
        }
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(pem + " is not a PEM " + type + " file");
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }
}
