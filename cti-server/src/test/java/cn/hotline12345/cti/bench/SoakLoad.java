package cn.hotline12345.cti.bench;

import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.pbxsim.PbxSim;
import cn.hotline12345.pbxsim.QueueConfig;
import cn.hotline12345.pbxsim.Strategy;
import cn.hotline12345.pbxsim.ami.AmiMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The soak's load, in a JVM of its own so that the server's JVM CPU is the server's: pbx-sim (AMI server, FastAGI
 * client to the server's IVR, queue {@code q-general} with one PJSIP member per agent that answers after 300 ms and
 * talks for a time spread around {@code --talk-ms}), callers at {@code --rate} per second pressing {@code 5,0}
 * through the hotline IVR into the queue, and one {@code /ws/console} WebSocket per agent, logged in through
 * {@code POST /api/auth/login} as the agent user {@code pop<ext>}.
 *
 * <p>Screen-pop latency, on this JVM's {@link System#nanoTime()} clock only: from the moment pbx-sim emits
 * {@code AgentCalled} for a member (the simulator's AMI writer has the bytes in its socket buffer at that moment, on
 * the same context) to the moment that agent's WebSocket handler has read and parsed the {@code screen_pop} frame
 * for the same call (Linkedid). So it covers the AMI write, the server's reading, translation, tracking, the
 * production screen-pop enricher (PostgreSQL reads and the draft matter), the WebSocket write and this client's
 * reading — end to end.
 *
 * <p>Talks to {@link SoakBenchmark} over stdin/stdout: prints {@code @AMI <port>}, reads {@code HTTP <port>},
 * prints {@code @READY} when every console is connected, then one {@code @WIN} line per window and {@code @END}.
 */
public final class SoakLoad {

    private static final long LOST_AFTER_NANOS = 10_000_000_000L;

    private final Map<String, String> opt;
    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private final LongAdder agentCalled = new LongAdder();
    private final LongAdder popsOk = new LongAdder();
    private final LongAdder popsUnmatched = new LongAdder();
    private final LongAdder clientCloses = new LongAdder();
    private final AtomicLong lost = new AtomicLong();
    private final WindowHistogram popWindow = new WindowHistogram();
    private final WindowHistogram popAll = new WindowHistogram();
    private final WindowHistogram popSteady = new WindowHistogram();
    private final List<WebClientSession> sessions = new ArrayList<>();
    /** each console's session by extension: the agent presses 话后处理完成 after every call (issue 19's wrap-up hold) */
    private final Map<String, WebClientSession> byExtension = new ConcurrentHashMap<>();
    private final ExecutorService wrapUps = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "soak-wrap-up");
        t.setDaemon(true);
        return t;
    });
    private volatile long steadyFromNanos = Long.MAX_VALUE;
    private volatile boolean running = true;

    private SoakLoad(Map<String, String> opt) {
        this.opt = opt;
    }

    public static void main(String[] args) throws Exception {
        new SoakLoad(Args.parse(args, "agents", "agi-port", "first-ext", "rate", "seconds", "talk-ms", "warmup-seconds", "window-seconds")).run();
        System.exit(0);
    }

    private void run() throws Exception {
        int agents = Integer.parseInt(opt.get("agents"));
        int firstExt = Integer.parseInt(opt.get("first-ext"));
        long talkMs = Long.parseLong(opt.get("talk-ms"));
        double rate = Double.parseDouble(opt.get("rate"));
        double seconds = Double.parseDouble(opt.get("seconds"));
        int windowSeconds = Integer.parseInt(opt.get("window-seconds"));
        int agiPort = Integer.parseInt(opt.get("agi-port"));

        PbxSim.Builder sb = PbxSim.builder().amiPort(0).amiCredentials("cti", "ctisecret")
                .agiTarget("127.0.0.1", agiPort).seed(9);
        QueueConfig.Member[] members = new QueueConfig.Member[agents];
        for (int i = 0; i < agents; i++) {
            String ext = Integer.toString(firstExt + i);
            // talk times 0.5x .. 1.5x the mean, spread over the agents, so calls do not end in lockstep
            long talk = talkMs * (50 + (i * 37) % 101) / 100;
            sb.agent(AgentSpec.pjsip(ext).answerAfter(300).talkFor(talk));
            members[i] = QueueConfig.Member.of("PJSIP/" + ext, "坐席 " + ext);
        }
        sb.queue(QueueConfig.of("q-general", Strategy.RRMEMORY, members).timing(15, 1, 0));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (PbxSim sim = sb.build().startBlocking()) {
            sim.onEvent(this::onSimEvent);
            say("@AMI " + sim.amiPort());
            String line = in.readLine();
            if (line == null || !line.startsWith("HTTP ")) {
                throw new IllegalStateException("expected 'HTTP <port>', got " + line);
            }
            int httpPort = Integer.parseInt(line.substring(5).trim());
            Vertx vertx = Vertx.vertx();
            WebSocketClient ws = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(agents + 16)
                    .setConnectTimeout(30_000));
            List<WebSocket> sockets = connect(ws, httpPort, firstExt, agents);
            say("@READY " + sockets.size());
            generate(sim, rate, seconds, windowSeconds);
            sockets.forEach(WebSocket::close);
            vertx.close().await(20, TimeUnit.SECONDS);
        }
    }

    private List<WebSocket> connect(WebSocketClient ws, int httpPort, int firstExt, int agents) throws Exception {
        String origin = "http://127.0.0.1:" + httpPort;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<WebClientSession>> logins = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            String user = "pop" + (firstExt + i);
            logins.add(pool.submit(() -> new WebClientSession(httpPort, origin).login(user)));
        }
        List<WebSocket> sockets = new ArrayList<>();
        List<Future<WebSocket>> batch = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            String ext = Integer.toString(firstExt + i);
            WebClientSession client = logins.get(i).get(10, TimeUnit.MINUTES);
            sessions.add(client);
            byExtension.put(ext, client);
            String session = client.sessionId;
            WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(httpPort)
                    .setURI("/ws/console").addHeader("Origin", origin).addHeader("Cookie", "CTI_SESSION=" + session);
            batch.add(ws.connect(o).map(s -> {
                s.textMessageHandler(text -> onFrame(ext, text));
                s.closeHandler(v -> {
                    if (running) {
                        clientCloses.increment();
                    }
                });
                return s;
            }));
            if (batch.size() == 64 || i == agents - 1) {
                for (Future<WebSocket> f : batch) {
                    sockets.add(f.await(60, TimeUnit.SECONDS));
                }
                batch.clear();
            }
        }
        pool.shutdownNow();
        return sockets;
    }

    /** On the simulator's context: the moment the AgentCalled bytes are handed to the AMI writer. */
    private void onSimEvent(AmiMessage m) {
        if ("AgentCalled".equals(m.name())) {
            String iface = m.get("Interface");
            String linkedid = m.get("Linkedid");
            if (iface != null && linkedid != null) {
                agentCalled.increment();
                pending.put(linkedid + "|" + iface.substring(iface.indexOf('/') + 1), System.nanoTime());
            }
        }
    }

    private void onFrame(String ext, String text) {
        long now = System.nanoTime();
        JsonObject frame = new JsonObject(text);
        if ("agent_state".equals(frame.getString("type")) && frame.getJsonObject("data") != null
                && "WRAP_UP".equals(frame.getJsonObject("data").getString("state"))) {
            // the console's agent finishes the call's paperwork at once: wrap-up holds the phone until then
            WebClientSession client = byExtension.get(ext);
            if (client != null) {
                wrapUps.execute(() -> client.post("/api/agent/wrapup", "{}"));
            }
            return;
        }
        if (!"screen_pop".equals(frame.getString("type"))) {
            return;
        }
        String callId = String.valueOf(frame.getJsonObject("data").getString("callId"));
        Long sent = pending.remove(callId.substring(callId.lastIndexOf('/') + 1) + "|" + ext);
        if (sent == null) {
            popsUnmatched.increment();
            return;
        }
        popsOk.increment();
        popWindow.recordNanos(now - sent);
        popAll.recordNanos(now - sent);
        if (sent >= steadyFromNanos) {
            popSteady.recordNanos(now - sent);
        }
    }

    private void generate(PbxSim sim, double rate, double seconds, int windowSeconds) throws Exception {
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        SplittableRandom random = new SplittableRandom(12345);
        AtomicLong placed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        steadyFromNanos = start + (long) (Double.parseDouble(opt.get("warmup-seconds")) * 1e9);
        keepSessionsAlive();
        timers.scheduleAtFixedRate(() -> {
            if (System.nanoTime() >= end) {
                return;
            }
            // a pool of 200,000 callers: some call more than once, as citizens do
            String number = String.format("139%08d", random.nextInt(200_000));
            placed.incrementAndGet();
            sim.placeCallAsync(CallerSpec.of(number).digits("5,0")).onFailure(e -> failed.incrementAndGet());
        }, 0, (long) (1e6 / rate), TimeUnit.MICROSECONDS);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int cores = Runtime.getRuntime().availableProcessors();
        long[] last = {start, os.getProcessCpuTime()};
        int[] index = {0};
        timers.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            long cpu = os.getProcessCpuTime();
            double cpuShare = (cpu - last[1]) / ((now - last[0]) * (double) cores);
            last[0] = now;
            last[1] = cpu;
            expireLost(now);
            WindowHistogram.Snapshot p = popWindow.takeAndReset();
            say(String.format("@WIN %d %d %d %d %d %d %d %d %d %d %d %d %d %.4f %d %d", ++index[0], placed.get(),
                    sim.callsEnded(), sim.activeCalls(), agentCalled.sum(), popsOk.sum(), popsUnmatched.sum(),
                    lost.get(), p.count(), p.p50Micros(), p.p99Micros(), p.maxMicros(), p.atLeast50ms(), cpuShare,
                    sim.droppedAmiClients(), failed.get()));
        }, windowSeconds, windowSeconds, TimeUnit.SECONDS);
        while (System.nanoTime() < end) {
            Thread.sleep(200); // the run's length is a wall-clock period, not synchronisation
        }
        long drainUntil = System.nanoTime() + 180_000_000_000L;
        while (sim.activeCalls() > 0 && System.nanoTime() < drainUntil) {
            Thread.sleep(200);
        }
        long popsUntil = System.nanoTime() + LOST_AFTER_NANOS;
        while (!pending.isEmpty() && System.nanoTime() < popsUntil) {
            Thread.sleep(50);
        }
        timers.shutdownNow();
        timers.awaitTermination(10, TimeUnit.SECONDS);
        running = false;
        pending.keySet().stream().limit(20).forEach(k -> say("no pop by the end for Linkedid|extension " + k));
        lost.addAndGet(pending.size());
        WindowHistogram.Snapshot all = popAll.snapshot();
        WindowHistogram.Snapshot steady = popSteady.snapshot();
        say(String.format("@END %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d %d", placed.get(),
                sim.callsStarted(), sim.callsEnded(), sim.activeCalls(), agentCalled.sum(), popsOk.sum(),
                popsUnmatched.sum(), lost.get(), all.p50Micros(), all.p99Micros(), all.p999Micros(), all.maxMicros(),
                all.atLeast50ms(), clientCloses.sum(), sim.droppedAmiClients(), steady.count(), steady.p50Micros(),
                steady.p99Micros(), steady.p999Micros(), steady.maxMicros(), steady.atLeast50ms()));
    }

    /**
     * A console in use makes requests (an agent completes each call's draft through the API); these do not, so each
     * one asks {@code GET /api/auth/me} every 5 minutes, spread evenly, or the server's 30-minute session idle
     * timeout would close every console of a 30-minute run at its end.
     */
    private void keepSessionsAlive() {
        ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "soak-keep-alive");
            t.setDaemon(true);
            return t;
        });
        int[] next = {0};
        keepAlive.scheduleAtFixedRate(() -> {
            try {
                sessions.get(next[0]++ % sessions.size()).get("/api/auth/me");
            } catch (RuntimeException e) {
                say("keep-alive request failed: " + e.getMessage());
            }
        }, 1_000, Math.max(1, 300_000 / sessions.size()), TimeUnit.MILLISECONDS);
    }

    private void expireLost(long now) {
        pending.entrySet().removeIf(e -> {
            if (now - e.getValue() > LOST_AFTER_NANOS) {
                if (lost.incrementAndGet() <= 20) {
                    // not a protocol line: the server JVM echoes it, for finding the call afterwards
                    say("no pop within 10 s for Linkedid|extension " + e.getKey());
                }
                return true;
            }
            return false;
        });
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
