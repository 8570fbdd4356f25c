package io.flapguard.simulator.router;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Starts a fresh router per test; a test configures {@link #router} and then calls {@link #ssh()}. */
abstract class RouterFixture {

    @TempDir
    Path state;

    final SimulatedRouter router = new SimulatedRouter("1100123456").updateDuration(Duration.ofMillis(500));
    SimulatedRouterServer server;
    private RouterSsh ssh;

    RouterSsh ssh() throws IOException {
        if (server == null) {
            server = SimulatedRouterServer.builder(router, state).authorizedKey(RouterSsh.CLIENT_KEY.getPublic()).start();
        }
        if (ssh == null) {
            ssh = RouterSsh.connect(server);
        }
        return ssh;
    }

    RouterSsh.Result exec(String command) throws IOException {
        return ssh().exec(command);
    }

    /** Brings modem_updater onto the router the way an updater would. */
    void installModemUpdater() throws IOException {
        exec("opkg update");
        exec("opkg install modem_updater");
    }

    @AfterEach
    void stopRouter() throws IOException {
        if (ssh != null) {
            ssh.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
