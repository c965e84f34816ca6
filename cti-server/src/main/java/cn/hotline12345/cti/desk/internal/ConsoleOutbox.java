package cn.hotline12345.cti.desk.internal;

import cn.hotline12345.cti.desk.api.AgentPhone;
import cn.hotline12345.cti.desk.api.PopDetails;
import cn.hotline12345.cti.desk.api.ScreenPopEnricher;
import cn.hotline12345.cti.user.api.Principal;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallView;
import cn.hotline12345.cti.call.api.AgentActions.Progress;
import cn.hotline12345.softphone.ws.AgentStateChanged;
import cn.hotline12345.softphone.ws.CallActive;
import cn.hotline12345.softphone.ws.CallNotice;
import cn.hotline12345.softphone.ws.ScreenPop;
import cn.hotline12345.softphone.ws.WsCodec;
import cn.hotline12345.softphone.ws.WsMessage;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the dispatcher sends to an agent's consoles: the pop, built with details for each viewer (their enrichment is
 * computed once per call and user, and bounded to a second: a slow enrichment sends the pop with the call's own
 * details), and messages that must not overtake the pop. Used on the dispatcher's context.
 */
final class ConsoleOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleOutbox.class);
    private static final long ENRICH_TIMEOUT_MS = 1_000;

    private final SocketRegistry sockets;
    private final ScreenPopEnricher enricher;

    ConsoleOutbox(SocketRegistry sockets, ScreenPopEnricher enricher) {
        this.sockets = sockets;
        this.enricher = enricher;
    }

    void pop(AgentPhone phone, AgentCall call) {
        sockets.consoles(phone).forEach(c -> sendPop(c, call));
    }

    void active(AgentPhone phone, AgentCall call) {
        sockets.consoles(phone).forEach(c -> sendActive(c, call));
    }

    void afterPop(AgentPhone phone, AgentCall call, WsMessage m) {
        sockets.consoles(phone).forEach(c -> sendAfterPop(c, call, m));
    }

    void broadcast(AgentPhone ext, WsMessage m) {
        String frame = WsCodec.encode(m);
        sockets.consoles(ext).forEach(c -> c.send(frame));
    }

    void sendPop(WsConnection c, AgentCall call) {
        details(call, c.principal()).onSuccess(d -> c.send(WsCodec.encode(new ScreenPop(call.callId, call.queue,
                call.ringingAt, PopMessages.caller(call.view, d), PopMessages.ivrPath(call.view), d.earlierCalls(),
                d.earlierMatters(), d.draft(), d.suggestions(), call.origin))));
    }

    void sendActive(WsConnection c, AgentCall call) {
        details(call, c.principal()).onSuccess(d -> c.send(WsCodec.encode(new CallActive(call.callId, call.queue,
                call.answeredAt, PopMessages.caller(call.view, d)))));
    }

    /** Sent after the pop's details resolved, so a console never sees the end before the pop. */
    void sendAfterPop(WsConnection c, AgentCall call, WsMessage m) {
        details(call, c.principal()).onSuccess(d -> c.send(WsCodec.encode(m)));
    }

    private Future<PopDetails> details(AgentCall call, Principal viewer) {
        return call.details.computeIfAbsent(viewer.userId(), id -> {
            Future<PopDetails> f;
            if ("outbound".equals(call.origin)) {
                f = Future.succeededFuture(DefaultScreenPopEnricher.fromView(call.view));
            } else {
                try {
                    f = enricher.enrich(call.view, viewer);
                } catch (RuntimeException e) {
                    f = Future.failedFuture(e);
                }
            }
            return f.timeout(ENRICH_TIMEOUT_MS, TimeUnit.MILLISECONDS).recover(e -> {
                LOG.warn("screen pop enrichment failed for {}: {}", call.callId, e.toString());
                return Future.succeededFuture(DefaultScreenPopEnricher.fromView(call.view));
            });
        });
    }

    /** The agent's own call as a pop: the number dialled stands where a caller's would (masked like one). */
    static CallView outboundView(Progress p) {
        return new CallView(new CallKey(p.pbxId(), p.linkedid()), p.target(), null, p.target(), p.at(), null, Map.of(),
                null, null, null, AgentPhone.INTERFACE_PREFIX + p.extension(), null);
    }

    void notice(AgentPhone phone, Progress p, String kind) {
        String target = p.target();
        // a number dialled out is shown masked, like every citizen's number on the console
        if (target != null && !target.matches("[0-9]{3,8}")) {
            target = cn.hotline12345.cti.privacy.api.PhoneMasking.mask(target);
        }
        broadcast(phone, new CallNotice(p.callId(), kind, target, p.detail(), p.at()));
    }

    /** A console (re)connected: its agent's state, then the current call as far as it went (pop, active, wrap-up). */
    void replay(WsConnection c, AgentStateChanged state, AgentCall call) {
        if (state != null) {
            c.send(WsCodec.encode(state));
        }
        if (call != null) {
            sendPop(c, call);
            if (call.phase != ScreenPopDispatcher.Phase.RINGING) {
                sendActive(c, call);
            }
            if (call.phase == ScreenPopDispatcher.Phase.WRAP_UP) {
                sendAfterPop(c, call, call.ended);
            }
        }
    }
}
