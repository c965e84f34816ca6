package cn.hotline12345.cti.desk.internal;


import cn.hotline12345.cti.desk.api.AgentPhone;
import cn.hotline12345.cti.desk.api.PopDetails;
import cn.hotline12345.cti.desk.api.ScreenPopEnricher;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.CallUpdateHub;
import cn.hotline12345.cti.call.api.CallView;
import cn.hotline12345.cti.call.api.LiveQueues;
import cn.hotline12345.cti.privacy.api.PhoneMasking;
import cn.hotline12345.cti.user.api.Principal;
import cn.hotline12345.softphone.ws.AgentStateChanged;
import cn.hotline12345.softphone.ws.CallActive;
import cn.hotline12345.softphone.ws.CallEnded;
import cn.hotline12345.softphone.ws.CallerInfo;
import cn.hotline12345.softphone.ws.PopWithdrawn;
import cn.hotline12345.softphone.ws.ScreenPop;
import cn.hotline12345.softphone.ws.WsCodec;
import cn.hotline12345.softphone.ws.WsMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.hotline12345.contract.ChannelVariable;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Turns call updates into console messages for the agent concerned, and only for them: {@code AgentRinging}
 * for {@code PJSIP/<ext>} on PBX {@code <pbx>} pops on every console of extension {@code <ext>} on that PBX (the same
 * extension on another PBX is another agent), {@code AgentConnected} makes it
 * the active call, the call's end starts wrap-up until the agent reports it done. Keeps each agent's
 * current call so a console that (re)connects gets it again. Also pushes the agent's own state from
 * {@link LiveQueues} (polled every second) when it changes.
 *
 * <p>All state lives on one Vert.x context: updates from the hub are handed over with
 * {@code runOnContext}, never processed on the publisher's thread.
 */
public final class ScreenPopDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScreenPopDispatcher.class);
    private static final String AGENT_PREFIX = "PJSIP/";
    private static final long ENRICH_TIMEOUT_MS = 1_000;

    /** Where an agent's current call is. */
    enum Phase { RINGING, ACTIVE, WRAP_UP }

    /** The current call of one extension, with pop details per viewing user (computed once each). */
    private static final class AgentCall {
        final String callId;
        final CallView view;
        final String queue;
        final Instant ringingAt;
        final Map<Long, Future<PopDetails>> details = new HashMap<>();
        Phase phase = Phase.RINGING;
        Instant answeredAt;
        CallEnded ended;

        AgentCall(String callId, CallView view, String queue, Instant ringingAt) {
            this.callId = callId;
            this.view = view;
            this.queue = queue;
            this.ringingAt = ringingAt;
        }
    }

    private final Vertx vertx;
    private final Context context;
    private final CallUpdateHub hub;
    private final LiveQueues liveQueues;
    private final SocketRegistry sockets;
    private final ScreenPopEnricher enricher;
    private final Consumer<CallUpdate> listener = this::onUpdate;
    private final Map<AgentPhone, AgentCall> calls = new HashMap<>();
    private final Map<AgentPhone, AgentStateChanged> agentStates = new HashMap<>();
    private final long timer;

    public ScreenPopDispatcher(Vertx vertx, CallUpdateHub hub, LiveQueues liveQueues, SocketRegistry sockets,
                               ScreenPopEnricher enricher) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.hub = hub;
        this.liveQueues = liveQueues;
        this.sockets = sockets;
        this.enricher = enricher;
        hub.subscribe(listener);
        this.timer = vertx.setPeriodic(1_000, id -> context.runOnContext(v -> pollAgentStates()));
    }

    private void onUpdate(CallUpdate u) {
        context.runOnContext(v -> handle(u));
    }

    private void handle(CallUpdate u) {
        String callId = u.key().toString();
        if (u instanceof CallUpdate.AgentRinging r) {
            AgentPhone ext = phoneOf(u.key().pbxId(), r.agent());
            if (ext == null) {
                return;
            }
            AgentCall call = new AgentCall(callId, r.view(), r.queue(), r.at());
            calls.put(ext, call);
            sockets.consoles(ext).forEach(c -> sendPop(c, call));
        } else if (u instanceof CallUpdate.AgentNoAnswer n) {
            AgentPhone ext = phoneOf(u.key().pbxId(), n.agent());
            AgentCall call = ext == null ? null : calls.get(ext);
            if (call != null && call.callId.equals(callId) && call.phase == Phase.RINGING) {
                calls.remove(ext);
                broadcast(ext, new PopWithdrawn(callId, "no_answer"));
            }
        } else if (u instanceof CallUpdate.AgentConnected a) {
            AgentPhone ext = phoneOf(u.key().pbxId(), a.agent());
            AgentCall call = ext == null ? null : calls.get(ext);
            if (call == null || !call.callId.equals(callId)) {
                // connected without a ring we saw (e.g. after a restart): pop now, then activate
                if (ext == null) {
                    return;
                }
                call = new AgentCall(callId, a.view(), a.queue(), a.at());
                calls.put(ext, call);
                AgentCall fresh = call;
                sockets.consoles(ext).forEach(c -> sendPop(c, fresh));
            }
            call.phase = Phase.ACTIVE;
            call.answeredAt = a.at();
            AgentCall active = call;
            sockets.consoles(ext).forEach(c -> sendActive(c, active));
        } else if (u instanceof CallUpdate.CallEnded e) {
            endCall(callId, e.at(), e.disposition() == null ? null : e.disposition().dbName(), e.endReason());
        } else if (u instanceof CallUpdate.Transferred t) {
            AgentPhone ext = phoneOf(u.key().pbxId(), t.fromAgent());
            AgentCall call = ext == null ? null : calls.get(ext);
            if (call != null && call.callId.equals(callId) && call.phase == Phase.ACTIVE) {
                toWrapUp(ext, call, new CallEnded(callId, t.at(), "transferred_out", "transferred"));
            }
        }
    }

    private void endCall(String callId, Instant at, String disposition, String reason) {
        for (Map.Entry<AgentPhone, AgentCall> e : List.copyOf(calls.entrySet())) {
            AgentCall call = e.getValue();
            if (!call.callId.equals(callId)) {
                continue;
            }
            if (call.phase == Phase.RINGING) {
                calls.remove(e.getKey());
                broadcast(e.getKey(), new PopWithdrawn(callId, "caller_left"));
            } else if (call.phase == Phase.ACTIVE) {
                toWrapUp(e.getKey(), call, new CallEnded(callId, at, disposition, reason));
            }
        }
    }

    private void toWrapUp(AgentPhone ext, AgentCall call, CallEnded ended) {
        call.phase = Phase.WRAP_UP;
        call.ended = ended;
        sockets.consoles(ext).forEach(c -> sendAfterPop(c, call, ended));
    }

    /** The agent finished wrap-up (or dismissed a pop): the console clears the call. */
    public Future<Void> wrapUpDone(String pbxId, String extension) {
        AgentPhone phone = new AgentPhone(pbxId, extension);
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        context.runOnContext(v -> {
            AgentCall call = calls.remove(phone);
            if (call != null) {
                broadcast(phone, new PopWithdrawn(call.callId, "wrapup_done"));
            }
            done.complete();
        });
        return done.future();
    }

    /** A console connected: send its agent's state and current call. */
    public void connected(WsConnection c) {
        context.runOnContext(v -> {
            AgentPhone ext = AgentPhone.of(c.principal());
            if (ext == null) {
                return;
            }
            AgentStateChanged state = agentStates.get(ext);
            if (state != null) {
                c.send(WsCodec.encode(state));
            }
            AgentCall call = calls.get(ext);
            if (call != null) {
                sendPop(c, call);
                if (call.phase != Phase.RINGING) {
                    sendActive(c, call);
                }
                if (call.phase == Phase.WRAP_UP) {
                    sendAfterPop(c, call, call.ended);
                }
            }
        });
    }

    private void sendPop(WsConnection c, AgentCall call) {
        details(call, c.principal()).onSuccess(d -> c.send(WsCodec.encode(new ScreenPop(call.callId, call.queue,
                call.ringingAt, caller(call.view, d, c.principal()), ivrPath(call.view), d.earlierCalls(),
                d.earlierMatters(), d.draft()))));
    }

    private void sendActive(WsConnection c, AgentCall call) {
        details(call, c.principal()).onSuccess(d -> c.send(WsCodec.encode(new CallActive(call.callId, call.queue,
                call.answeredAt, caller(call.view, d, c.principal())))));
    }

    /** Sent after the pop's details resolved, so a console never sees the end before the pop. */
    private void sendAfterPop(WsConnection c, AgentCall call, WsMessage m) {
        details(call, c.principal()).onSuccess(d -> c.send(WsCodec.encode(m)));
    }

    private void broadcast(AgentPhone ext, WsMessage m) {
        String frame = WsCodec.encode(m);
        sockets.consoles(ext).forEach(c -> c.send(frame));
    }

    private Future<PopDetails> details(AgentCall call, Principal viewer) {
        return call.details.computeIfAbsent(viewer.userId(), id -> {
            Future<PopDetails> f;
            try {
                f = enricher.enrich(call.view, viewer);
            } catch (RuntimeException e) {
                f = Future.failedFuture(e);
            }
            return f.timeout(ENRICH_TIMEOUT_MS, TimeUnit.MILLISECONDS).recover(e -> {
                LOG.warn("screen pop enrichment failed for {}: {}", call.callId, e.toString());
                return Future.succeededFuture(DefaultScreenPopEnricher.fromView(call.view));
            });
        });
    }

    private static CallerInfo caller(CallView view, PopDetails d, Principal viewer) {
        String number = view.callerNumber();
        // Always masked on the pop: an unmask is an audited request with a reason, never a side effect of a ring.
        boolean mask = true;
        return new CallerInfo(mask ? PhoneMasking.mask(number) : number, mask && number != null,
                cap(d.callerName() != null ? d.callerName() : view.callerName(), 100),
                !d.repeatReasons().isEmpty(), d.repeatReasons(), !d.nuisanceReasons().isEmpty(), d.nuisanceReasons());
    }

    /** Untrusted text from the PBX or other systems is bounded before it travels to browsers. */
    private static String cap(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    static List<String> ivrPath(CallView view) {
        String path = view.ivrPath() != null ? view.ivrPath() : view.ivrVars().get(ChannelVariable.IVR_PATH);
        if (path == null || path.isBlank()) {
            return List.of();
        }
        return Arrays.stream(path.split(">")).map(String::strip).filter(s -> !s.isEmpty()).limit(50)
                .map(s -> cap(s, 64)).toList();
    }

    /** {@code PJSIP/1001} on PBX {@code east} → {@code east/1001}; anything else is not one of our agents. */
    static AgentPhone phoneOf(String pbxId, String agent) {
        String ext = extensionOf(agent);
        return ext == null || pbxId == null ? null : new AgentPhone(pbxId, ext);
    }

    /** {@code PJSIP/1001} → {@code 1001}; anything else is not one of our agents. */
    static String extensionOf(String agent) {
        if (agent == null || !agent.startsWith(AGENT_PREFIX)) {
            return null;
        }
        String ext = agent.substring(AGENT_PREFIX.length());
        return ext.matches("[0-9]{3,8}") ? ext : null;
    }

    private void pollAgentStates() {
        List<cn.hotline12345.cti.call.api.LiveQueues.AgentSnapshot> agents;
        try {
            agents = liveQueues.agents();
        } catch (RuntimeException e) {
            LOG.warn("live queue view failed: {}", e.toString());
            return;
        }
        for (var a : agents) {
            AgentPhone ext = phoneOf(a.pbxId(), a.agent());
            if (ext == null) {
                continue;
            }
            AgentStateChanged m = new AgentStateChanged(a.agent(), a.state().name(), a.reason(), a.since(), a.queues());
            if (!Objects.equals(agentStates.put(ext, m), m)) {
                broadcast(ext, m);
            }
        }
    }

    @Override
    public void close() {
        hub.unsubscribe(listener);
        vertx.cancelTimer(timer);
    }
}
