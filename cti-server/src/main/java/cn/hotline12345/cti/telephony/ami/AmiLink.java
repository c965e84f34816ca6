package cn.hotline12345.cti.telephony.ami;

import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.health.Readiness;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * One AMI session to one Asterisk, Vert.x-native: a {@link NetClient} socket on one event loop, messages
 * framed by {@link AmiFramer}, actions correlated by ActionID into {@link Future}s with timeouts.
 *
 * <p>It logs in (MD5 challenge, falling back to plain), keeps the link alive with {@code Ping} (a ping
 * that gets no answer within the interval means a half-open link: the socket is dropped), reconnects
 * with capped exponential backoff and full jitter, and tells a restarted Asterisk ({@code Shutdown}, or
 * {@code FullyBooted} with an Uptime lower than the one seen before) apart from a dropped socket.
 *
 * <p>Events are handed to the {@link Listener} on the link's event loop, synchronously, without I/O: the
 * listener must only translate and update memory. The link never pauses its socket for a listener.
 */
public final class AmiLink {

    private static final Logger LOG = LoggerFactory.getLogger(AmiLink.class);

    /** Callbacks, always on the link's event loop. */
    public interface Listener {
        /** Logged in and FullyBooted seen; {@code restarted} when Asterisk restarted since the last session. */
        void onUp(AmiLink link, boolean restarted);

        void onEvent(AmiMessage event);

        /** The session ended (socket closed, half-open detected, or Shutdown); a reconnect is scheduled. */
        void onDown(String reason, boolean pbxShutdown);
    }

    /** Link state as reported in /ready and metrics. */
    public enum State { CONNECTING, UP, DOWN, CLOSED }

    private final Vertx vertx;
    private final Context context;
    private final CtiConfig.Pbx config;
    private final Listener listener;
    private final Readiness readiness;
    private final Random random;
    private final NetClient client;
    private final String component;
    private final Duration backoffCap;
    private final Counter eventsIn;
    private final Counter malformedIn;
    private final Counter reconnects;

    private NetSocket socket;
    private AmiFramer framer;
    private final AmiCorrelator actions;
    private int failures;
    private long pingTimer = -1;
    private long reconnectTimer = -1;
    private boolean closed;
    /** Closed for good (not merely suspended). */
    private boolean shutDown;
    private boolean loggedIn;
    private boolean shutdownSeen;
    /** Waits for FullyBooted after login; on expiry Asterisk is asked whether it runs (CoreStatus). */
    private long bootTimer = -1;
    /** While the configuration is wrong: a fresh login now and then picks up a corrected manager.conf. */
    private long recheckTimer = -1;
    /**
     * What is wrong although the link works (a missing manager right, events that never arrive): each keeps
     * /ready down with its explanation until it is fixed. Key: what it is about.
     */
    private final Map<String, String> problems = new java.util.TreeMap<>();
    private long lastUptimeSeconds = -1;
    private long lastUptimeAtMillis;
    private final AtomicReference<State> state = new AtomicReference<>(State.DOWN);
    private volatile LongConsumer readProbe;

    public AmiLink(Vertx vertx, CtiConfig.Pbx config, Listener listener, Readiness readiness, MeterRegistry metrics,
                   Random random, Duration backoffCap) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.config = config;
        this.listener = listener;
        this.readiness = readiness;
        this.random = random;
        this.backoffCap = backoffCap;
        this.component = "ami:" + config.id();
        this.actions = new AmiCorrelator(vertx, config.id(), config.actionTimeout());
        this.client = vertx.createNetClient(new NetClientOptions()
                .setConnectTimeout((int) config.actionTimeout().toMillis())
                .setTcpNoDelay(true)
                .setTcpKeepAlive(true));
        Tags tags = Tags.of("pbx", config.id());
        this.eventsIn = metrics.counter("cti_ami_events_total", tags);
        this.malformedIn = metrics.counter("cti_ami_malformed_messages_total", tags);
        this.reconnects = metrics.counter("cti_ami_reconnects_total", tags);
        metrics.gauge("cti_ami_link_up", tags, state, s -> s.get() == State.UP ? 1 : 0);
        readiness.report(component, false, "not connected yet");
    }

    public String pbxId() {
        return config.id();
    }

    public State state() {
        return state.get();
    }

    /** The event loop this link (and its listener) runs on. */
    public Context context() {
        return context;
    }

    /**
     * Benchmarks only: called on the link's event loop with {@link System#nanoTime()} at every socket read,
     * before the bytes are framed (null, the default, turns it off: one field read per read).
     */
    public void setReadProbe(LongConsumer probe) {
        this.readProbe = probe;
    }

    /**
     * Starts connecting; the returned future completes at once (the link then lives on its own). After
     * {@link #suspend()} it starts again; after {@link #close()} it does nothing.
     */
    public Future<Void> start() {
        context.runOnContext(v -> {
            if (shutDown || socket != null || reconnectTimer >= 0 || state.get() == State.CONNECTING) {
                return;
            }
            closed = false;
            failures = 0;
            connect();
        });
        return Future.succeededFuture();
    }

    /**
     * Hangs up and stops reconnecting, but can {@link #start()} again: another node of the cluster took this
     * PBX's link over. The Asterisk uptime seen is forgotten, so a later start does not mistake the time spent
     * standing by for an Asterisk restart. Readiness is left to the caller (a standby node is not unready).
     */
    public Future<Void> suspend() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            closed = true;
            state.set(State.DOWN);
            cancelTimers();
            pingTimer = -1;
            reconnectTimer = -1;
            actions.failAll("AMI link handed over to another node");
            loggedIn = false;
            lastUptimeSeconds = -1;
            restartPending = false;
            if (socket != null) {
                NetSocket s = socket;
                socket = null;
                s.close();
            }
            done.complete();
        });
        return done.future();
    }

    /** Sends an action and completes with its response; an Error response fails with Asterisk's message. */
    public Future<AmiMessage> send(AmiAction action) {
        return send(action, null).map(AmiCorrelator.Result::response);
    }

    /**
     * Sends a list action ({@code QueueStatus}, {@code CoreShowChannels}...) and completes with the events
     * of the list once the event named {@code completeEvent} (or any event with {@code EventList: Complete})
     * arrives.
     */
    public Future<List<AmiMessage>> sendList(AmiAction action, String completeEvent) {
        return send(action, completeEvent).map(AmiCorrelator.Result::events);
    }

    private Future<AmiCorrelator.Result> send(AmiAction action, String completeEvent) {
        Promise<AmiCorrelator.Result> promise = Promise.promise();
        context.runOnContext(v -> {
            if (socket == null || !loggedIn && !isLoginAction(action)) {
                promise.fail(new AmiException("AMI link " + config.id() + " is not connected"));
                return;
            }
            write(action, completeEvent, promise);
        });
        return promise.future();
    }

    private static boolean isLoginAction(AmiAction a) {
        return a.name().equalsIgnoreCase("Login") || a.name().equalsIgnoreCase("Challenge");
    }

    private void write(AmiAction action, String completeEvent, Promise<AmiCorrelator.Result> promise) {
        NetSocket s = socket;
        actions.send(action, completeEvent, promise, text -> s.write(Buffer.buffer(text)));
    }

    /** Stops for good: no more reconnects. */
    public Future<Void> close() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            closed = true;
            shutDown = true;
            state.set(State.CLOSED);
            cancelTimers();
            actions.failAll("AMI link closed");
            if (socket != null) {
                socket.close();
                socket = null;
            }
            client.close().onComplete(x -> done.complete());
        });
        return done.future();
    }

    /** Drops the socket now (as a network fault would); the link reconnects. For tests and operators. */
    public void dropConnection(String why) {
        context.runOnContext(v -> {
            if (socket != null) {
                LOG.warn("AMI {}: dropping connection: {}", config.id(), why);
                socket.close();
            }
        });
    }

    private void connect() {
        if (closed) {
            return;
        }
        state.set(State.CONNECTING);
        client.connect(config.port(), config.host()).onComplete(ar -> {
            if (closed) {
                if (ar.succeeded()) {
                    ar.result().close();
                }
                return;
            }
            if (ar.failed()) {
                onSessionEnd("connect to " + config.host() + ":" + config.port() + " failed: " + ar.cause().getMessage());
                return;
            }
            NetSocket s = ar.result();
            socket = s;
            loggedIn = false;
            shutdownSeen = false;
            framer = AmiFramer.standard(this::onBanner, this::onMessage);
            s.handler(buf -> {
                LongConsumer probe = readProbe;
                if (probe != null) {
                    probe.accept(System.nanoTime());
                }
                byte[] bytes = buf.getBytes();
                long before = framer.malformed();
                framer.feed(bytes, 0, bytes.length);
                long bad = framer.malformed() - before;
                if (bad > 0) {
                    malformedIn.increment(bad);
                    LOG.warn("AMI {}: dropped {} malformed message(s)", config.id(), bad);
                }
            });
            s.closeHandler(v -> {
                if (socket == s) {
                    socket = null;
                    onSessionEnd(shutdownSeen ? "Asterisk shut down" : "connection closed by peer");
                }
            });
            s.exceptionHandler(e -> LOG.warn("AMI {}: socket error: {}", config.id(), e.getMessage()));
        });
    }

    private void onBanner(String banner) {
        LOG.info("AMI {}: connected to {}:{} ({})", config.id(), config.host(), config.port(), banner);
        login();
    }

    private void login() {
        Promise<AmiCorrelator.Result> challenge = Promise.promise();
        write(AmiAction.named("Challenge").header("AuthType", "MD5"), null, challenge);
        challenge.future()
                .recover(e -> Future.succeededFuture(null)) // no MD5 challenge: a plain login
                .compose(r -> {
                    Promise<AmiCorrelator.Result> login = Promise.promise();
                    if (socket == null) {
                        return Future.failedFuture(new AmiException("connection lost during login"));
                    }
                    if (r == null) {
                        write(AmiAction.named("Login").header("Username", config.user()).header("Secret", config.secret())
                                .header("Events", "on"), null, login);
                    } else {
                        // a refused Login ends the session (manager.c action_login: sleep(1) ... return -1): no
                        // second try on this socket
                        String key = md5Hex(r.response().get("Challenge", "") + config.secret());
                        write(AmiAction.named("Login").header("AuthType", "MD5").header("Username", config.user())
                                .header("Key", key).header("Events", "on"), null, login);
                    }
                    return login.future();
                })
                .onSuccess(r -> {
                    loggedIn = true;
                    LOG.info("AMI {}: logged in as {}", config.id(), config.user());
                    checkWriteRights();
                    awaitFullyBooted(3_000);
                })
                .onFailure(e -> {
                    String why = "Authentication failed".equalsIgnoreCase(e.getMessage())
                            ? "login refused for manager user '" + config.user() + "' (secret, or its permit/deny in"
                            + " manager.conf)" : "login failed: " + e.getMessage();
                    LOG.error("AMI {}: {}", config.id(), why);
                    readiness.report(component, false, why);
                    if (socket != null) {
                        socket.close();
                    }
                });
    }

    /** Asks Asterisk which actions this user may run and names those of the contract it may not. */
    private void checkWriteRights() {
        Promise<AmiCorrelator.Result> answer = Promise.promise();
        write(AmiAction.named("ListCommands"), null, answer);
        answer.future().onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn("AMI {}: cannot check the manager user's rights (ListCommands: {})", config.id(),
                        ar.cause().getMessage());
                return;
            }
            List<String> missing = ManagerRights.missingActions(ar.result().response());
            problem("write", missing.isEmpty() ? null : ManagerRights.missingWrite(config.user(), missing));
        });
    }

    /**
     * FullyBooted comes right after login when Asterisk is up and the user reads {@code system}. When it does not,
     * Asterisk is asked ({@code CoreStatus}): running means the user lacks {@code read=system} (said in the log and in
     * /ready, and the link carries on without it); no answer means Asterisk is still booting or the user may not ask
     * (then it is asked again).
     */
    private void awaitFullyBooted(long afterMs) {
        bootTimer = vertx.setTimer(afterMs, t -> {
            bootTimer = -1;
            if (socket == null || state.get() == State.UP) {
                return;
            }
            NetSocket asked = socket;
            Promise<AmiCorrelator.Result> status = Promise.promise();
            write(AmiAction.named("CoreStatus"), null, status);
            status.future().onComplete(ar -> {
                if (socket != asked || state.get() == State.UP) {
                    return;
                }
                if (ar.succeeded()) {
                    String why = ManagerRights.noSystemRead(config.user());
                    LOG.error("AMI {}: no FullyBooted within {} ms of login although Asterisk runs (CoreStatus): {}",
                            config.id(), afterMs, why);
                    problem("read", why);
                    up(-1, false);
                } else {
                    String why = "no FullyBooted since login, and CoreStatus answered: " + ar.cause().getMessage()
                            + " (Asterisk still booting, or the manager user lacks read=system and write=reporting)";
                    LOG.warn("AMI {}: {}", config.id(), why);
                    readiness.report(component, false, why);
                    awaitFullyBooted(5_000);
                }
            });
        });
    }

    /**
     * Sets or (with null) clears a problem of the link: while any is set, /ready reports the link down with them,
     * however well it works otherwise. Call on the link's event loop.
     */
    void problem(String key, String detail) {
        String before = problems.get(key);
        if (detail == null) {
            problems.remove(key);
        } else {
            problems.put(key, detail);
            if (!detail.equals(before)) {
                LOG.error("AMI {}: {}", config.id(), detail);
            }
        }
        reportReadiness();
        if (!problems.isEmpty() && recheckTimer < 0 && !closed) {
            // rights are read at login: log in again now and then to pick up a corrected manager.conf
            recheckTimer = vertx.setTimer(RECHECK_MS, t -> {
                recheckTimer = -1;
                if (!problems.isEmpty() && socket != null) {
                    dropConnection("logging in again to check the manager user's rights");
                }
            });
        }
    }

    /** Sets or clears a problem from any thread. */
    public void reportProblem(String key, String detail) {
        context.runOnContext(v -> problem(key, detail));
    }

    /** The problems seen on the link now (for tests and the engineer's page). */
    public Future<Map<String, String>> problems() {
        Promise<Map<String, String>> p = Promise.promise();
        context.runOnContext(v -> p.complete(Map.copyOf(problems)));
        return p.future();
    }

    /** How long a misconfigured link runs before it logs in again to see whether manager.conf was corrected. */
    static final long RECHECK_MS = 60_000;

    private void reportReadiness() {
        if (state.get() != State.UP) {
            return;
        }
        if (problems.isEmpty()) {
            readiness.report(component, true, "connected to " + config.host() + ":" + config.port());
        } else {
            readiness.report(component, false, "connected to " + config.host() + ":" + config.port()
                    + ", but: " + String.join("; ", problems.values()));
        }
    }

    private void onMessage(AmiMessage m) {
        if (actions.offer(m)) {
            return;
        }
        String event = m.event();
        if (event == null) {
            return;
        }
        eventsIn.increment();
        switch (event) {
            case "FullyBooted" -> onFullyBooted(m);
            case "Shutdown" -> {
                shutdownSeen = true;
                LOG.warn("AMI {}: Asterisk is shutting down ({})", config.id(), m.get("Shutdown", "?"));
            }
            default -> {
            }
        }
        listener.onEvent(m);
    }

    private void onFullyBooted(AmiMessage m) {
        if (bootTimer >= 0) {
            vertx.cancelTimer(bootTimer);
            bootTimer = -1;
        }
        problem("read", null);
        if (state.get() == State.UP) {
            return; // a FullyBooted broadcast after a late boot, the link is up already
        }
        up(parseLong(m.get("Uptime"), -1), true);
    }

    /** Logged in and Asterisk booted: the link is up (uptime -1 when unknown: restarts then show as Shutdown only). */
    private void up(long uptime, boolean fromFullyBooted) {
        boolean restarted = false;
        if (lastUptimeSeconds >= 0 && uptime >= 0) {
            long expected = lastUptimeSeconds + (System.currentTimeMillis() - lastUptimeAtMillis) / 1000;
            restarted = uptime + 5 < expected;
        }
        if (uptime >= 0) {
            lastUptimeSeconds = uptime;
            lastUptimeAtMillis = System.currentTimeMillis();
        }
        boolean wasShutdown = restartPending;
        restartPending = false;
        failures = 0;
        state.set(State.UP);
        reportReadiness();
        startPing();
        listener.onUp(this, restarted || wasShutdown);
    }

    private boolean restartPending;

    private void startPing() {
        if (pingTimer >= 0) {
            vertx.cancelTimer(pingTimer);
        }
        long interval = config.pingInterval().toMillis();
        pingTimer = vertx.setPeriodic(interval, t -> {
            if (socket == null || !loggedIn) {
                return;
            }
            NetSocket pinged = socket;
            Promise<AmiCorrelator.Result> pong = Promise.promise();
            long deadline = vertx.setTimer(interval, x -> pong.tryFail(new AmiException("no answer to Ping")));
            write(AmiAction.named("Ping"), null, pong);
            pong.future().onComplete(ar -> {
                vertx.cancelTimer(deadline);
                if (ar.failed() && socket == pinged) {
                    LOG.warn("AMI {}: keep-alive failed ({}): link is half-open, reconnecting", config.id(),
                            ar.cause().getMessage());
                    pinged.close();
                }
            });
        });
    }

    private void onSessionEnd(String reason) {
        boolean wasUp = state.get() == State.UP;
        loggedIn = false;
        if (bootTimer >= 0) {
            vertx.cancelTimer(bootTimer);
            bootTimer = -1;
        }
        if (pingTimer >= 0) {
            vertx.cancelTimer(pingTimer);
            pingTimer = -1;
        }
        actions.failAll("AMI link lost: " + reason);
        if (closed) {
            return;
        }
        if (shutdownSeen) {
            restartPending = true;
        }
        state.set(State.DOWN);
        readiness.report(component, false, reason);
        if (wasUp) {
            LOG.warn("AMI {}: link down: {}", config.id(), reason);
            listener.onDown(reason, shutdownSeen);
        }
        failures++;
        long delay = backoffMillis(failures);
        reconnects.increment();
        LOG.info("AMI {}: reconnecting in {} ms (attempt {})", config.id(), delay, failures);
        reconnectTimer = vertx.setTimer(delay, t -> {
            reconnectTimer = -1;
            connect();
        });
    }

    /** Capped exponential backoff with jitter: 250 ms, 500 ms, 1 s ... up to the cap, each drawn in [d/2, d]. */
    long backoffMillis(int attempt) {
        long cap = backoffCap.toMillis();
        long d = Math.min(cap, 250L << Math.min(attempt - 1, 16));
        return d / 2 + (long) (random.nextDouble() * (d / 2.0));
    }


    private void cancelTimers() {
        if (pingTimer >= 0) {
            vertx.cancelTimer(pingTimer);
        }
        if (bootTimer >= 0) {
            vertx.cancelTimer(bootTimer);
            bootTimer = -1;
        }
        if (recheckTimer >= 0) {
            vertx.cancelTimer(recheckTimer);
            recheckTimer = -1;
        }
        if (reconnectTimer >= 0) {
            vertx.cancelTimer(reconnectTimer);
        }
    }

    private static long parseLong(String s, long fallback) {
        if (s == null) {
            return fallback;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
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
