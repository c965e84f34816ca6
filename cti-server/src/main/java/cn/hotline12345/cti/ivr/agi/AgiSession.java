package cn.hotline12345.cti.ivr.agi;

import cn.hotline12345.cti.ivr.api.IvrSessionEnded;
import cn.hotline12345.cti.privacy.api.PhoneMasking;
import cn.hotline12345.ivr.FlowSet;
import cn.hotline12345.ivr.HotlineNames;
import cn.hotline12345.ivr.engine.CallerHangupException;
import cn.hotline12345.ivr.engine.IvrOutcome;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One FastAGI connection: reads the environment within bounds and a deadline, runs the flow named by the script on
 * a {@link FastAgiChannel}, then closes the socket so Asterisk continues the dialplan (the flow has set the
 * HOTLINE_* variables by then). However it ends, exactly one of "refused" or "ended" is counted, the session slot is
 * released once, and an ended session is published as {@link IvrSessionEnded}. Lives on its connection's context.
 */
final class AgiSession {

    private static final Logger LOG = LoggerFactory.getLogger(AgiSession.class);

    private enum State { ENVIRONMENT, RUNNING, DONE }

    private final AgiServer server;
    private final NetSocket socket;
    private final Context context;
    private final AgiEnvironmentReader envReader;
    private final Instant started;
    private final long startedNanos = System.nanoTime();
    private RecordParser parser;
    private State state = State.ENVIRONMENT;
    private long envTimer = -1;
    private long deadlineTimer = -1;
    private FastAgiChannel channel;
    private AgiEnvironment env;
    private String pbxId;
    private boolean expired;
    /** the connection counts among those still sending their environment (agi.maxPending) */
    private boolean holdsPending = true;
    /** the connection holds one of agi.maxSessions session slots */
    private boolean holdsSession;

    AgiSession(AgiServer server, NetSocket socket, Context context) {
        this.server = server;
        this.socket = socket;
        this.context = context;
        AgiSettings s = server.settings();
        this.envReader = new AgiEnvironmentReader(s.maxEnvLines(), s.maxEnvBytes());
        this.started = server.clock().instant();
    }

    void start() {
        parser = RecordParser.newDelimited("\n", this::onRecord);
        parser.maxRecordSize(server.settings().maxLineBytes());
        parser.exceptionHandler(e -> onOversizedLine());
        socket.handler(parser);
        socket.closeHandler(v -> onClosed());
        socket.exceptionHandler(e -> socket.close());
        socket.shutdownHandler(v -> { }); // server closing: let the flow finish within the close grace
        envTimer = server.vertx().setTimer(server.settings().envTimeout().toMillis(), id -> refuse(AgiRefusal.ENV_TIMEOUT));
    }

    private void onRecord(Buffer line) {
        // the parser's own limit only bounds what it buffers; a long line inside one read must be caught here
        int limit = state == State.ENVIRONMENT ? server.settings().maxLineBytes() : server.settings().maxReplyBytes();
        if (line.length() > limit) {
            onOversizedLine();
            return;
        }
        if (state == State.ENVIRONMENT) {
            AgiEnvironmentReader.Step step = envReader.accept(line.getBytes());
            if (step instanceof AgiEnvironmentReader.Step.Refused r) {
                refuse(r.reason());
            } else if (step instanceof AgiEnvironmentReader.Step.Complete c) {
                begin(c.environment());
            }
        } else if (state == State.RUNNING) {
            // replies are decoded leniently: a bad byte becomes U+FFFD, which the reply reader's cleaning removes
            channel.onLine(line.toString(StandardCharsets.UTF_8));
        }
    }

    private void onOversizedLine() {
        if (state == State.ENVIRONMENT) {
            refuse(AgiRefusal.OVERSIZED);
        } else if (state == State.RUNNING) {
            channel.abort(new AgiException("reply line longer than " + server.settings().maxReplyBytes() + " bytes"));
        }
    }

    private void refuse(AgiRefusal reason) {
        refuse(reason, null);
    }

    private void refuse(AgiRefusal reason, String problem) {
        if (state != State.ENVIRONMENT) {
            return;
        }
        state = State.DONE;
        server.vertx().cancelTimer(envTimer);
        AgiEnvironment e = env;
        server.refused(reason, () -> "from " + socket.remoteAddress()
                + (e == null ? "" : " script=" + e.script() + " uniqueid=" + e.uniqueid() + " caller="
                + PhoneMasking.mask(e.callerId())) + (problem == null ? "" : ": " + problem));
        release();
        socket.close();
    }

    private void begin(AgiEnvironment environment) {
        server.vertx().cancelTimer(envTimer);
        this.env = environment;
        String script = environment.script();
        FlowSet flows = server.flows().current(); // taken once: a reload never changes this call
        if (flows.flow(script).isEmpty()) {
            refuse(AgiRefusal.UNKNOWN_SCRIPT);
            return;
        }
        AgiPbxResolver.Resolution pbx = server.pbxs().resolve(environment,
                socket.remoteAddress() == null ? null : socket.remoteAddress().host());
        if (pbx.refused()) {
            refuse(AgiRefusal.UNKNOWN_PBX, pbx.problem());
            return;
        }
        if (!server.takeSessionSlot()) {
            refuse(AgiRefusal.BUSY, server.maxSessions() + " sessions running (agi.maxSessions); the dialplan goes on"
                    + " to the queue");
            return;
        }
        holdsSession = true;
        releasePending();
        this.pbxId = pbx.pbxId();
        state = State.RUNNING;
        parser.maxRecordSize(server.settings().maxReplyBytes());
        channel = new FastAgiChannel(server.vertx(), context, socket, server.settings(), server.metrics());
        long hardLimit = server.maxSessionDuration().plus(server.settings().commandGrace()).toMillis();
        deadlineTimer = server.vertx().setTimer(Math.max(1, hardLimit), id -> {
            expired = true;
            channel.abort(new AgiException("session past its maximum duration"));
        });
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put(HotlineNames.VAR_CALLER, environment.callerId());
        vars.put(HotlineNames.VAR_CALLER_NAME, environment.callerIdName());
        vars.put(HotlineNames.VAR_UNIQUEID, environment.uniqueid());
        server.interpreterFor(pbxId).run(flows, script, channel, vars).whenComplete((outcome, err) -> {
            if (Context.isOnEventLoopThread() && io.vertx.core.Vertx.currentContext() == context) {
                end(outcome, err);
            } else {
                context.runOnContext(v -> end(outcome, err));
            }
        });
    }

    private void end(IvrOutcome outcome, Throwable err) {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        server.vertx().cancelTimer(deadlineTimer);
        IvrOutcome.Ending ending = outcome == null ? IvrOutcome.Ending.CHANNEL_ERROR : outcome.ending();
        if (expired && ending == IvrOutcome.Ending.CHANNEL_ERROR) {
            ending = IvrOutcome.Ending.MAX_DURATION;
        }
        Map<String, String> vars = new LinkedHashMap<>();
        if (outcome != null) {
            for (String k : new String[] {HotlineNames.MATTER, HotlineNames.CALLER_FLAGS}) {
                String v = outcome.variables().get(k);
                if (v != null && !v.isEmpty()) {
                    vars.put(k, v);
                }
            }
        }
        String error = outcome != null ? outcome.error() : String.valueOf(err);
        IvrSessionEnded ended = new IvrSessionEnded(pbxId, env.uniqueid(), env.channel(), env.callerId(), env.script(),
                outcome == null ? "" : outcome.flowSetVersion(), ending, outcome == null ? "" : outcome.path(),
                outcome == null ? null : outcome.queue(), outcome == null ? 0 : outcome.priority(),
                outcome == null ? null : outcome.transferTo(), outcome == null ? Map.of() : outcome.results(), vars,
                started, Duration.ofNanos(System.nanoTime() - startedNanos), error);
        server.metrics().ended(env.script(), ending.name().toLowerCase(Locale.ROOT));
        if (ending == IvrOutcome.Ending.CHANNEL_ERROR) {
            LOG.warn("IVR session {} uniqueid={} caller={} ended by a channel error: {}", env.script(), env.uniqueid(),
                    PhoneMasking.mask(env.callerId()), error);
        } else {
            LOG.debug("IVR session {} uniqueid={} ended: {} path={}", env.script(), env.uniqueid(), ending, ended.path());
        }
        // listeners first: once the slot is free, a shutdown waiting for the sessions to end may go on, and the
        // listeners' writes (the IVR path) must be under way by then
        server.publish(ended);
        release();
        socket.close(); // Asterisk continues the dialplan with the HOTLINE_* variables the flow set
    }

    private void onClosed() {
        if (state == State.ENVIRONMENT) {
            refuse(AgiRefusal.CLOSED_EARLY);
        } else if (state == State.RUNNING) {
            // Asterisk drops the connection when the channel is gone: as good as a hang-up
            channel.abort(new CallerHangupException("connection closed by Asterisk"));
        }
    }

    private void releasePending() {
        if (holdsPending) {
            holdsPending = false;
            server.metrics().pending().decrementAndGet();
            server.stoppedWaiting(this);
        }
    }

    /** Closes this connection, still without its environment, to make room for a newer one (any thread). */
    void evict(String why) {
        context.runOnContext(v -> refuse(AgiRefusal.PENDING_FULL, why));
    }

    private void release() {
        releasePending();
        if (holdsSession) {
            holdsSession = false;
            server.metrics().active().decrementAndGet();
        }
    }
}
