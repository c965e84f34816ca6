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

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;

/**
 * One AMI session to one Asterisk, Vert.x-native: a {@link NetClient} socket on one event loop, messages
 * framed by {@link AmiFramer}, actions correlated by ActionID into {@link Future}s with timeouts.
 *
 * <p>The parts: {@link AmiCorrelator} (ActionID to answer), {@link AmiLogin} (login and the check of the manager
 * user's rights), {@link BootWait} (FullyBooted, or why it does not come), {@link Keepalive} (Ping: a half-open link
 * is dropped), {@link RestartDetector} (a restarted Asterisk told from a dropped socket), {@link LinkHealth} (what
 * /ready says, problems included). The link itself owns the socket and its lifecycle: connect, reconnect with capped
 * exponential backoff and full jitter, suspend (another node took the PBX), close.
 *
 * <p>Events are handed to the {@link AmiLinkListener} on the link's event loop, synchronously, without I/O: the
 * listener must only translate and update memory. The link never pauses its socket for a listener.
 */
public final class AmiLink {

    private static final Logger LOG = LoggerFactory.getLogger(AmiLink.class);

    /** Link state as reported in /ready and metrics. */
    public enum State { CONNECTING, UP, DOWN, CLOSED }

    private final Vertx vertx;
    private final Context context;
    private final CtiConfig.Pbx config;
    private final AmiLinkListener listener;
    private final NetClient client;
    private final Counter eventsIn;
    private final Counter malformedIn;

    private NetSocket socket;
    private final AmiCorrelator actions;
    private final Keepalive keepalive;
    private final Reconnect reconnect;
    private boolean closed;
    /** Closed for good (not merely suspended). */
    private boolean shutDown;
    private boolean loggedIn;
    private final RestartDetector restarts = new RestartDetector();
    /** Waits for FullyBooted after login; on expiry Asterisk is asked whether it runs (CoreStatus). */
    private final BootWait bootWait;
    /** What /ready says of the link, problems included. */
    private final LinkHealth health;
    private final AtomicReference<State> state = new AtomicReference<>(State.DOWN);
    private volatile LongConsumer readProbe;

    public AmiLink(Vertx vertx, CtiConfig.Pbx config, AmiLinkListener listener, Readiness readiness, MeterRegistry metrics,
                   Random random, Duration backoffCap) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.config = config;
        this.listener = listener;
        this.actions = new AmiCorrelator(vertx, config.id(), config.actionTimeout());
        this.bootWait = new BootWait(vertx, config.id(), config.user());
        this.keepalive = new Keepalive(vertx, config.id(), config.pingInterval());
        this.health = new LinkHealth(vertx, readiness, config.id(), config.host(), config.port(), () -> {
            if (socket != null && !closed) {
                dropConnection("logging in again to check the manager user's rights");
            }
        });
        this.client = vertx.createNetClient(new NetClientOptions()
                .setConnectTimeout((int) config.actionTimeout().toMillis())
                .setTcpNoDelay(true)
                .setTcpKeepAlive(true));
        Tags tags = Tags.of("pbx", config.id());
        this.eventsIn = metrics.counter("cti_ami_events_total", tags);
        this.malformedIn = metrics.counter("cti_ami_malformed_messages_total", tags);
        this.reconnect = new Reconnect(vertx, config.id(), random, backoffCap,
                metrics.counter("cti_ami_reconnects_total", tags));
        metrics.gauge("cti_ami_link_up", tags, state, s -> s.get() == State.UP ? 1 : 0);
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
            if (shutDown || socket != null || reconnect.pending() || state.get() == State.CONNECTING) {
                return;
            }
            closed = false;
            reconnect.reset();
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
            stop(State.DOWN, "AMI link handed over to another node");
            loggedIn = false;
            restarts.forget();
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
            shutDown = true;
            stop(State.CLOSED, "AMI link closed");
            client.close().onComplete(x -> done.complete());
        });
        return done.future();
    }

    /** No more session and no reconnect (suspend, close): pending actions fail with {@code why}. */
    private void stop(State next, String why) {
        closed = true;
        state.set(next);
        cancelTimers();
        actions.failAll(why);
        if (socket != null) {
            NetSocket s = socket;
            socket = null;
            s.close();
        }
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
            restarts.sessionStarted();
            AmiFramer framer = AmiFramer.standard(this::onBanner, this::onMessage);
            s.handler(buf -> read(framer, buf));
            s.closeHandler(v -> {
                if (socket == s) {
                    socket = null;
                    onSessionEnd(restarts.shutdownInThisSession() ? "Asterisk shut down" : "connection closed by peer");
                }
            });
            s.exceptionHandler(e -> LOG.warn("AMI {}: socket error: {}", config.id(), e.getMessage()));
        });
    }

    /** Bytes of the session: framed into messages; a malformed one is counted and dropped, never fatal. */
    private void read(AmiFramer framer, Buffer buf) {
        LongConsumer probe = readProbe;
        if (probe != null) {
            probe.accept(System.nanoTime());
        }
        byte[] bytes = buf.getBytes();
        long bad = framer.feedCountingMalformed(bytes);
        if (bad > 0) {
            malformedIn.increment(bad);
            LOG.warn("AMI {}: dropped {} malformed message(s)", config.id(), bad);
        }
    }

    private void onBanner(String banner) {
        LOG.info("AMI {}: connected to {}:{} ({})", config.id(), config.host(), config.port(), banner);
        login();
    }

    private void login() {
        AmiLogin.login(config, this::ask).onComplete(ar -> {
            if (ar.failed()) {
                LOG.error("AMI {}: {}", config.id(), ar.cause().getMessage());
                health.down(ar.cause().getMessage());
                if (socket != null) {
                    socket.close();
                }
                return;
            }
            loggedIn = true;
            LOG.info("AMI {}: logged in as {}", config.id(), config.user());
            AmiLogin.missingWriteRights(config, this::ask).onSuccess(missing -> problem("write", missing));
            awaitFullyBooted(3_000);
        });
    }

    /** One action on the current session (failed when there is none). */
    private Future<AmiCorrelator.Result> ask(AmiAction action) {
        if (socket == null) {
            return Future.failedFuture(new AmiException("connection lost"));
        }
        Promise<AmiCorrelator.Result> p = Promise.promise();
        write(action, null, p);
        return p.future();
    }

    private void awaitFullyBooted(long afterMs) {
        NetSocket session = socket;
        bootWait.start(afterMs, BootWait.session(() -> socket == session && session != null && state.get() != State.UP,
                this::ask, problem -> {
                    problem("read", problem);
                    up(-1);
                }, health::down));
    }

    /**
     * Sets or (with null) clears a problem of the link: while any is set, /ready reports the link down with them,
     * however well it works otherwise. Call on the link's event loop.
     */
    void problem(String key, String detail) {
        health.problem(key, detail);
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
                restarts.shutdownSeen();
                LOG.warn("AMI {}: Asterisk is shutting down ({})", config.id(), m.get("Shutdown", "?"));
            }
            default -> {
            }
        }
        listener.onEvent(m);
    }

    private void onFullyBooted(AmiMessage m) {
        bootWait.cancel();
        problem("read", null);
        if (state.get() == State.UP) {
            return; // a FullyBooted broadcast after a late boot, the link is up already
        }
        up(m.longValue("Uptime", -1));
    }

    /** Logged in and Asterisk booted: the link is up (uptime -1 when unknown: restarts then show as Shutdown only). */
    private void up(long uptime) {
        boolean restarted = restarts.upWithUptime(uptime, System.currentTimeMillis());
        reconnect.reset();
        state.set(State.UP);
        health.up();
        startPing();
        listener.onUp(this, restarted);
    }

    private void startPing() {
        keepalive.start(() -> {
            if (socket == null || !loggedIn) {
                return null;
            }
            NetSocket pinged = socket;
            return ask(AmiAction.named("Ping")).onFailure(e -> {
                if (socket == pinged) {
                    pinged.close();
                }
            });
        }, () -> {
            if (socket != null) {
                socket.close();
            }
        });
    }

    private void onSessionEnd(String reason) {
        boolean wasUp = state.get() == State.UP;
        loggedIn = false;
        bootWait.cancel();
        keepalive.stop();
        actions.failAll("AMI link lost: " + reason);
        if (closed) {
            return;
        }
        restarts.sessionEnded();
        state.set(State.DOWN);
        health.down(reason);
        if (wasUp) {
            LOG.warn("AMI {}: link down: {}", config.id(), reason);
            listener.onDown(reason, restarts.shutdownInThisSession());
        }
        reconnect.schedule(this::connect);
    }

    private void cancelTimers() {
        keepalive.stop();
        bootWait.cancel();
        health.stop();
        reconnect.cancel();
    }
}
