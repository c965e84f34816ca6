package cn.hotline12345.cti.desk.internal;

import cn.hotline12345.cti.call.api.AgentActions;
import cn.hotline12345.cti.desk.api.AgentPhone;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Wrap-up (话后处理) holds the agent's phone (issue 19 item 2: the queue rang the agent 5 s after hang-up while the
 * matter was being written, {@code queues.conf wrapuptime} being only 10 s). At the end of the agent's part of a call
 * the agent is paused in every queue (QueuePause without Queue) with reason {@link #REASON}; the pause is lifted when
 * the agent presses 话后处理完成 or after {@code max} (configuration {@code desk.wrapUpMax}). An agent who chose to stay
 * paused during wrap-up (示忙 with a reason) stays paused with that reason when it ends.
 *
 * <p>Confined to the dispatcher's context. With several servers only the node running the PBX's link pauses at the
 * call's end and unpauses at the maximum ({@code ownsPbx}); an agent's own 话后处理完成 unpauses from any node.
 */
final class WrapUpHold {

    /** The QueuePause reason of a wrap-up (the catalogue's {@code agent.pause.after_call_work}: 话后处理). */
    static final String REASON = "after_call_work";
    private static final Logger LOG = LoggerFactory.getLogger(WrapUpHold.class);

    private static final class Hold {
        final Instant since;
        long timer = -1;
        /** The pause reason the agent chose during wrap-up, kept when wrap-up ends; null: unpause. */
        String thenPaused;
        /** this node paused the phone (its agent has a console here), so this node unpauses it */
        boolean pausedHere;

        Hold(Instant since) {
            this.since = since;
        }
    }

    private final Vertx vertx;
    private final AgentActions actions;
    private final Duration max;
    private final Predicate<String> ownsPbx;
    private final Map<AgentPhone, Hold> holds = new HashMap<>();

    WrapUpHold(Vertx vertx, AgentActions actions, Duration max, Predicate<String> ownsPbx) {
        this.vertx = vertx;
        this.actions = actions;
        this.max = max;
        this.ownsPbx = ownsPbx;
    }

    Duration max() {
        return max;
    }

    /**
     * The agent's part of a call ended: pause them (once) and (re)start the maximum. {@code onTimeout} runs on the
     * vert.x timer thread; the caller hands it to its context.
     */
    void start(AgentPhone phone, Instant at, boolean consoleHere, Runnable onTimeout) {
        Hold h = holds.get(phone);
        if (h == null) {
            h = new Hold(at);
            holds.put(phone, h);
            // only an agent at a console can press 话后处理完成: a desk phone nobody watches here is not held (and the
            // node of the agent's console is the one that pauses, through the cluster's actions when it is not the
            // PBX's owner: one pause, however many nodes see the call end)
            if (consoleHere) {
                h.pausedHere = true;
                actions.pause(phone.pbxId(), phone.extension(), REASON).onFailure(e ->
                        LOG.warn("wrap-up: could not pause {}: {}", phone, e.getMessage()));
            }
        }
        restartTimer(h, onTimeout);
    }

    private void restartTimer(Hold h, Runnable onTimeout) {
        if (h.timer >= 0) {
            vertx.cancelTimer(h.timer);
        }
        h.timer = vertx.setTimer(Math.max(1, max.toMillis()), id -> onTimeout.run());
    }

    /**
     * The PBX shows the agent paused for wrap-up, yet this node holds no wrap-up of theirs: the node that paused them
     * died (its link was taken over) or this server restarted. Without this the agent would stay paused for ever; the
     * maximum now counts from when the PBX says the pause began. Only the PBX's node adopts.
     *
     * @return whether it was adopted
     */
    boolean adopt(AgentPhone phone, Instant pausedSince, Instant now, Runnable onTimeout) {
        if (holds.containsKey(phone) || !ownsPbx.test(phone.pbxId())) {
            return false;
        }
        Instant since = pausedSince == null || pausedSince.isAfter(now) ? now : pausedSince;
        Hold h = new Hold(since);
        h.pausedHere = true;
        holds.put(phone, h);
        long left = max.minus(Duration.between(since, now)).toMillis();
        h.timer = vertx.setTimer(Math.max(1, left), id -> onTimeout.run());
        LOG.info("wrap-up: {} is paused for wrap-up by an earlier owner of the PBX's link; released at the latest in {} ms",
                phone, Math.max(1, left));
        return true;
    }

    /** A call came back to the agent during wrap-up: no maximum while they talk; still paused for the queues. */
    void suspend(AgentPhone phone) {
        Hold h = holds.get(phone);
        if (h != null && h.timer >= 0) {
            vertx.cancelTimer(h.timer);
            h.timer = -1;
        }
    }

    boolean active(AgentPhone phone) {
        return holds.containsKey(phone);
    }

    Instant since(AgentPhone phone) {
        Hold h = holds.get(phone);
        return h == null ? null : h.since;
    }

    /** The pause the agent chose during wrap-up (kept after it), or null. */
    String thenPaused(AgentPhone phone) {
        Hold h = holds.get(phone);
        return h == null ? null : h.thenPaused;
    }

    /** The agent paused with a reason of their own during wrap-up: they stay paused with it when wrap-up ends. */
    void agentPaused(AgentPhone phone, String reason) {
        Hold h = holds.get(phone);
        if (h != null && !REASON.equals(reason)) {
            h.thenPaused = reason;
        }
    }

    /**
     * Wrap-up is over (done, or the maximum): the agent is unpaused unless they chose to stay paused. {@code byAgent}:
     * the agent asked, on whichever node; otherwise only the PBX's node acts.
     */
    Future<Void> release(AgentPhone phone, boolean byAgent) {
        Hold h = holds.remove(phone);
        if (h == null) {
            return Future.succeededFuture();
        }
        if (h.timer >= 0) {
            vertx.cancelTimer(h.timer);
        }
        if (h.thenPaused != null || !byAgent && !h.pausedHere) {
            return Future.succeededFuture();
        }
        return actions.unpause(phone.pbxId(), phone.extension())
                .onFailure(e -> LOG.warn("wrap-up: could not unpause {}: {}", phone, e.getMessage()));
    }

    void close() {
        holds.values().forEach(h -> {
            if (h.timer >= 0) {
                vertx.cancelTimer(h.timer);
            }
        });
        holds.clear();
    }
}
