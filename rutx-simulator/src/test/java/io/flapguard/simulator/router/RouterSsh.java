package io.flapguard.simulator.router;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;

import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.IOUtils;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.userauth.keyprovider.KeyPairWrapper;

/** A real SSH client (SSHJ) logged into a simulated router as root, pinning its host key. */
final class RouterSsh implements AutoCloseable {

    /** One client key for all tests: EC keys are quick to make and SSHJ signs with them without extras. */
    static final KeyPair CLIENT_KEY = newClientKey();

    private final SSHClient ssh = new SSHClient();

    private RouterSsh(SimulatedRouterServer server, KeyPair key) throws IOException {
        ssh.addHostKeyVerifier(server.hostKeyFingerprint());
        ssh.connect(server.host(), server.port());
        ssh.authPublickey(SimulatedRouterServer.USER, new KeyPairWrapper(key));
    }

    static RouterSsh connect(SimulatedRouterServer server) throws IOException {
        return new RouterSsh(server, CLIENT_KEY);
    }

    static RouterSsh connect(SimulatedRouterServer server, KeyPair key) throws IOException {
        return new RouterSsh(server, key);
    }

    record Result(String stdout, String stderr, Integer exitStatus) {
        String out() {
            return stdout.strip();
        }
    }

    Result exec(String command) throws IOException {
        try (Session session = ssh.startSession()) {
            Session.Command cmd = session.exec(command);
            String stdout = IOUtils.readFully(cmd.getInputStream()).toString(StandardCharsets.UTF_8);
            String stderr = IOUtils.readFully(cmd.getErrorStream()).toString(StandardCharsets.UTF_8);
            cmd.join(20, TimeUnit.SECONDS);
            return new Result(stdout, stderr, cmd.getExitStatus());
        }
    }

    /** Starts a command and hands back its stdout to follow line by line. */
    Running start(String command) throws IOException {
        Session session = ssh.startSession();
        Session.Command cmd = session.exec(command);
        return new Running(session, cmd);
    }

    record Running(Session session, Session.Command command) implements AutoCloseable {
        BufferedReader stdout() {
            return new BufferedReader(new InputStreamReader(command.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Reads lines until one starts with the prefix; fails at end of stream. */
        String readUntil(BufferedReader reader, String prefix) throws IOException {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            throw new IOException("stream ended before a line starting with " + prefix);
        }

        @Override
        public void close() throws IOException {
            session.close();
        }
    }

    SFTPClient sftp() throws IOException {
        return ssh.newSFTPClient();
    }

    boolean connected() {
        return ssh.isConnected();
    }

    @Override
    public void close() throws IOException {
        ssh.close();
    }

    private static KeyPair newClientKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
