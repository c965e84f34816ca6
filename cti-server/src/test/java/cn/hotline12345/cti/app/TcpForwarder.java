package cn.hotline12345.cti.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder for the partition test: the nodes in their network namespaces reach the test's PostgreSQL (which
 * listens on loopback) through it. It can blackhole one source address: its open connections stop carrying bytes
 * (no error, no reset, as a cut network cable looks to the sender) and its new ones are never answered.
 */
final class TcpForwarder implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final Set<String> blackholed = ConcurrentHashMap.newKeySet();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    TcpForwarder(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
        Thread t = new Thread(this::accept, "tcp-forwarder");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** From now on the bytes of this source address go nowhere, in both directions. */
    void blackhole(String sourceAddress) {
        blackholed.add(sourceAddress);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket in = server.accept();
                open.add(in);
                Socket out = new Socket("127.0.0.1", targetPort);
                open.add(out);
                String source = in.getInetAddress().getHostAddress();
                pump(in, out, source);
                pump(out, in, source);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to, String source) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16_384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (blackholed.contains(source)) {
                        continue; // swallowed: the other side waits for an answer that never comes
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed: close the other
            } finally {
                if (!blackholed.contains(source)) {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }
        }, "tcp-forwarder-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(TcpForwarder::closeQuietly);
    }
}
