package io.flapguard.updater.ssh;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import org.jboss.logging.Logger;

/**
 * Decides whether a router's host key is the one we expect: a pinned {@code SHA256:} fingerprint for the serial
 * when configured, otherwise the OpenSSH known_hosts file. Unknown and changed keys are refused; only when
 * trust-on-first-use is explicitly on is an unknown key accepted, and then it is written to known_hosts.
 */
public final class HostKeys {
    private static final Logger LOG = Logger.getLogger(HostKeys.class);

    private final Map<String, String> pinnedBySerial;
    private final Optional<Path> knownHostsFile;
    private final boolean trustOnFirstUse;
    private KnownHosts knownHosts;
    private long knownHostsStamp = -1;

    public HostKeys(Map<String, String> pinnedBySerial, Optional<Path> knownHostsFile, boolean trustOnFirstUse) {
        this.pinnedBySerial = Map.copyOf(pinnedBySerial);
        this.knownHostsFile = knownHostsFile;
        this.trustOnFirstUse = trustOnFirstUse;
    }

    /** A verifier for one connection; after a refusal {@link Check#refusal()} says why. */
    public Check checkFor(String serial) {
        return new Check(serial);
    }

    /** One connection's verification, remembering why it refused. */
    public final class Check implements HostKeyVerifier {
        private final String serial;
        private volatile String refusal;

        Check(String serial) {
            this.serial = serial;
        }

        public String refusal() {
            return refusal;
        }

        @Override
        public boolean verify(String hostname, int port, PublicKey key) {
            String pinned = pinnedBySerial.get(serial);
            if (pinned != null) {
                String expected = pinned.startsWith("SHA256:") ? pinned : "SHA256:" + pinned;
                String actual = "SHA256:" + sha256(key);
                if (!expected.equals(actual)) {
                    refusal = "host key " + actual + " does not match the pinned fingerprint";
                    return false;
                }
                return true;
            }
            return verifyKnownHosts(this, hostname, port, key);
        }

        @Override
        public List<String> findExistingAlgorithms(String hostname, int port) {
            if (pinnedBySerial.containsKey(serial)) {
                return List.of();
            }
            KnownHosts hosts = knownHosts();
            synchronized (HostKeys.this) {
                return hosts == null ? List.of() : hosts.findExistingAlgorithms(hostname, port);
            }
        }
    }

    private boolean verifyKnownHosts(Check check, String hostname, int port, PublicKey key) {
        KnownHosts hosts = knownHosts();
        if (hosts == null) {
            check.refusal = "no known_hosts file and no pinned fingerprint for this router";
            return false;
        }
        synchronized (this) {
            hosts.current = check;
            try {
                return hosts.verify(hostname, port, key);
            } finally {
                hosts.current = null;
            }
        }
    }

    private synchronized KnownHosts knownHosts() {
        if (knownHostsFile.isEmpty()) {
            return null;
        }
        Path file = knownHostsFile.get();
        try {
            if (!Files.exists(file)) {
                if (!trustOnFirstUse) {
                    return null;
                }
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.createFile(file);
            }
            long stamp = Files.getLastModifiedTime(file).toMillis() ^ Files.size(file);
            if (knownHosts == null || stamp != knownHostsStamp) {
                knownHosts = new KnownHosts(file.toFile());
                knownHostsStamp = stamp;
            }
            return knownHosts;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read known_hosts " + file, e);
        }
    }

    private final class KnownHosts extends OpenSSHKnownHosts {
        Check current;

        KnownHosts(File file) throws IOException {
            super(file);
        }

        @Override
        protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
            String fingerprint = "SHA256:" + sha256(key);
            if (!trustOnFirstUse) {
                current.refusal = "unknown host key " + fingerprint + " for " + hostname + " (not in known_hosts)";
                return false;
            }
            try {
                HostEntry entry = new HostEntry(null, hostname, KeyType.fromKey(key), key);
                entries().add(entry);
                write(entry);
                knownHostsStamp = -1;
                LOG.warnf("trust on first use: recorded host key %s for %s in %s", fingerprint, hostname, getFile());
                return true;
            } catch (IOException e) {
                current.refusal = "could not record host key on first use: " + e.getMessage();
                return false;
            }
        }

        @Override
        protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
            current.refusal = "host key of " + hostname + " CHANGED to SHA256:" + sha256(key) + " (known_hosts differs)";
            return false;
        }
    }

    /** OpenSSH's SHA256 fingerprint body (base64 without padding). */
    static String sha256(PublicKey key) {
        try {
            byte[] blob = new net.schmizz.sshj.common.Buffer.PlainBuffer().putPublicKey(key).getCompactData();
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(blob);
            return java.util.Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
