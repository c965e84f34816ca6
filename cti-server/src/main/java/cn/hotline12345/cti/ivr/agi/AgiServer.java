package cn.hotline12345.cti.ivr.agi;

import cn.hotline12345.cti.ivr.internal.IvrFlows;
import cn.hotline12345.cti.ivr.api.IvrSessionEnded;
import cn.hotline12345.cti.ivr.api.IvrSessionListener;
import cn.hotline12345.cti.ivr.internal.PbxScopedServices;
import cn.hotline12345.ivr.engine.Interpreter;
import cn.hotline12345.ivr.engine.IvrServices;
import cn.hotline12345.ivr.engine.SessionLimits;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every FastAGI listener instance shares: the flows, the interpreter, limits, meters and the session listeners.
 *
 * <p>A connection is checked on accept, before it holds anything: a peer that is no PBX's source is closed at once.
 * At most {@code agi.maxPending} connections may be sending their environment (each must finish within
 * {@code agi.envTimeout}); a new one beyond closes the one that has waited longest. Only a complete environment takes
 * one of {@code maxSessions} session slots, so idle sockets can never crowd out real calls (issue 20 item 7). A refused session makes Asterisk continue the dialplan
 * with its defaults ({@code HOTLINE_NEXT=queue}, {@code q-general}): the caller still reaches a person. Refusals are
 * counted one by one and logged at most once per reason and {@code agi.refusalLogInterval} ({@link RefusalLog}).
 */
public final class AgiServer {

    private static final Logger LOG = LoggerFactory.getLogger(AgiServer.class);

    private final Vertx vertx;
    private final IvrFlows flows;
    private final IvrServices services;
    private final SessionLimits limits;
    private final AgiPbxResolver pbxs;
    private final AgiSettings settings;
    private final AgiMetrics metrics;
    private final Clock clock;
    private final int maxSessions;
    private final Duration maxSessionDuration;
    private final List<IvrSessionListener> listeners = new CopyOnWriteArrayList<>();
    private final RefusalLog refusalLog;
    /** connections still sending their environment, oldest first (at most about agi.maxPending) */
    private final java.util.concurrent.ConcurrentLinkedDeque<AgiSession> waiting = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private volatile boolean closing;

    public AgiServer(Vertx vertx, IvrFlows flows, IvrServices services, SessionLimits limits, AgiPbxResolver pbxs,
              AgiSettings settings, AgiMetrics metrics, Clock clock, int maxSessions, Duration maxSessionDuration) {
        this.vertx = vertx;
        this.flows = flows;
        this.services = services;
        this.limits = limits;
        this.pbxs = pbxs;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.maxSessions = maxSessions;
        this.maxSessionDuration = maxSessionDuration;
        this.refusalLog = new RefusalLog(settings.refusalLogInterval().toMillis(), clock::millis);
    }

    /** The connect handler of every listener instance (on the connection's event loop). */
    void accept(NetSocket socket) {
        String peer = socket.remoteAddress() == null ? null : socket.remoteAddress().host();
        if (closing) {
            refuseAtOnce(socket, AgiRefusal.SHUTTING_DOWN, peer, "the server is shutting down");
            return;
        }
        if (!pbxs.allowsSource(peer)) {
            refuseAtOnce(socket, AgiRefusal.SOURCE, peer, "not a FastAGI source of any PBX (pbxs[].agiSources)");
            return;
        }
        AgiSession session = new AgiSession(this, socket, vertx.getOrCreateContext());
        if (metrics.pending().incrementAndGet() > settings.maxPending()) {
            // full of connections that have not sent their environment: the one that has waited longest goes. Asterisk
            // sends its environment as soon as it connects, so a real call is never the oldest for long; idle sockets
            // from the PBX's own address can delay a new call by nothing more than this eviction
            AgiSession oldest = waiting.pollFirst();
            if (oldest != null) {
                oldest.evict(settings.maxPending() + " connections still sending their environment (agi.maxPending):"
                        + " the one waiting longest is closed");
            }
        }
        waiting.addLast(session);
        session.start();
    }

    /** The session's environment is complete, or it was refused: it no longer waits. */
    void stoppedWaiting(AgiSession s) {
        waiting.remove(s);
    }

    private void refuseAtOnce(NetSocket socket, AgiRefusal reason, String peer, String why) {
        metrics.refused(reason);
        refusalLog.refused(reason, () -> "from " + peer + ": " + why);
        socket.close();
    }

    /**
     * Takes a session slot for a connection whose environment is complete.
     *
     * @return false when {@code maxSessions} sessions are running (the caller refuses it as busy)
     */
    boolean takeSessionSlot() {
        if (metrics.active().incrementAndGet() > maxSessions) {
            metrics.active().decrementAndGet();
            return false;
        }
        return true;
    }

    /** Counts and (rate-limited) logs a refusal of a session's connection. */
    void refused(AgiRefusal reason, java.util.function.Supplier<String> detail) {
        metrics.refused(reason);
        refusalLog.refused(reason, detail);
    }

    int maxSessions() {
        return maxSessions;
    }

    public void closing() {
        closing = true;
    }

    public void addListener(IvrSessionListener l) {
        listeners.add(l);
    }

    void publish(IvrSessionEnded ended) {
        for (IvrSessionListener l : listeners) {
            try {
                l.sessionEnded(ended);
            } catch (RuntimeException e) {
                LOG.warn("IVR session listener {} failed: {}", l, e.toString());
            }
        }
    }

    Vertx vertx() {
        return vertx;
    }

    IvrFlows flows() {
        return flows;
    }

    /** The interpreter of one session: its server functions carry the session's PBX. */
    Interpreter interpreterFor(String pbxId) {
        return new Interpreter(new PbxScopedServices(services, pbxId), limits);
    }

    public AgiPbxResolver pbxs() {
        return pbxs;
    }

    AgiSettings settings() {
        return settings;
    }

    AgiMetrics metrics() {
        return metrics;
    }

    Clock clock() {
        return clock;
    }

    Duration maxSessionDuration() {
        return maxSessionDuration;
    }
}
