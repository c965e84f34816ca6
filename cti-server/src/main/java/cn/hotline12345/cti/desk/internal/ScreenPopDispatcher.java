package cn.hotline12345.cti.desk.internal;


import cn.hotline12345.cti.call.api.AgentActions;
import cn.hotline12345.cti.call.api.AgentState;
import cn.hotline12345.cti.call.api.AgentActions.Progress;
import cn.hotline12345.cti.desk.api.AgentPhone;
import cn.hotline12345.cti.desk.api.ScreenPopEnricher;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.CallUpdateHub;
import cn.hotline12345.cti.call.api.CallView;
import cn.hotline12345.cti.call.api.LiveQueues;
import cn.hotline12345.softphone.ws.AgentStateChanged;
import cn.hotline12345.softphone.ws.CallEnded;
import cn.hotline12345.softphone.ws.PopWithdrawn;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import cn.hotline12345.cti.platform.lifecycle.Lifecycle;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Each agent's current call and what their consoles show of it, and only to them: a call ringing their phone pops
 * ({@code screen_pop}), answered it is active ({@code call_active}), and when the agent's part of it ends, wrap-up
 * begins ({@code call_ended}; {@link WrapUpHold} keeps the queues from ringing the phone) until the agent reports it
 * done or its maximum passes ({@code pop_withdrawn}). What the PBX did meanwhile (holds, transfers answered or not, the
 * caller coming back) is told as {@code call_notice}.
 *
 * <p>Two sources, each for what it knows: the call tracker's updates (the queue ringing an agent, the caller's profile
 * for the pop, the call's end) and the PBX's legs ({@link Progress}: an agent's phone ringing, answering, hanging up,
 * also for calls that are not queue calls: a colleague's transfer, a call coming back, the agent's own call). The
 * agent's state comes from the live queue view (polled every second), corrected by the desk ({@link AgentStateView}).
 * A console that (re)connects gets its agent's state and call again.
 *
 * <p>All state lives on one Vert.x context: updates and progress are handed over with {@code runOnContext}.
 */
public final class ScreenPopDispatcher implements Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ScreenPopDispatcher.class);

    /** Where an agent's current call is. */
    public enum Phase { RINGING, ACTIVE, WRAP_UP }

    private final Vertx vertx;
    private final Context context;
    private final CallUpdateHub hub;
    private final LiveQueues liveQueues;
    private final SocketRegistry sockets;
    private final ConsoleOutbox out;
    private final WrapUpHold wrapUp;
    private final Consumer<CallUpdate> listener = this::onUpdate;
    private final Map<AgentPhone, AgentCall> calls = new HashMap<>();
    private final Map<AgentPhone, AgentStateChanged> agentStates = new HashMap<>();
    /** The calls each phone has a leg up in, as the PBX's progress told (a phone never seen is absent). */
    private final Map<AgentPhone, Set<String>> legsUp = new HashMap<>();
    /** The pause reason each phone was last given through the desk (agent or supervisor), null after an unpause. */
    private final Map<AgentPhone, String> knownPause = new HashMap<>();
    private final AgentActions actions;
    private long timer = -1;
    private boolean started;

    public ScreenPopDispatcher(Vertx vertx, CallUpdateHub hub, LiveQueues liveQueues, SocketRegistry sockets,
                               ScreenPopEnricher enricher, AgentActions actions, Duration wrapUpMax,
                               Predicate<String> ownsPbx) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.hub = hub;
        this.liveQueues = liveQueues;
        this.sockets = sockets;
        this.out = new ConsoleOutbox(sockets, enricher);
        this.wrapUp = new WrapUpHold(vertx, actions, wrapUpMax, ownsPbx);
        this.actions = actions;
    }

    /** Listens to the tracker's updates and the PBX's progress, and polls the agents' states every second. */
    @Override
    public synchronized Future<Void> start() {
        if (!started) {
            started = true;
            hub.subscribe(listener);
            actions.onProgress(p -> context.runOnContext(v -> progress(p)));
            this.timer = vertx.setPeriodic(1_000, id -> context.runOnContext(v -> pollAgentStates()));
        }
        return Future.succeededFuture();
    }

    private void onUpdate(CallUpdate u) {
        context.runOnContext(v -> handle(u));
    }

    // ------------------------------------------------------------------ the tracker's updates

    private void handle(CallUpdate u) {
        String callId = u.key().toString();
        if (u instanceof CallUpdate.AgentRinging r) {
            AgentPhone phone = AgentPhone.ofInterface(u.key().pbxId(), r.agent());
            AgentCall current = phone == null ? null : calls.get(phone);
            if (phone != null && (current == null || !current.callId.equals(callId) || current.phase == Phase.WRAP_UP)) {
                ring(phone, new AgentCall(callId, r.view(), r.queue(), r.at(), "queue"));
            }
        } else if (u instanceof CallUpdate.AgentNoAnswer n) {
            AgentPhone phone = AgentPhone.ofInterface(u.key().pbxId(), n.agent());
            AgentCall call = phone == null ? null : calls.get(phone);
            if (call != null && call.callId.equals(callId) && call.phase == Phase.RINGING) {
                calls.remove(phone);
                out.broadcast(phone, new PopWithdrawn(callId, "no_answer"));
            }
        } else if (u instanceof CallUpdate.AgentConnected a) {
            AgentPhone phone = AgentPhone.ofInterface(u.key().pbxId(), a.agent());
            if (phone == null) {
                return;
            }
            AgentCall call = calls.get(phone);
            if (call == null || !call.callId.equals(callId)) {
                // connected without a ring we saw (e.g. after a restart): pop now, then activate
                call = new AgentCall(callId, a.view(), a.queue(), a.at(), "queue");
                ring(phone, call);
            }
            activate(phone, call, a.at());
        } else if (u instanceof CallUpdate.CallEnded e) {
            endCall(callId, e.at(), e.disposition() == null ? null : e.disposition().dbName(), e.endReason());
        } else if (u instanceof CallUpdate.Transferred t) {
            AgentPhone phone = AgentPhone.ofInterface(u.key().pbxId(), t.fromAgent());
            AgentCall call = phone == null ? null : calls.get(phone);
            if (call != null && call.callId.equals(callId) && call.phase == Phase.ACTIVE) {
                toWrapUp(phone, call, new CallEnded(callId, t.at(), "transferred_out", "transferred"));
            }
        }
    }

    private void ring(AgentPhone phone, AgentCall call) {
        calls.put(phone, call);
        out.pop(phone, call);
    }

    private void activate(AgentPhone phone, AgentCall call, Instant at) {
        if (call.phase == Phase.ACTIVE) {
            return;
        }
        call.phase = Phase.ACTIVE;
        call.phaseSince = at;
        call.answeredAt = at;
        out.active(phone, call);
    }

    private void endCall(String callId, Instant at, String disposition, String reason) {
        for (Map.Entry<AgentPhone, AgentCall> e : List.copyOf(calls.entrySet())) {
            AgentCall call = e.getValue();
            if (!call.callId.equals(callId)) {
                continue;
            }
            if (call.phase == Phase.RINGING) {
                calls.remove(e.getKey());
                out.broadcast(e.getKey(), new PopWithdrawn(callId, "caller_left"));
            } else if (call.phase == Phase.ACTIVE) {
                toWrapUp(e.getKey(), call, new CallEnded(callId, at, disposition, reason));
            }
        }
    }

    private void toWrapUp(AgentPhone phone, AgentCall call, CallEnded ended) {
        if (call.phase == Phase.WRAP_UP) {
            return;
        }
        call.phase = Phase.WRAP_UP;
        call.phaseSince = ended.endedAt();
        call.ended = ended;
        String callId = call.callId;
        wrapUp.start(phone, ended.endedAt(), !sockets.consoles(phone).isEmpty(),
                () -> context.runOnContext(v -> wrapUpTimedOut(phone, callId)));
        out.afterPop(phone, call, ended);
    }

    // ------------------------------------------------------------------ the PBX's legs

    private void progress(Progress p) {
        AgentPhone phone = new AgentPhone(p.pbxId(), p.extension());
        String callId = p.callId();
        AgentCall call = calls.get(phone);
        boolean same = call != null && call.callId.equals(callId);
        switch (p.kind()) {
            case PHONE_RINGING -> {
                legsUp.computeIfAbsent(phone, k -> new HashSet<>());
                if (same && call.phase == Phase.WRAP_UP) {
                    // the caller of a transfer nobody answered comes back to this agent
                    wrapUp.suspend(phone);
                    ring(phone, new AgentCall(callId, call.view, call.queue, p.at(), "returned"));
                    out.notice(phone, p, "returning_call");
                } else if (!same) {
                    AgentCall elsewhere = callElsewhere(callId, phone);
                    if (elsewhere != null) {
                        // a colleague's transfer (blind, or the consultation of an attended one) rings this phone
                        ring(phone, new AgentCall(callId, elsewhere.view, elsewhere.queue, p.at(), "transfer"));
                    } else if (p.target() != null && (call == null || call.phase == Phase.WRAP_UP)) {
                        // the agent's own call: their phone rings first
                        ring(phone, new AgentCall(callId, ConsoleOutbox.outboundView(p), null, p.at(), "outbound"));
                    }
                }
            }
            case PHONE_UP -> {
                legsUp.computeIfAbsent(phone, k -> new HashSet<>()).add(p.linkedid());
                if (same && call.phase == Phase.RINGING) {
                    activate(phone, call, p.at());
                }
            }
            case PHONE_DOWN -> {
                legsUp.computeIfAbsent(phone, k -> new HashSet<>()).remove(p.linkedid());
                if (!same) {
                    return;
                }
                if (call.phase == Phase.RINGING) {
                    calls.remove(phone);
                    out.broadcast(phone, new PopWithdrawn(callId, "no_answer"));
                } else if (call.phase == Phase.ACTIVE) {
                    if ("transfer".equals(call.origin) && activeElsewhere(callId, phone)) {
                        // a consultation that ended: the colleague who consulted still has the caller
                        calls.remove(phone);
                        out.broadcast(phone, new PopWithdrawn(callId, "consult_ended"));
                    } else {
                        toWrapUp(phone, call, new CallEnded(callId, p.at(), null, "agent_left"));
                    }
                }
            }
            default -> {
                if (p.kind() == Progress.Kind.RETURNED) {
                    wrapUp.suspend(phone);
                }
                out.notice(phone, p, p.kind().name().toLowerCase(Locale.ROOT));
            }
        }
    }

    private AgentCall callElsewhere(String callId, AgentPhone not) {
        for (Map.Entry<AgentPhone, AgentCall> e : calls.entrySet()) {
            if (!e.getKey().equals(not) && e.getValue().callId.equals(callId)) {
                return e.getValue();
            }
        }
        return null;
    }

    private boolean activeElsewhere(String callId, AgentPhone not) {
        AgentCall c = callElsewhere(callId, not);
        return c != null && c.phase == Phase.ACTIVE;
    }

    // ------------------------------------------------------------------ the agent's wrap-up and pauses

    /** The agent finished wrap-up (or dismissed a pop): the console clears the call and the phone is free again. */
    public Future<Void> wrapUpDone(String pbxId, String extension) {
        AgentPhone phone = new AgentPhone(pbxId, extension);
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> {
            AgentCall call = calls.get(phone);
            if (call != null && call.phase == Phase.ACTIVE) {
                // a call in progress is not wrapped up: the desk keeps following it
                done.complete();
                return;
            }
            calls.remove(phone);
            if (call != null) {
                out.broadcast(phone, new PopWithdrawn(call.callId, "wrapup_done"));
            }
            wrapUp.release(phone, true).onComplete(ar -> done.complete());
        });
        return done.future();
    }

    private void wrapUpTimedOut(AgentPhone phone, String callId) {
        AgentCall call = calls.get(phone);
        if (call != null && call.callId.equals(callId) && call.phase == Phase.WRAP_UP) {
            calls.remove(phone);
            out.broadcast(phone, new PopWithdrawn(callId, "wrapup_timeout"));
        }
        wrapUp.release(phone, false);
    }

    /** A pause was sent for the phone through the desk (the agent's 示忙, a supervisor's action). */
    public void paused(String pbxId, String extension, String reason) {
        AgentPhone phone = new AgentPhone(pbxId, extension);
        context.runOnContext(v -> {
            knownPause.put(phone, reason);
            wrapUp.agentPaused(phone, reason);
        });
    }

    /** An unpause was sent for the phone through the desk: during wrap-up it ends wrap-up as 话后处理完成 does. */
    public void unpaused(String pbxId, String extension) {
        AgentPhone phone = new AgentPhone(pbxId, extension);
        context.runOnContext(v -> {
            knownPause.remove(phone);
            AgentCall call = calls.get(phone);
            if (call != null && call.phase == Phase.WRAP_UP) {
                calls.remove(phone);
                out.broadcast(phone, new PopWithdrawn(call.callId, "wrapup_done"));
            }
            wrapUp.release(phone, true);
        });
    }

    /**
     * The agent's current call as the desk knows it (for the agent API: what a flag or a transfer is about), or empty.
     * Completes on the dispatcher's context.
     */
    public Future<Optional<CallView>> currentCall(String pbxId, String extension, String callId) {
        AgentPhone phone = new AgentPhone(pbxId, extension);
        Promise<Optional<CallView>> p = Promise.promise();
        context.runOnContext(v -> {
            AgentCall c = calls.get(phone);
            p.complete(c != null && (callId == null || c.callId.equals(callId)) ? Optional.of(c.view) : Optional.empty());
        });
        return p.future();
    }

    /** Whether the phone is in wrap-up now (the desk's own word). Completes on the dispatcher's context. */
    public Future<Boolean> inWrapUp(String pbxId, String extension) {
        AgentPhone phone = new AgentPhone(pbxId, extension);
        Promise<Boolean> p = Promise.promise();
        context.runOnContext(v -> p.complete(wrapUp.active(phone)));
        return p.future();
    }

    // ------------------------------------------------------------------ consoles

    /** A console connected: send its agent's state and current call. */
    public void connected(WsConnection c) {
        context.runOnContext(v -> {
            AgentPhone ext = AgentPhone.of(c.principal());
            if (ext == null) {
                return;
            }
            out.replay(c, agentStates.get(ext), calls.get(ext));
        });
    }

    // ------------------------------------------------------------------ the agent's state

    private void pollAgentStates() {
        List<LiveQueues.AgentSnapshot> agents;
        try {
            agents = liveQueues.agents();
        } catch (RuntimeException e) {
            LOG.warn("live queue view failed: {}", e.toString());
            return;
        }
        Set<AgentPhone> seen = new HashSet<>();
        for (LiveQueues.AgentSnapshot a : agents) {
            AgentPhone phone = AgentPhone.ofInterface(a.pbxId(), a.agent());
            if (phone != null && seen.add(phone)) {
                if (a.state() == AgentState.PAUSED && WrapUpHold.REASON.equals(a.reason())) {
                    wrapUp.adopt(phone, a.since(), Instant.now(),
                            () -> context.runOnContext(v -> wrapUpTimedOut(phone, null)));
                }
                publishState(phone, a);
            }
        }
        // a phone logged out of every queue is in no snapshot: its consoles are told so
        for (AgentPhone phone : sockets.phonesWithConsoles()) {
            if (seen.add(phone)) {
                publishState(phone, null);
            }
        }
    }

    private void publishState(AgentPhone phone, LiveQueues.AgentSnapshot a) {
        AgentCall call = calls.get(phone);
        AgentStateView.Desk desk = new AgentStateView.Desk(call == null ? null : call.phase,
                call == null ? null : call.phaseSince, wrapUp.active(phone), wrapUp.since(phone), wrapUp.thenPaused(phone),
                knownPause.get(phone), legsUp.containsKey(phone) ? legsUp.get(phone).size() : null);
        AgentStateChanged m = AgentStateView.of(phone.iface(), a, desk);
        if (!Objects.equals(agentStates.put(phone, m), m)) {
            out.broadcast(phone, m);
        }
    }

    @Override
    public synchronized void close() {
        hub.unsubscribe(listener);
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        context.runOnContext(v -> wrapUp.close());
    }
}
