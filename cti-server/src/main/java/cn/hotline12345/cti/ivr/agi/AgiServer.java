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
 * Accepts connections up to {@code maxSessions}; past that a connection is closed at once, and Asterisk continues the
 * dialplan with its defaults ({@code HOTLINE_NEXT=queue}, {@code q-general}): the caller still reaches a person.
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
    }

    /** The connect handler of every listener instance (on the connection's event loop). */
    void accept(NetSocket socket) {
        if (closing) {
            metrics.refused(AgiRefusal.SHUTTING_DOWN);
            socket.close();
            return;
        }
        if (metrics.active().incrementAndGet() > maxSessions) {
            metrics.active().decrementAndGet();
            metrics.refused(AgiRefusal.BUSY);
            LOG.warn("FastAGI connection from {} refused: {} sessions running (agi.maxSessions); the dialplan goes on"
                    + " to the queue", socket.remoteAddress(), maxSessions);
            socket.close();
            return;
        }
        new AgiSession(this, socket, vertx.getOrCreateContext()).start();
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

    AgiPbxResolver pbxs() {
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
