package cn.hotline12345.cti.bench;

import cn.hotline12345.cti.telephony.ami.AmiFramer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The practical ceiling: a blocking socket read into a 64 KiB buffer and {@link AmiFramer} turning the bytes
 * into key/value messages, counted and dropped. No translation, no tracking, no I/O.
 */
final class RawParserClient implements IngestClient {

    private final String user;
    private final String secret;
    private Socket socket;
    private Thread thread;
    private volatile long events;

    RawParserClient(String user, String secret) {
        this.user = user;
        this.secret = secret;
    }

    @Override
    public String label() {
        return "plain key/value parser (AmiFramer on a socket, counting)";
    }

    @Override
    public void connect(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        OutputStream out = socket.getOutputStream();
        out.write(("Action: Login\r\nActionID: raw-1\r\nUsername: " + user + "\r\nSecret: " + secret
                + "\r\nEvents: on\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream in = socket.getInputStream();
        thread = new Thread(() -> read(in), "raw-ami-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void read(InputStream in) {
        long[] n = new long[1];
        AmiFramer framer = AmiFramer.standard(b -> { }, m -> {
            if (m.size() > 0 && m.key(0).equals("Event") && !m.value(0).equals("FullyBooted")) {
                n[0]++;
            }
        });
        byte[] buf = new byte[64 * 1024];
        try {
            int r;
            while ((r = in.read(buf)) > 0) {
                framer.feed(buf, 0, r);
                events = n[0];
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void awaitReady(FakeAmiServer.Session session, Duration timeout) throws InterruptedException {
        if (!session.awaitLogin(timeout)) {
            throw new IllegalStateException("raw client did not log in");
        }
    }

    @Override
    public long events() {
        return events;
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        }
    }
}
