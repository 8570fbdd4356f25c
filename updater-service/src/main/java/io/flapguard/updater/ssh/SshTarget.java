package io.flapguard.updater.ssh;

/** Where one router's SSH server listens. */
public record SshTarget(String host, int port) {
    @Override
    public String toString() {
        return host + ":" + port;
    }
}
