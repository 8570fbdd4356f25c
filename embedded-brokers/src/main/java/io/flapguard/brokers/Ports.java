package io.flapguard.brokers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port helpers: find a free port, or fail early and clearly when a chosen one is taken. */
public final class Ports {
    public static final String LOOPBACK = "127.0.0.1";

    private Ports() {
    }

    /** A port that was free a moment ago. */
    public static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new BrokerStartException("cannot find a free port on " + LOOPBACK + ": " + e.getMessage(), e);
        }
    }

    /** {@code port} itself when free, a free port when {@code port} is 0; otherwise a clear error naming {@code what}. */
    public static int claim(int port, String what) {
        if (port == 0) {
            return free();
        }
        if (!isFree(port)) {
            throw new BrokerStartException(what + " port " + port + " on " + LOOPBACK
                    + " is already in use (another FlapGuard or broker running?); choose another port");
        }
        return port;
    }

    /** The host clients elsewhere reach a listener bound to {@code bindAddress} at (a wildcard: this host's name). */
    public static String advertised(String bindAddress) {
        if (!bindAddress.equals("0.0.0.0") && !bindAddress.equals("::")) {
            return bindAddress;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return LOOPBACK;
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
