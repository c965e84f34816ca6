package cn.hotline12345.cti.telephony.ami;

import cn.hotline12345.cti.call.api.AgentActions;
import cn.hotline12345.cti.call.api.CallView;
import cn.hotline12345.contract.HotlineQueue;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * {@link AgentActions} over AMI. Every value is checked against a strict shape ({@link AgentInput}) before it is put into an
 * action (and {@link AmiAction} refuses control characters again at the last moment), so an agent's note or a caller's name can
 * never become a second action on the wire. The actions themselves are built by {@link CallControl}, towards the
 * contexts of docs/dialplan-contract.md only; what the PBX then does with the legs is followed by one {@link CallLegs}
 * per PBX and told to {@link #onProgress} listeners.
 */
public final class AmiAgentActions implements AgentActions {

    private static final Logger LOG = LoggerFactory.getLogger(AmiAgentActions.class);

    private final Map<String, PbxConnector> pbxs;
    private final Map<String, CallLegs> legs = new LinkedHashMap<>();
    private final Set<String> knownQueues;
    private final List<Consumer<Progress>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param knownQueues queue names agents may log in to or be transferred to (an allow-list); empty means
     *                    any well-formed name
     */
    public AmiAgentActions(Map<String, PbxConnector> pbxs, Set<String> knownQueues) {
        this(pbxs, knownQueues, Clock.systemUTC());
    }

    public AmiAgentActions(Map<String, PbxConnector> pbxs, Set<String> knownQueues, Clock clock) {
        this.pbxs = Map.copyOf(pbxs);
        this.knownQueues = Set.copyOf(knownQueues);
        pbxs.forEach((id, connector) -> {
            CallLegs l = new CallLegs(id, clock, this::publish);
            l.onHoldBroken(left -> holdBroken(connector, left));
            legs.put(id, l);
            connector.addTap(l);
        });
    }

    @Override
    public void onProgress(Consumer<Progress> listener) {
        listeners.add(listener);
    }

    private void publish(Progress p) {
        for (Consumer<Progress> l : listeners) {
            try {
                l.accept(p);
            } catch (RuntimeException e) {
                LOG.warn("a progress listener failed: {}", e.toString());
            }
        }
    }

    // ------------------------------------------------------------------ queues and pauses

    @Override
    public Future<Void> login(String pbxId, String extension, String memberName, List<QueueLogin> queues) {
        return run(() -> {
            AmiLink link = link(pbxId);
            String iface = AgentInput.iface(extension);
            String name = memberName == null || memberName.isBlank() ? "Agent " + extension : AgentInput.memberName(memberName);
            if (queues == null || queues.isEmpty()) {
                throw new IllegalArgumentException("queues: at least one queue is required");
            }
            for (QueueLogin q : queues) {
                AgentInput.queue(q.queue(), knownQueues);
                if (q.penalty() < 0 || q.penalty() > 100) {
                    throw new IllegalArgumentException("penalty: must be 0..100, got " + q.penalty());
                }
            }
            Future<?> chain = Future.succeededFuture();
            for (QueueLogin q : queues) {
                // a second login (a refreshed page, a second tab) finds the member there: Asterisk answers
                // "Unable to add interface: Already there" (app_queue.c RES_EXISTS), which is what was wanted
                chain = chain.compose(x -> alreadySo(send(link, AmiAction.named("QueueAdd").header("Queue", q.queue())
                        .header("Interface", iface).header("StateInterface", iface).header("MemberName", name)
                        .header("Penalty", Integer.toString(q.penalty())).header("Paused", "false")), "Already there"));
            }
            return chain.mapEmpty();
        });
    }

    @Override
    public Future<Void> logout(String pbxId, String extension, List<String> queues) {
        return run(() -> {
            AmiLink link = link(pbxId);
            String iface = AgentInput.iface(extension);
            if (queues == null || queues.isEmpty()) {
                throw new IllegalArgumentException("queues: at least one queue is required");
            }
            queues.forEach(q -> AgentInput.queue(q, knownQueues));
            Future<?> chain = Future.succeededFuture();
            for (String q : queues) {
                // "Unable to remove interface: Not there" (app_queue.c RES_NOSUCHQUEUE/RES_NOT_DYNAMIC aside): logged out
                chain = chain.compose(x -> alreadySo(send(link, AmiAction.named("QueueRemove").header("Queue", q)
                        .header("Interface", iface)), "Not there"));
            }
            return chain.mapEmpty();
        });
    }

    /** An error of Asterisk's that says the wanted state is already there counts as success. */
    private static <T> Future<?> alreadySo(Future<T> f, String message) {
        return f.recover(e -> e.getMessage() != null && e.getMessage().endsWith(message)
                ? Future.succeededFuture() : Future.failedFuture(e));
    }

    /** Without a Queue header QueuePause applies to every queue the interface is a member of (app_queue.c). */
    @Override
    public Future<Void> pause(String pbxId, String extension, String reason) {
        return run(() -> send(link(pbxId), AmiAction.named("QueuePause").header("Interface", AgentInput.iface(extension))
                .header("Paused", "true").header("Reason", AgentInput.reason(reason))));
    }

    @Override
    public Future<Void> unpause(String pbxId, String extension) {
        return run(() -> send(link(pbxId), AmiAction.named("QueuePause").header("Interface", AgentInput.iface(extension))
                .header("Paused", "false")));
    }

    // ------------------------------------------------------------------ the agent's call

    @Override
    public Future<Void> dial(String pbxId, String extension, String number) {
        return run(() -> {
            String iface = AgentInput.iface(extension);
            String n = AgentInput.number("number", number);
            PbxConnector pbx = connector(pbxId);
            CallLegs l = legs.get(pbxId);
            return pbx.<Void>onLoop(() -> {
                if (!AgentLegs.live(pbx.tracker(), l, l.phoneLegs(extension)).isEmpty()) {
                    throw new Refused("phone_busy", "extension " + extension + " is in a call");
                }
                l.dialling(extension, n);
                return null;
            }).compose( // the ActionID noted as the answer is read: a busy phone's OriginateResponse may follow at once
                    x -> pbx.sendThen(CallControl.originate(iface, extension, n),
                            resp -> l.dialQueued(extension, resp.actionId())))
                    .recover(e -> Future.failedFuture(e instanceof IllegalArgumentException ? e
                            : new ActionFailedException(e.getMessage())))
                    .mapEmpty();
        });
    }

    @Override
    public Future<Void> transfer(String pbxId, String extension, TransferTarget target, boolean attended) {
        return run(() -> {
            PbxConnector pbx = connector(pbxId);
            AgentInput.extension(extension);
            if (target == null || target.kind() == null) {
                throw new IllegalArgumentException("target: required");
            }
            boolean phone = target.kind() == TransferTarget.Kind.AGENT;
            CallControl.Destination dest = switch (target.kind()) {
                case AGENT -> {
                    String t = AgentInput.extension("target", target.value());
                    if (t.equals(extension)) {
                        throw new Refused("self_transfer", "a transfer to one's own extension");
                    }
                    yield attended ? CallControl.consultAgent(t) : CallControl.toAgent(t);
                }
                case QUEUE -> {
                    if (attended) {
                        throw new Refused("consult_queue", "a queue cannot be consulted: transfer blind");
                    }
                    yield CallControl.queue(AgentInput.queue(target.value(), knownQueues));
                }
                case EMERGENCY -> {
                    yield CallControl.out(AgentInput.emergency(target.value()));
                }
                default -> CallControl.out(AgentInput.number("target", target.value()));
            };
            CallLegs l = legs.get(pbxId);
            return pairOf(pbx, extension, "transfer").<Void>compose(call -> {
                if (call.linkedid() != null && l.holding(call.linkedid())) {
                    return Future.failedFuture(new Refused("on_hold", "the call is on hold: retrieve it first"));
                }
                AmiLink link = pbx.link();
                if (attended) {
                    return watched(pbx, l, call, CallLegs.WatchKind.CONSULT, extension, dest.exten(), phone,
                            () -> send(link, CallControl.atxfer(call.agent(), dest)));
                }
                if (target.kind() == TransferTarget.Kind.QUEUE) {
                    return send(link, CallControl.redirect(call.caller(), dest));
                }
                // a way back: [transfer-return] rings this agent again when the target is busy or does not answer
                return watched(pbx, l, call, CallLegs.WatchKind.BLIND, extension, dest.exten(), phone,
                        () -> send(link, CallControl.returnTo(call.caller(), extension))
                                .compose(v -> send(link, CallControl.redirect(call.caller(), dest))));
            });
        });
    }

    @Override
    public Future<Void> consult(String pbxId, String extension, boolean complete) {
        return run(() -> {
            PbxConnector pbx = connector(pbxId);
            AgentInput.extension(extension);
            CallLegs l = legs.get(pbxId);
            return pairOf(pbx, extension, "consultation").<Void>compose(call -> {
                String local = call.linkedid() == null ? null : l.consultChannel(call.linkedid());
                if (local == null) {
                    return Future.failedFuture(new Refused("no_consultation", "no attended transfer under way"));
                }
                // features.conf atxferdropcall = no: the transferer hanging up completes the transfer; the consultation's
                // Local channel hanging up gives the transferer back the caller (bridge_basic.c)
                return send(pbx.link(), CallControl.hangup(complete ? call.agent() : local));
            });
        });
    }

    @Override
    public Future<Void> hold(String pbxId, String extension, boolean on) {
        return run(() -> {
            PbxConnector pbx = connector(pbxId);
            AgentInput.extension(extension);
            CallLegs l = legs.get(pbxId);
            return pairOf(pbx, extension, on ? "hold" : "retrieve").<Void>compose(call -> {
                boolean held = call.linkedid() != null && l.holding(call.linkedid());
                AmiLink link = pbx.link();
                if (on) {
                    if (held) {
                        return Future.failedFuture(new Refused("on_hold", "the call is already on hold"));
                    }
                    return pbx.<Void>onLoop(() -> {
                        if (call.linkedid() != null) {
                            l.watchHold(call.linkedid(), extension, call.callerUid(), call.agentUid());
                        }
                        return null;
                    }).compose(x -> send(link, CallControl.hold(call.caller(), call.agent())))
                            .onSuccess(v -> tell(pbxId, extension, call, Progress.Kind.HOLD_ON))
                            .onFailure(e -> pbx.<Void>onLoop(() -> {
                                l.unwatch(call.linkedid());
                                return null;
                            }));
                }
                if (!held) {
                    return Future.failedFuture(new Refused("not_on_hold", "the call is not on hold"));
                }
                return send(link, CallControl.retrieved(call.caller()))
                        .compose(v -> send(link, CallControl.bridge(call.agent(), call.caller())))
                        .compose(v -> pbx.<Void>onLoop(() -> {
                            l.unwatch(call.linkedid());
                            return null;
                        }))
                        .onSuccess(v -> tell(pbxId, extension, call, Progress.Kind.HOLD_OFF));
            });
        });
    }

    @Override
    public Future<Void> hangup(String pbxId, String extension) {
        return run(() -> {
            PbxConnector pbx = connector(pbxId);
            AgentInput.extension(extension);
            CallLegs l = legs.get(pbxId);
            return pairOf(pbx, extension, "hang up").<Void>compose(call -> {
                if (call.linkedid() != null && l.holding(call.linkedid())) {
                    // hanging up the agent would leave the caller in music on hold: take them back first
                    return Future.failedFuture(new Refused("on_hold", "the call is on hold: retrieve it first"));
                }
                // Hang up the agent's leg: the caller goes on in the dialplan, to the satisfaction survey.
                return send(pbx.link(), CallControl.hangup(call.agent()));
            });
        });
    }

    // ------------------------------------------------------------------ finding the legs

    private Future<AgentLegs.Pair> pairOf(PbxConnector pbx, String extension, String what) {
        CallLegs l = legs.get(pbx.pbxId());
        return pbx.onLoop(() -> AgentLegs.find(pbx.tracker(), l, extension, what));
    }

    private Future<Void> watched(PbxConnector pbx, CallLegs l, AgentLegs.Pair call, CallLegs.WatchKind kind, String extension,
                                 String target, boolean phone, java.util.function.Supplier<Future<Void>> action) {
        if (call.linkedid() == null) {
            return action.get();
        }
        return pbx.<Void>onLoop(() -> {
            l.watch(call.linkedid(), kind, extension, target, phone, call.uids());
            return null;
        }).compose(x -> action.get()).onFailure(e -> pbx.<Void>onLoop(() -> {
            l.unwatch(call.linkedid());
            return null;
        }));
    }

    /**
     * One side of a held call hung up. The agent's phone gone: the caller goes back to their queue (art. 17, never left
     * in music on hold); the held party gone: the agent's leg waiting in {@code [agent-hold]} is hung up.
     */
    private void holdBroken(PbxConnector pbx, CallLegs.Leg left) {
        AmiAction a;
        if (left.phone() == null && left.first()) {
            String queue = pbx.tracker().activeCalls().stream().filter(v -> v.key().linkedid().equals(left.linkedid()))
                    .map(CallView::queue).filter(q -> q != null && HotlineQueue.byId(q).isPresent()).findFirst()
                    .orElse(HotlineQueue.OPERATOR.id());
            a = CallControl.redirect(left.name(), CallControl.queue(queue));
        } else {
            a = CallControl.hangup(left.name());
        }
        pbx.link().send(a).onFailure(e -> LOG.warn("PBX {}: could not clear held call {}: {}", pbx.pbxId(),
                left.linkedid(), e.getMessage()));
    }

    private void tell(String pbxId, String extension, AgentLegs.Pair call, Progress.Kind kind) {
        if (call.linkedid() != null) {
            publish(new Progress(pbxId, extension, call.linkedid(), kind, null, null, java.time.Instant.now()));
        }
    }

    private Future<Void> send(AmiLink link, AmiAction action) {
        return link.send(action).<Void>mapEmpty()
                .recover(e -> Future.failedFuture(new ActionFailedException(e.getMessage())));
    }

    private static Future<Void> run(java.util.function.Supplier<Future<Void>> body) {
        try {
            return body.get();
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
    }

    private PbxConnector connector(String pbxId) {
        PbxConnector c = pbxId == null ? null : pbxs.get(pbxId);
        if (c == null) {
            throw new IllegalArgumentException("pbx: unknown PBX '" + AgentInput.printable(pbxId) + "'");
        }
        return c;
    }

    private AmiLink link(String pbxId) {
        return connector(pbxId).link();
    }
}
