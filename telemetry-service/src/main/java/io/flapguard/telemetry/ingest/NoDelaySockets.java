package io.flapguard.telemetry.ingest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets with Nagle's algorithm off, for Paho (which leaves it on). With Nagle on, a PUBACK waits for
 * the TCP acknowledgement of the previous one, which the broker delays (~40 ms) when it has nothing to send; a
 * broker that sends its next batch only after the acks of the last (HiveMQ CE polls its queue again when the
 * in-flight count reaches 0) then delivers one batch per ~40 ms: the ~1 message/ms ceiling measured before.
 */
public final class NoDelaySockets extends SocketFactory {
    public static final NoDelaySockets INSTANCE = new NoDelaySockets();

    private NoDelaySockets() {
    }

    private static Socket noDelay(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return noDelay(new Socket(address, port, localAddress, localPort));
    }
}
