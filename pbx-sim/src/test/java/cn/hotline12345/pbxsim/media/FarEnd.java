package cn.hotline12345.pbxsim.media;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A far end made of our own parts for tests that need to forge what a browser would never send: a full ICE agent's
 * checks (controlling, USE-CANDIDATE), DTLS as client or server with its own certificate, SRTP both ways. It runs
 * over its own real UDP socket.
 */
final class FarEnd implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    final DatagramSocket socket;
    final String ufrag = "farU";
    final String pwd = "far-end-password-0123456789";
    final Dtls.Identity identity = Dtls.Identity.generate();
    final List<Stun.Message> stunResponses = new CopyOnWriteArrayList<>();
    final AtomicLong srtpAuthenticated = new AtomicLong();
    final AtomicLong srtpPt0 = new AtomicLong();
    private final Dtls.Channel channel;
    private final Thread reader;
    private volatile InetSocketAddress media;
    private volatile Srtp in;
    private volatile Srtp out;
    private volatile boolean closed;
    private int seq = 1000;

    FarEnd() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        channel = new Dtls.Channel((b, off, len) -> socket.send(new DatagramPacket(b, off, len, media)));
        reader = new Thread(this::read, "far-end-rx");
        reader.setDaemon(true);
        reader.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** An SDP of ours with the given DTLS role and direction, for the media end to take as answer or offer. */
    String sdp(String setup, String direction) {
        return new Sdp.Local("127.0.0.1", port(), ufrag, pwd, identity.fingerprintSha256(), setup, direction, "0", 101,
                4242, "far", 1, 1, List.of(), List.of()).render();
    }

    void target(int mediaPort) {
        media = new InetSocketAddress("127.0.0.1", mediaPort);
    }

    /** A connectivity check as Chromium sends it, and its response (waited for: it must come). */
    Stun.Message check(String username, String password, boolean useCandidate) throws IOException {
        return response(sendCheck(socket, username, password, useCandidate));
    }

    /** Sends a check from {@code from} without waiting; returns its transaction id. */
    byte[] sendCheck(DatagramSocket from, String username, String password, boolean useCandidate) throws IOException {
        byte[] tid = new byte[12];
        RANDOM.nextBytes(tid);
        Stun.Builder b = new Stun.Builder(Stun.BINDING_REQUEST, tid)
                .attribute(Stun.USERNAME, username.getBytes(StandardCharsets.US_ASCII))
                .attribute(Stun.PRIORITY, new byte[] {0x6e, 0, 1, (byte) 0xff})
                .attribute(Stun.ICE_CONTROLLING, new byte[8]);
        if (useCandidate) {
            b.attribute(Stun.USE_CANDIDATE, new byte[0]);
        }
        byte[] req = b.build(password.getBytes(StandardCharsets.US_ASCII), true);
        from.send(new DatagramPacket(req, req.length, media));
        return tid;
    }

    Stun.Message response(byte[] tid) {
        MediaEndBrowserTest.await("the STUN response", () -> answered(tid));
        return stunResponses.stream().filter(m -> Arrays.equals(m.transactionId(), tid)).findFirst().orElseThrow();
    }

    /**
     * Whether a response to {@code tid} has come. Asked after a later check's response has: the media end answers in
     * order on one thread, so a response to the earlier check would have come first.
     */
    boolean answered(byte[] tid) {
        return stunResponses.stream().anyMatch(m -> Arrays.equals(m.transactionId(), tid));
    }

    /** Runs DTLS against the media end on a thread of its own; completes with the keys. */
    CompletableFuture<Dtls.Keys> dtls(boolean asServer, String mediaSdp) {
        Sdp.Remote r = Sdp.parse(mediaSdp, "media end SDP", true);
        CompletableFuture<Dtls.Keys> keys = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                Dtls.Result res = Dtls.handshake(asServer, channel, identity,
                        new Dtls.Expected(r.fingerprintHash(), r.fingerprint()), why -> { });
                in = new Srtp(res.keys().remoteKey(), res.keys().remoteSalt());
                out = new Srtp(res.keys().localKey(), res.keys().localSalt());
                keys.complete(res.keys());
            } catch (Exception e) {
                keys.completeExceptionally(e);
            }
        }, "far-end-dtls");
        t.setDaemon(true);
        t.start();
        return keys;
    }

    /** One SRTP packet of payload type pt; tamper flips a bit of its tag. */
    void rtp(int pt, long timestamp, byte[] payload, boolean tamper) throws IOException {
        byte[] p = new byte[12 + payload.length];
        p[0] = (byte) 0x80;
        p[1] = (byte) pt;
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq++;
        p[4] = (byte) (timestamp >>> 24);
        p[5] = (byte) (timestamp >>> 16);
        p[6] = (byte) (timestamp >>> 8);
        p[7] = (byte) timestamp;
        p[11] = 42;
        System.arraycopy(payload, 0, p, 12, payload.length);
        byte[] s = out.protectRtp(p, p.length);
        if (tamper) {
            s[s.length - 1] ^= 1;
        }
        raw(s);
    }

    void raw(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length, media));
    }

    private void read() {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!closed) {
            try {
                p.setLength(buf.length);
                socket.receive(p);
            } catch (IOException e) {
                return;
            }
            int len = p.getLength();
            int first = buf[0] & 0xFF;
            if (first < 4) {
                Stun.Message m = Stun.parse(buf, len);
                if (m != null) {
                    stunResponses.add(m);
                }
            } else if (first >= 20 && first <= 63) {
                channel.offer(Arrays.copyOf(buf, len));
            } else if (first >= 128 && first <= 191 && in != null) {
                byte[] plain = in.unprotectRtp(buf, len);
                if (plain != null) {
                    srtpAuthenticated.incrementAndGet();
                    if ((plain[1] & 0x7F) == 0) {
                        srtpPt0.incrementAndGet();
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        channel.close();
        socket.close();
    }
}
