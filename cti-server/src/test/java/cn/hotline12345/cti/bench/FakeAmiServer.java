package cn.hotline12345.cti.bench;

import cn.hotline12345.cti.telephony.ami.AmiFramer;
import cn.hotline12345.cti.telephony.ami.AmiMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An AMI server for load tests, over loopback TCP: it answers a client the way Asterisk 22 does (banner,
 * {@code Challenge}/MD5 and plain {@code Login}, {@code FullyBooted}, empty {@code CoreShowChannels},
 * {@code QueueStatus} and {@code QueueSummary} lists with their Complete events, {@code Ping}, and
 * {@code CoreSettings} for asterisk-java's version probe) and then streams a {@link StreamSegment} over and
 * over, as fast as the client reads or at a target rate. One client session at a time.
 */
public final class FakeAmiServer implements AutoCloseable {

    static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";
    private static final int CHUNK = 64 * 1024;

    private final ServerSocket server;
    private final String user;
    private final String secret;

    public FakeAmiServer(String user, String secret) throws IOException {
        this.user = user;
        this.secret = secret;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Waits for the next client and starts answering it (on a thread of its own). */
    public Session accept(Duration timeout) throws IOException {
        server.setSoTimeout((int) timeout.toMillis());
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        return new Session(s);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** What one {@link Session#stream} sent. */
    public record StreamResult(long events, long calls, long bytes, int repetitions, long startNanos, long endNanos) {
        public double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    /** One client connection. */
    public final class Session implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final Thread reader;
        private final CountDownLatch loggedIn = new CountDownLatch(1);
        private final CountDownLatch resynced = new CountDownLatch(1);
        private final String challenge = Long.toString(System.nanoTime() & 0xffffffffL);
        private volatile boolean streaming;
        private volatile long pings;
        private volatile long controlEvents;
        private volatile long sentEvents;
        /** Times the sender itself stalled ≥ 20 ms beyond its pacing (re-stamping ids, a late wake-up, no core). */
        private final java.util.List<String> senderStalls = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

        Session(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            write(BANNER);
            this.reader = new Thread(this::readActions, "fake-ami-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** The reader and the streaming threads, whose CPU is the load tool's, not the client's. */
        public Thread readerThread() {
            return reader;
        }

        public boolean awaitLogin(Duration timeout) throws InterruptedException {
            return loggedIn.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** True once the client asked for QueueSummary (the last of a resync) and got its answer. */
        public boolean awaitResync(Duration timeout) throws InterruptedException {
            return resynced.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        public boolean streaming() {
            return streaming;
        }

        /** Events sent by this session that were not the stream's (FullyBooted). */
        public long controlEvents() {
            return controlEvents;
        }

        /** Stream events written so far (whole chunks). */
        /**
         * When and how long the sender stalled on its own side between two writes (wall-clock time of the write
         * that ended the stall), beyond any wait its pacing asked for; a write blocked by a full socket buffer (the
         * client not reading) does not count.
         */
        public java.util.List<String> senderStalls() {
            synchronized (senderStalls) {
                return java.util.List.copyOf(senderStalls);
            }
        }

        public long sentEvents() {
            return sentEvents;
        }

        public long pings() {
            return pings;
        }

        /**
         * Sends the segment again and again, each time with the next epoch starting at {@code firstEpoch},
         * until {@code minDuration} has passed and at least {@code minRepetitions} were sent (a repetition is
         * never cut short: every call sent ends). {@code eventsPerSecond} 0 means as fast as the client reads.
         * Blocks the calling thread, which does the writing.
         */
        public StreamResult stream(StreamSegment segment, long firstEpoch, Duration minDuration, int minRepetitions,
                                   double eventsPerSecond) throws IOException {
            streaming = true;
            long start = System.nanoTime();
            long deadline = start + minDuration.toNanos();
            long events = 0;
            long bytes = 0;
            int reps = 0;
            long lastWriteEnd = 0;
            long intendedWait = 0;
            try {
                while (reps < minRepetitions || System.nanoTime() < deadline) {
                    segment.stampEpoch(firstEpoch + reps);
                    byte[] b = segment.bytes();
                    int msg = 0;
                    int from = 0;
                    while (msg < segment.events()) {
                        int first = msg;
                        while (msg < segment.events() && (msg == first || segment.messageEnd(msg) - from <= CHUNK)) {
                            msg++;
                        }
                        int to = segment.messageEnd(msg - 1);
                        long writeStart = System.nanoTime();
                        if (lastWriteEnd != 0 && writeStart - lastWriteEnd - intendedWait >= 20_000_000L) {
                            senderStalls.add(String.format(java.util.Locale.ROOT, "%s sender stalled %.1f ms",
                                    java.time.LocalTime.now(), (writeStart - lastWriteEnd - intendedWait) / 1e6));
                        }
                        synchronized (out) {
                            out.write(b, from, to - from);
                        }
                        lastWriteEnd = System.nanoTime();
                        intendedWait = 0;
                        bytes += to - from;
                        events += msg - first;
                        sentEvents = events;
                        from = to;
                        if (eventsPerSecond > 0) {
                            long due = start + (long) (events * 1e9 / eventsPerSecond);
                            long wait = due - System.nanoTime();
                            intendedWait = Math.max(0, wait);
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                        }
                    }
                    reps++;
                }
                synchronized (out) {
                    out.flush();
                }
            } finally {
                streaming = false;
            }
            return new StreamResult(events, (long) reps * segment.calls(), bytes, reps, start, System.nanoTime());
        }

        private void readActions() {
            AmiFramer framer = AmiFramer.standard(b -> { }, this::onAction);
            byte[] buf = new byte[8192];
            try (InputStream in = socket.getInputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    framer.feed(buf, 0, n);
                }
            } catch (IOException e) {
                // the client went away: the session is over
            }
        }

        private void onAction(AmiMessage a) {
            String action = a.get("Action", "");
            String id = a.get("ActionID", "");
            try {
                switch (action.toLowerCase()) {
                    case "challenge" -> respond(id, "Challenge: " + challenge);
                    case "login" -> login(a, id);
                    case "coreshowchannels" -> list(id, "Channels will follow", "CoreShowChannelsComplete");
                    case "queuestatus" -> list(id, "Queue status will follow", "QueueStatusComplete");
                    case "queuesummary" -> {
                        list(id, "Queue summary will follow", "QueueSummaryComplete");
                        resynced.countDown();
                    }
                    case "ping" -> {
                        pings++;
                        respond(id, "Ping: Pong", "Timestamp: " + System.currentTimeMillis() / 1000.0);
                    }
                    case "coresettings" -> respond(id, "AMIversion: 11.0.0", "AsteriskVersion: 22.5.2",
                            "SystemName: ", "CoreMaxCalls: 0", "CoreMaxLoadAvg: 0.000000", "CoreRunUser: asterisk",
                            "CoreRunGroup: asterisk", "CoreMaxFilehandles: 0", "CoreRealTimeEnabled: No",
                            "CoreCDRenabled: No", "CoreHTTPenabled: No", "SoundsSearchCustomDir: No");
                    // a user with every right the server needs (manager.c action_listcommands: one line per action)
                    case "listcommands" -> respond(id, cn.hotline12345.contract.AmiContract.USED_ACTIONS.stream()
                            .map(u -> u.name() + ": " + u.why() + " (Priv: all)").toArray(String[]::new));
                    case "logoff" -> write("Response: Goodbye\r\nActionID: " + id + "\r\nMessage: Thanks for all the fish.\r\n\r\n");
                    default -> respond(id);
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        private void login(AmiMessage a, String id) throws IOException {
            boolean ok = user.equals(a.get("Username"))
                    && ("MD5".equalsIgnoreCase(a.get("AuthType", ""))
                    ? md5Hex(challenge + secret).equals(a.get("Key")) : secret.equals(a.get("Secret")));
            if (!ok) {
                write("Response: Error\r\nActionID: " + id + "\r\nMessage: Authentication failed\r\n\r\n");
                return;
            }
            respond(id, "Message: Authentication accepted");
            controlEvents++;
            write("Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 85\r\nLastReload: 85\r\nStatus: Fully Booted\r\n\r\n");
            loggedIn.countDown();
        }

        private void list(String id, String message, String complete) throws IOException {
            write("Response: Success\r\nActionID: " + id + "\r\nEventList: start\r\nMessage: " + message + "\r\n\r\n"
                    + "Event: " + complete + "\r\nActionID: " + id + "\r\nEventList: Complete\r\nListItems: 0\r\n\r\n");
        }

        private void respond(String id, String... lines) throws IOException {
            StringBuilder sb = new StringBuilder("Response: Success\r\nActionID: ").append(id).append("\r\n");
            for (String l : lines) {
                sb.append(l).append("\r\n");
            }
            write(sb.append("\r\n").toString());
        }

        private void write(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            synchronized (out) {
                out.write(b);
                out.flush();
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    static String md5Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
