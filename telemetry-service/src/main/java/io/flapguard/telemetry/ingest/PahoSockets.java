package io.flapguard.telemetry.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets for Paho (tcp:// only), tuned for a stream of small packets:
 * <ul>
 * <li>Nagle's algorithm off: with it on, a PUBACK waits for the TCP acknowledgement of the previous one, which the
 * broker delays (~40 ms) when it has nothing to send. A broker that sends its next batch only after the acks of the
 * last (HiveMQ CE polls its queue again when the client's in-flight count reaches 0) then delivers one batch per
 * ~40 ms: the ~1 message/ms ceiling measured before.</li>
 * <li>A buffered input stream: Paho reads each packet's header byte by byte from the socket, several system calls
 * per message otherwise.</li>
 * </ul>
 */
public final class PahoSockets extends SocketFactory {
    public static final PahoSockets INSTANCE = new PahoSockets();
    private static final int READ_BUFFER = 64 * 1024;

    private PahoSockets() {
    }

    /** Paho calls {@link #createSocket()} and then connects; the other forms connect at once. */
    @Override
    public Socket createSocket() throws IOException {
        Socket s = new BufferedSocket();
        s.setTcpNoDelay(true);
        return s;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connected(InetSocketAddress to, InetSocketAddress from) throws IOException {
        Socket s = createSocket();
        if (from != null) {
            s.bind(from);
        }
        s.connect(to);
        return s;
    }

    /** One buffered stream per socket: every caller of {@link #getInputStream()} reads through the same buffer. */
    private static final class BufferedSocket extends Socket {
        private InputStream in;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new BufferedInputStream(super.getInputStream(), READ_BUFFER);
            }
            return in;
        }
    }
}
