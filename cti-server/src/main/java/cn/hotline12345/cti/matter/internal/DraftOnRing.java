package cn.hotline12345.cti.matter.internal;


import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.matter.api.DraftFromCall;
import cn.hotline12345.cti.matter.api.Matter;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.CallView;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.hotline12345.contract.ChannelVariable;
import cn.hotline12345.contract.HotlineQueue;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The one place that opens a call's draft matter (issue 7 item 2; issue 18: the ring listener and the screen pop used
 * to open it both at once and a database lock settled the race). Subscribed to the call updates of the node that runs
 * the PBX's link, it opens the draft when the call first reaches an agent ({@code AgentRinging}, or
 * {@code AgentConnected} for a call adopted after a restart), once per call: a call rung at several agents
 * (ring-all) or again after a reconnect shares the same opening. The screen pop asks {@link #draftOf} and gets that
 * same opening, or, on a node that does not run the link, the draft as the database has it.
 * A dropped call keeps its draft.
 */
public final class DraftOnRing implements Consumer<CallUpdate> {

    private static final Logger LOG = LoggerFactory.getLogger(DraftOnRing.class);
    /** Openings remembered at most (calls end and are forgotten long before; a bound against a leak). */
    private static final int MAX_OPEN = 20_000;
    /** How often and how long a pop on another node looks for the draft the owner is opening. */
    private static final long RETRY_MS = 100;
    private static final int RETRIES = 7;

    private final MatterService matters;
    private final UnaryOperator<String> normaliseNumber;
    private final Vertx vertx;
    private final Map<CallKey, Future<Matter>> opening = new ConcurrentHashMap<>();

    public DraftOnRing(MatterService matters, UnaryOperator<String> normaliseNumber, Vertx vertx) {
        this.matters = matters;
        this.normaliseNumber = normaliseNumber;
        this.vertx = vertx;
    }

    /**
     * The draft of a call reaching an agent: caller, IVR path, and the category the IVR's queue tells
     * (or {@code HOTLINE_CATEGORY} when the IVR set it).
     */
    public static DraftFromCall draftFor(CallView v, String queue, String agent, java.time.Instant at,
                                         UnaryOperator<String> normaliseNumber) {
        String category = v.ivrVars().getOrDefault(ChannelVariable.CATEGORY,
                HotlineQueue.byId(queue).flatMap(HotlineQueue::category).orElse(null));
        return new DraftFromCall(v.key(), null, v.callerNumber(), normaliseNumber.apply(v.callerNumber()),
                callerName(v), v.ivrPath(), category, agent, at);
    }

    /** The name the caller gave the IVR, else the caller id name. */
    static String callerName(CallView v) {
        String said = v.ivrVars().get(ChannelVariable.CALLER_NAME);
        return said != null && !said.isBlank() ? said : v.callerName();
    }

    @Override
    public void accept(CallUpdate update) {
        if (update instanceof CallUpdate.AgentRinging r) {
            open(r.view(), r.queue(), r.agent(), r.at());
        } else if (update instanceof CallUpdate.AgentConnected c) {
            open(c.view(), c.queue(), c.agent(), c.at());
        } else if (update instanceof CallUpdate.CallEnded e) {
            opening.remove(e.key());
        }
    }

    private Future<Matter> open(CallView v, String queue, String agent, java.time.Instant at) {
        if (opening.size() >= MAX_OPEN) {
            opening.entrySet().removeIf(e -> e.getValue().isComplete());
        }
        return opening.computeIfAbsent(v.key(), k -> {
            Future<Matter> f = matters.openDraftFromCall(draftFor(v, queue, agent, at, normaliseNumber));
            f.onFailure(e -> {
                LOG.warn("could not open the draft matter for call {}: {}", v.key(), e.getMessage());
                opening.remove(k);
            });
            return f;
        });
    }

    /**
     * The call's draft for its screen pop: the opening under way on this node, else the one in the database (the
     * node running the PBX's link opens it; this looks for it a few times for up to {@code 700 ms}). Empty when there
     * is none (the call never reached an agent through a queue).
     */
    public Future<Optional<Matter>> draftOf(CallKey key) {
        Future<Matter> f = opening.get(key);
        if (f != null) {
            return f.map(Optional::of);
        }
        Promise<Optional<Matter>> p = Promise.promise();
        look(key, RETRIES, p);
        return p.future();
    }

    private void look(CallKey key, int left, Promise<Optional<Matter>> p) {
        matters.forCall(key).onComplete(ar -> {
            if (ar.failed()) {
                p.fail(ar.cause());
            } else if (ar.result().isPresent() || left <= 0) {
                p.complete(ar.result());
            } else {
                Future<Matter> meanwhile = opening.get(key);
                if (meanwhile != null) {
                    meanwhile.map(Optional::of).onComplete(p);
                } else {
                    vertx.setTimer(RETRY_MS, id -> look(key, left - 1, p));
                }
            }
        });
    }
}
