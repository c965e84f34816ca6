package cn.hotline12345.cti.bench;

import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.user.internal.PasswordHasher;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.cti.testing.WebFixture;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
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
 * The load of issue 9 target 3 against a running {@link WebFixture} (the real web module over a real
 * PostgreSQL): agent users with extensions {@code first..first+n-1} (one production PBKDF2 hash shared by
 * all, inserted in one batch), each logged in over HTTP and holding one {@code /ws/console} WebSocket
 * (allowed Origin, session cookie) from a Vert.x WebSocketClient of its own Vert.x instance in this JVM; then
 * {@code CallUpdate.AgentRinging}s for random agents' {@code PJSIP/<ext>} published on the fixture's
 * {@code CallUpdateHub} at a fixed rate. Per pop: {@code System.nanoTime()} just before {@code publish}, kept
 * by call id, to the moment that agent's client handler has the {@code screen_pop} frame (decoded as JSON).
 */
public final class ScreenPopLoad implements AutoCloseable {

    /** What one pop was published as: the extension rung and when. */
    private record Sent(String ext, long publishedNanos) {
    }

    /**
     * Figures of one run.
     *
     * @param sent               pops published
     * @param received           pops read by the agent they were for (first copy)
     * @param wrongAgent         pop frames read by a client of another extension
     * @param duplicates         pop frames for a call already received or never published
     * @param lost               pops never read by their agent (after the drain wait)
     * @param clientCloses       client WebSockets closed during the run
     * @param slowDisconnects    connections the server cut as slow consumers
     * @param consolesAtEnd      consoles the server still had open at the end
     * @param all                publication → frame read, every pop
     * @param steady             the same, for pops published after the warm-up
     * @param publishSeconds     how long publishing went on
     * @param heapMaxUsedBytes   highest heap use seen (sampled every second)
     */
    public record Result(long sent, long received, long wrongAgent, long duplicates, long lost, long clientCloses,
                         double slowDisconnects, int consolesAtEnd, LatencyHistogram all, LatencyHistogram steady,
                         double publishSeconds, long heapMaxUsedBytes, List<SlowPop> slowPops) {
    }

    /** A pop that took 50 ms or more: when it was published (wall clock) and how long it took. */
    public record SlowPop(Instant publishedAt, long latencyMicros) {
    }

    private final WebFixture web;
    private final Vertx clientVertx = Vertx.vertx();
    private final WebSocketClient client;
    private final Map<String, Sent> pending = new ConcurrentHashMap<>();
    private final LongAdder received = new LongAdder();
    private final LongAdder wrongAgent = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder clientCloses = new LongAdder();
    private final AtomicLong seq = new AtomicLong();
    private final List<WebSocket> sockets = new ArrayList<>();
    private final List<String> extensions = new ArrayList<>();
    private volatile LatencyHistogram all = new LatencyHistogram();
    private volatile LatencyHistogram steady = new LatencyHistogram();
    private volatile long steadyFromNanos = Long.MAX_VALUE;
    private final java.util.Queue<SlowPop> slowPops = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile long epochMicrosAtNanoZero;
    private volatile boolean running;

    public ScreenPopLoad(WebFixture web, int agents) {
        this.web = web;
        this.client = clientVertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(agents + 16)
                .setConnectTimeout(30_000));
    }

    /** Agent users {@code pop<ext>} with the demo password; one hash for all (the KDF is slow by design). */
    public static List<String> createAgents(DataSource ds, int agents, int firstExtension) throws Exception {
        String hash = new PasswordHasher().hash(WebFixture.PASSWORD);
        List<String> exts = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into app_user (username, display_name, password_hash, role, extension) "
                        + "values (?, ?, ?, 'agent', ?) on conflict (username) do nothing")) {
            for (int i = 0; i < agents; i++) {
                String ext = Integer.toString(firstExtension + i);
                ps.setString(1, "pop" + ext);
                ps.setString(2, "压测坐席" + ext);
                ps.setString(3, hash);
                ps.setString(4, ext);
                ps.addBatch();
                exts.add(ext);
            }
            ps.executeBatch();
        }
        return exts;
    }

    /** Logs every agent in over HTTP ({@code loginThreads} at a time), then opens its console socket. */
    public void connect(List<String> agentExtensions, int loginThreads) throws Exception {
        List<String> sessionIds = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(loginThreads);
        try {
            List<java.util.concurrent.Future<String>> logins = new ArrayList<>();
            for (String ext : agentExtensions) {
                logins.add(pool.submit(() -> web.client().login("pop" + ext).sessionId));
            }
            for (var f : logins) {
                sessionIds.add(f.get(10, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        // at most 64 handshakes in flight
        List<Future<WebSocket>> batch = new ArrayList<>();
        for (int i = 0; i < agentExtensions.size(); i++) {
            batch.add(open(agentExtensions.get(i), sessionIds.get(i)));
            if (batch.size() == 64 || i == agentExtensions.size() - 1) {
                for (Future<WebSocket> f : batch) {
                    sockets.add(f.await(60, TimeUnit.SECONDS));
                }
                batch.clear();
            }
        }
        extensions.addAll(agentExtensions);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (web.module.sockets().consoleCount() < agentExtensions.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("server has " + web.module.sockets().consoleCount() + " consoles of "
                        + agentExtensions.size());
            }
            Thread.sleep(10);
        }
    }

    private Future<WebSocket> open(String ext, String sessionId) {
        WebSocketConnectOptions o = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(web.port)
                .setURI("/ws/console").addHeader("Origin", web.origin()).addHeader("Cookie", "CTI_SESSION=" + sessionId);
        return client.connect(o).map(ws -> {
            // set on the event loop as the handshake completes: no frame is missed
            ws.textMessageHandler(text -> onFrame(ext, text));
            ws.closeHandler(v -> {
                if (running) {
                    clientCloses.increment();
                }
            });
            return ws;
        });
    }

    private void onFrame(String ext, String text) {
        long now = System.nanoTime();
        JsonObject frame = new JsonObject(text);
        if (!"screen_pop".equals(frame.getString("type"))) {
            return;
        }
        String callId = frame.getJsonObject("data").getString("callId");
        Sent s = pending.get(callId);
        if (s != null && !s.ext().equals(ext)) {
            wrongAgent.increment();
            return;
        }
        if (s == null || pending.remove(callId) == null) {
            duplicates.increment();
            return;
        }
        long latency = now - s.publishedNanos();
        received.increment();
        all.recordNanos(latency);
        if (s.publishedNanos() >= steadyFromNanos) {
            steady.recordNanos(latency);
        }
        if (latency >= 50_000_000L && slowPops.size() < 1_000) {
            slowPops.add(new SlowPop(Instant.EPOCH.plusNanos((epochMicrosAtNanoZero + s.publishedNanos() / 1_000) * 1_000),
                    latency / 1_000));
        }
    }

    /**
     * Publishes an AgentRinging for {@code PJSIP/<ringExt>} and expects its pop at {@code expectedExt} (the same
     * one, except in the test that checks the harness notices a pop at the wrong agent).
     */
    void publish(String ringExt, String expectedExt, SplittableRandom random) {
        long n = seq.incrementAndGet();
        CallKey key = new CallKey("pbx1", "1900000000." + n);
        String agent = "PJSIP/" + ringExt;
        String number = "138" + String.format("%08d", random.nextInt(100_000_000));
        CallUpdate.AgentRinging ring = new CallUpdate.AgentRinging(key, Instant.now(),
                WebFixture.view(key, number, "来电" + n, agent), agent, "q-general");
        long t = System.nanoTime();
        pending.put(key.toString(), new Sent(expectedExt, t));
        web.hub.publish(ring);
    }

    /**
     * Publishes {@code ratePerSecond} rings for random agents for {@code duration} (or until {@code maxPops}), from
     * one scheduler thread at a fixed rate; then waits up to {@code drain} for the pops still in flight.
     */
    public Result run(double ratePerSecond, Duration duration, long maxPops, Duration warmUp, Duration drain,
                      Duration progressEvery) throws Exception {
        all = new LatencyHistogram();
        steady = new LatencyHistogram();
        running = true;
        var memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        AtomicLong heapMax = new AtomicLong();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "pop-publisher");
            t.setDaemon(true);
            return t;
        });
        SplittableRandom random = new SplittableRandom(42);
        long start = System.nanoTime();
        epochMicrosAtNanoZero = System.currentTimeMillis() * 1_000 - start / 1_000;
        slowPops.clear();
        steadyFromNanos = start + warmUp.toNanos();
        long end = start + duration.toNanos();
        AtomicLong published = new AtomicLong();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        long period = (long) (1e9 / ratePerSecond);
        scheduler.scheduleAtFixedRate(() -> {
            if (System.nanoTime() >= end || published.get() >= maxPops) {
                done.countDown();
                return;
            }
            String ext = extensions.get(random.nextInt(extensions.size()));
            publish(ext, ext, random);
            published.incrementAndGet();
        }, 0, period, TimeUnit.NANOSECONDS);
        long[] last = {0, 0};
        scheduler.scheduleAtFixedRate(() -> {
            heapMax.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        }, 0, 1, TimeUnit.SECONDS);
        if (progressEvery != null) {
            scheduler.scheduleAtFixedRate(() -> {
                long s = published.get();
                long r = received.sum();
                AmiIngestBenchmark.out("  t=%4.0f s: published %d (+%d), received %d (+%d), in flight %d, p99 so far %.1f ms, "
                                + "max %.1f ms, heap %d MiB, consoles %d", (System.nanoTime() - start) / 1e9, s, s - last[0], r,
                        r - last[1], pending.size(), all.percentileMicros(0.99) / 1e3, all.maxMicros() / 1e3,
                        memory.getHeapMemoryUsage().getUsed() >> 20, web.module.sockets().consoleCount());
                last[0] = s;
                last[1] = r;
            }, progressEvery.toNanos(), progressEvery.toNanos(), TimeUnit.NANOSECONDS);
        }
        done.await();
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
        long drainUntil = System.nanoTime() + drain.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < drainUntil) {
            Thread.sleep(5);
        }
        running = false;
        return new Result(published.get(), received.sum(), wrongAgent.sum(), duplicates.sum(), pending.size(),
                clientCloses.sum(), web.module.sockets().slowDisconnects(), web.module.sockets().consoleCount(), all,
                steady, publishSeconds, heapMax.get(), List.copyOf(slowPops));
    }

    @Override
    public void close() {
        running = false;
        sockets.forEach(ws -> ws.close());
        client.close();
        try {
            clientVertx.close().await(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
    }
}
