package cn.hotline12345.pbxsim.media;

import org.bouncycastle.tls.DTLSTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A WebRTC audio peer for a simulated phone: it plays a {@link Voice} to a browser (PCMU in SRTP, 20 ms packets) and
 * receives the browser's audio and RFC 4733 key presses. One UDP socket carries everything, demultiplexed by first
 * byte (RFC 7983): STUN (ICE-lite, RFC 8445 §2.5: we only answer checks), DTLS 1.2 (RFC 5764: keys SRTP, far end
 * pinned by its SDP fingerprint) and SRTP/SRTCP (RFC 3711, AES_CM_128_HMAC_SHA1_80).
 *
 * <p>Threads: nothing here blocks the caller beyond binding a socket and, the first time in a process, making the
 * certificate: about 1.6 s on this 2-core machine, mostly loading BouncyCastle, then about 70 ms for the first
 * {@code open} and 1-4 ms for each later one (measured 2026-12-07). Call {@link #prepare()} once on a worker thread
 * (e.g. {@code executeBlocking} when the simulator starts) so that no event loop pays it. Each media end runs
 * three daemon threads of its own: one reads the socket (and calls {@link #onDtmf} listeners), one runs the DTLS
 * handshake and then services DTLS, one paces our packets ({@code scheduleAtFixedRate}: every 20 ms by absolute time,
 * so no drift). {@link #close()} stops them all.
 *
 * <p>What Chromium (156, headless, in MediaEndBrowserTest) showed that the RFCs alone do not tell:
 * <ul>
 *   <li>its checks come before its answer does: it starts ICE as soon as it has our offer and its own answer, so two
 *       checks had been answered before {@link #answer} was called. Checks carrying our ufrag and our password's
 *       integrity are therefore answered before we know the far end's ufrag (and checked in full after);</li>
 *   <li>it needs no RTCP sender report from us to play our audio (we send none; its receiver reports are
 *       authenticated and counted, {@link Stats#rtcpReceived()});</li>
 *   <li>it ends every RFC 4733 event with repeated end packets: reporting each end packet doubles keys;</li>
 *   <li>its offer carries telephone-event twice, 126 at 8000 Hz and 110 at 48000 Hz (Opus's): only the 8000 Hz one
 *       goes with PCMU; its host candidates are the host's address and an IPv6 one, never loopback, and TCP ones
 *       in an offer (only UDP matters to us). A media end bound to 127.0.0.1 is still reached from the host's
 *       address on Linux, but binding the host's own address is the safer choice;</li>
 *   <li>a re-offer for hold keeps ufrag, pwd and fingerprint (no ICE restart, no new DTLS), with a=setup:actpass:
 *       we answer with the role DTLS already has.</li>
 * </ul>
 * We always request the client's certificate: its fingerprint in the SDP is the only authentication WebRTC has.
 */
public final class MediaEnd implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaEnd.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final int DEFAULT_TE_PT = 101;

    private final DatagramSocket socket;
    private final int port;
    private final String host;
    private final Voice voice;
    private final String ufrag = random(8);
    private final String pwd = random(24);
    private final byte[] pwdKey = pwd.getBytes(StandardCharsets.US_ASCII);
    private final Dtls.Identity identity = Dtls.Identity.shared();
    private final long ssrc = RANDOM.nextInt() & 0xFFFFFFFFL;
    private final long sessionId = RANDOM.nextLong() & Long.MAX_VALUE;
    private final AtomicLong sdpVersion = new AtomicLong(1);

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong rtcpReceived = new AtomicLong();
    private final AtomicLong stunAnswered = new AtomicLong();
    private final AtomicLong ticks = new AtomicLong();

    private final Dtls.Channel channel;
    private final Thread receiver;
    private final Thread dtlsThread;
    private final ScheduledExecutorService pacer;
    private final CompletableFuture<InetSocketAddress> peerKnown = new CompletableFuture<>();
    private final RtpSender rtp;
    private final TelephoneEvents events = new TelephoneEvents(this::key);

    private volatile Sdp.Remote remote;
    private volatile Boolean dtlsServer;
    private volatile InetSocketAddress peer;
    private volatile boolean nominated;
    private volatile Srtp inbound;
    private volatile boolean dtlsConnected;
    private volatile boolean sendAllowed = true;
    private volatile boolean closed;
    private volatile String lastError;
    private volatile String offer;
    private volatile String answerSdp;
    private volatile Consumer<Character> dtmf = k -> { };

    private MediaEnd(String host, Voice voice) throws IOException {
        this.host = Objects.requireNonNull(host, "host");
        this.voice = Objects.requireNonNull(voice, "voice");
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), 0));
        this.port = socket.getLocalPort();
        String name = "media-" + port;
        this.channel = new Dtls.Channel(this::sendToPeer);
        this.rtp = new RtpSender(voice, ssrc);
        this.pacer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name + "-tx"));
        this.receiver = daemon(this::receiveLoop, name + "-rx");
        this.dtlsThread = daemon(this::dtlsLoop, name + "-dtls");
        receiver.start();
    }

    /** Makes the process's DTLS certificate now (a worker thread at start-up), so no later {@link #open} waits for it. */
    public static void prepare() {
        Dtls.Identity.shared();
    }

    /** Binds a UDP socket on host (any free port); voice = what it plays to the far end, looped. */
    public static MediaEnd open(String host, Voice voice) throws IOException {
        MediaEnd m = new MediaEnd(host, voice);
        m.offer = m.local("actpass", "sendrecv", "0", DEFAULT_TE_PT, List.of(), List.of());
        return m;
    }

    /**
     * The other direction: the far end offers (a browser's INVITE to a simulated phone): we answer as ICE-lite with
     * a=setup:passive (the browser is then the DTLS client; a=setup:active only if it offered passive) and start media.
     *
     * @throws IllegalArgumentException for an offer it cannot use, naming what is missing; nothing is left open then
     */
    public static MediaEnd accept(String host, Voice voice, String offerSdp) throws IOException {
        Sdp.Remote r = Sdp.parse(offerSdp, "SDP offer", true);
        MediaEnd m = new MediaEnd(host, voice);
        boolean server = !r.setup().equals("passive");
        m.answerSdp = m.answerTo(r, server ? "passive" : "active");
        m.start(r, server);
        return m;
    }

    /** Our SDP offer (the INVITE's body): audio only. Null for a media end made by {@link #accept}. */
    public String offer() {
        return offer;
    }

    /** Our SDP answer to the offer given to {@link #accept}; null for a media end made by {@link #open}. */
    public String answerSdp() {
        return answerSdp;
    }

    /** The port our socket is (or, after close(), was) bound to. */
    public int port() {
        return port;
    }

    /**
     * The far end's SDP answer (its 200 OK) to {@link #offer()}: ICE ufrag/pwd, DTLS fingerprint, setup role. Starts
     * media and returns at once; the handshake runs on this media end's thread.
     *
     * @throws IllegalArgumentException for an answer it cannot use, naming what is missing (nothing changes then)
     * @throws IllegalStateException    when an answer was already applied, or for a media end made by {@link #accept}
     */
    public synchronized void answer(String sdp) {
        if (offer == null || remote != null) {
            throw new IllegalStateException("this media end takes no (further) SDP answer");
        }
        Sdp.Remote r = Sdp.parse(sdp, "SDP answer", false);
        start(r, r.setup().equals("active"));
    }

    /**
     * A re-INVITE's offer from the far end (hold: a=sendonly / a=inactive; resume: a=sendrecv) to our SDP answer
     * (recvonly / inactive / sendrecv); sending stops or restarts accordingly. ICE and DTLS carry on unchanged.
     *
     * @throws IllegalArgumentException for an offer it cannot use, one restarting ICE or changing the certificate
     * @throws IllegalStateException    before media has started
     */
    public synchronized String reoffer(String sdp) {
        Sdp.Remote before = remote;
        if (before == null) {
            throw new IllegalStateException("no media yet: answer() or accept() first");
        }
        Sdp.Remote r = Sdp.parse(sdp, "SDP re-offer", true);
        if (!r.ufrag().equals(before.ufrag()) || !r.pwd().equals(before.pwd())) {
            throw new IllegalArgumentException("SDP re-offer: ICE restart (new a=ice-ufrag/ice-pwd) is not supported");
        }
        if (!r.fingerprintHash().equals(before.fingerprintHash())
                || !java.security.MessageDigest.isEqual(r.fingerprint(), before.fingerprint())) {
            throw new IllegalArgumentException("SDP re-offer: a new a=fingerprint (a new DTLS session) is not supported");
        }
        String ours = Sdp.answerDirection(r.direction());
        String answer = answerTo(r, Boolean.TRUE.equals(dtlsServer) ? "passive" : "active");
        remote = r;
        sendAllowed = ours.equals("sendrecv") || ours.equals("sendonly");
        LOG.debug("media {}: re-offer {} answered {}", port(), r.direction(), ours);
        return answer;
    }

    /**
     * Receives each RFC 4733 key press of the far end once ('0'-'9', '*', '#', 'A'-'D'). Called on this media end's
     * receiving thread, which it must not hold up; replaces any earlier listener.
     */
    public void onDtmf(Consumer<Character> listener) {
        this.dtmf = Objects.requireNonNull(listener, "listener");
    }

    /** The counters now. */
    public Stats stats() {
        return new Stats(sent.get(), received.get(), rejected.get(), ignored.get(), rtcpReceived.get(),
                stunAnswered.get(), dtlsConnected, lastError);
    }

    /** The pacer's 20 ms ticks so far, sent or not (tests wait on it to know time has passed for the pacer). */
    long ticks() {
        return ticks.get();
    }

    /** True once close() has run and every thread of this media end has ended. */
    boolean terminated() {
        return closed && !receiver.isAlive() && !dtlsThread.isAlive() && pacer.isTerminated();
    }

    /** Idempotent; frees the socket and the threads (they end on their own within moments; this does not wait). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pacer.shutdownNow();
        channel.close();
        socket.close();
        dtlsThread.interrupt();
        peerKnown.cancel(false);
    }

    private void start(Sdp.Remote r, boolean weAreServer) {
        synchronized (this) {
            remote = r;
            dtlsServer = weAreServer;
            String ours = offer != null ? r.direction() : Sdp.answerDirection(r.direction());
            // the far end answering sendonly/inactive to our sendrecv offer, or offering recvonly/inactive
            sendAllowed = offer != null ? (ours.equals("sendrecv") || ours.equals("recvonly"))
                    : (ours.equals("sendrecv") || ours.equals("sendonly"));
        }
        dtlsThread.start();
    }

    private String local(String setup, String direction, String mid, int tePt, List<Sdp.Section> before,
                         List<Sdp.Section> after) {
        return new Sdp.Local(host, port(), ufrag, pwd, identity.fingerprintSha256(), setup, direction, mid, tePt, ssrc,
                "pbxsim-" + Long.toHexString(ssrc), sessionId, sdpVersion.getAndIncrement(), before, after).render();
    }

    private String answerTo(Sdp.Remote r, String setup) {
        List<Sdp.Section> all = r.sections();
        return local(setup, Sdp.answerDirection(r.direction()), r.mid(), r.telephoneEventPt(),
                all.subList(0, r.audioIndex()), all.subList(r.audioIndex() + 1, all.size()));
    }

    private void receiveLoop() {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!closed) {
            try {
                p.setLength(buf.length);
                socket.receive(p);
            } catch (IOException e) {
                if (!closed) {
                    lastError = "UDP receive failed: " + e.getMessage();
                    LOG.warn("media {}: receive failed", port(), e);
                }
                break;
            }
            try {
                dispatch(buf, p.getLength(), (InetSocketAddress) p.getSocketAddress());
            } catch (RuntimeException e) {
                // a datagram we could not make sense of must never end the media end
                ignored.incrementAndGet();
                LOG.debug("media {}: datagram dropped", port(), e);
            }
        }
    }

    private void dispatch(byte[] buf, int len, InetSocketAddress from) throws RuntimeException {
        int first = len > 0 ? buf[0] & 0xFF : -1;
        if (first >= 0 && first <= 3) {
            stun(buf, len, from);
        } else if (first >= 20 && first <= 63) {
            if (from.equals(peer) && channel.offer(java.util.Arrays.copyOf(buf, len))) {
                return;
            }
            ignored.incrementAndGet();
        } else if (first >= 128 && first <= 191) {
            srtp(buf, len, from);
        } else {
            ignored.incrementAndGet();
        }
    }

    private void stun(byte[] buf, int len, InetSocketAddress from) {
        Stun.Message m = Stun.parse(buf, len);
        String user = m == null || m.type() != Stun.BINDING_REQUEST ? null : m.username();
        int colon = user == null ? -1 : user.indexOf(':');
        Sdp.Remote r = remote;
        // USERNAME is "ourUfrag:theirUfrag" (RFC 8445 §7.2.2); before the answer arrives we know only our half
        if (colon < 0 || !user.substring(0, colon).equals(ufrag)
                || (r != null && !user.substring(colon + 1).equals(r.ufrag()))
                || !m.integrityValid(pwdKey) || !m.fingerprintValidOrAbsent()) {
            ignored.incrementAndGet();
            return;
        }
        byte[] response = new Stun.Builder(Stun.BINDING_SUCCESS, m.transactionId()).xorMappedAddress(from)
                .build(pwdKey, true);
        // counted before it leaves, so that whoever sees the response also sees the count
        stunAnswered.incrementAndGet();
        try {
            socket.send(new DatagramPacket(response, response.length, from));
        } catch (IOException e) {
            if (!closed) {
                LOG.debug("media {}: STUN response not sent", port(), e);
            }
            return;
        }
        // a lite agent takes the pair the controlling agent nominates (RFC 8445 §7.3.1.5); until then the first one
        boolean useCandidate = m.has(Stun.USE_CANDIDATE);
        if (peer == null || (useCandidate && (!nominated || !from.equals(peer)))) {
            peer = from;
            nominated |= useCandidate;
            peerKnown.complete(from);
        }
    }

    private void srtp(byte[] buf, int len, InetSocketAddress from) {
        Srtp in = inbound;
        if (in == null || !from.equals(peer)) {
            ignored.incrementAndGet();
            return;
        }
        int pt = len > 1 ? buf[1] & 0xFF : 0;
        if (pt >= 192 && pt <= 223) { // RTCP packet types 192-223 share the port (RFC 5761 §4)
            if (in.unprotectRtcp(buf, len) != null) {
                rtcpReceived.incrementAndGet();
            } else {
                rejected.incrementAndGet();
            }
            return;
        }
        byte[] plain = len > Srtp.TAG + 12 ? in.unprotectRtp(buf, len) : null;
        if (plain == null) {
            rejected.incrementAndGet();
            return;
        }
        received.incrementAndGet();
        Sdp.Remote r = remote;
        if (r != null && (plain[1] & 0x7F) == r.telephoneEventPt()) {
            int header = Srtp.rtpHeaderLength(plain, plain.length);
            long ts = ((plain[4] & 0xFFL) << 24) | ((plain[5] & 0xFFL) << 16) | ((plain[6] & 0xFFL) << 8) | (plain[7] & 0xFFL);
            events.packet(ts, plain, header, plain.length - header);
        }
    }

    private void key(char k) {
        try {
            dtmf.accept(k);
        } catch (RuntimeException e) {
            LOG.warn("media {}: DTMF listener failed on {}", port(), k, e);
        }
    }

    private void sendToPeer(byte[] b, int off, int len) throws IOException {
        InetSocketAddress to = peer;
        if (to == null) {
            throw new IOException("no ICE-selected address yet");
        }
        socket.send(new DatagramPacket(b, off, len, to));
    }

    private void dtlsLoop() {
        DTLSTransport transport = null;
        try {
            if (!dtlsServer) {
                peerKnown.get(); // as DTLS client we can only start once ICE tells us where the far end is
            }
            Sdp.Remote r = remote;
            Dtls.Result result = Dtls.handshake(dtlsServer, channel, identity,
                    new Dtls.Expected(r.fingerprintHash(), r.fingerprint()), why -> {
                        lastError = why;
                        sendAllowed = false;
                    });
            transport = result.transport();
            Dtls.Keys keys = result.keys();
            inbound = new Srtp(keys.remoteKey(), keys.remoteSalt());
            rtp.keys(new Srtp(keys.localKey(), keys.localSalt()));
            dtlsConnected = true;
            LOG.debug("media {}: DTLS connected as {}", port(), dtlsServer ? "server" : "client");
            pacer.scheduleAtFixedRate(this::tick, 0, 20, TimeUnit.MILLISECONDS);
            byte[] b = new byte[2048];
            while (!closed) {
                // keeps answering the far end's retransmitted flights and reading its alerts
                transport.receive(b, 0, b.length, 1_000);
            }
        } catch (Exception e) {
            if (!closed) {
                lastError = (dtlsConnected ? "DTLS failed: " : "DTLS handshake failed: ") + message(e);
                LOG.info("media {}: {}", port(), lastError);
            }
        } finally {
            if (transport != null) {
                try {
                    transport.close();
                } catch (IOException | RuntimeException ignoredOnClose) {
                    // closing anyway
                }
            }
        }
    }

    private static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    private void tick() {
        ticks.incrementAndGet();
        try {
            byte[] packet = rtp.next(sendAllowed && !closed && lastError == null);
            if (packet != null) {
                sendToPeer(packet, 0, packet.length);
                sent.incrementAndGet();
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                LOG.debug("media {}: RTP not sent", port(), e);
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static String random(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(ICE_CHARS.charAt(RANDOM.nextInt(ICE_CHARS.length())));
        }
        return b.toString();
    }
}
