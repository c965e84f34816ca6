package cn.hotline12345.cti.telephony.ami;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Matches AMI answers to the actions that asked for them, by ActionID: each action gets a {@link Promise}, completed
 * by its response (and, for list actions, by the events up to the list's end) or failed by Asterisk's error, by its
 * timeout, or by the link's loss. Used on the link's event loop only.
 */
final class AmiCorrelator {

    /** A response and, for list actions, the events that followed it. */
    record Result(AmiMessage response, List<AmiMessage> events) {
    }

    private final Vertx vertx;
    private final String idPrefix;
    private final Duration timeout;
    private final Map<String, Pending> pending = new HashMap<>();
    private long actionSeq;

    AmiCorrelator(Vertx vertx, String idPrefix, Duration timeout) {
        this.vertx = vertx;
        this.idPrefix = idPrefix;
        this.timeout = timeout;
    }

    /** Registers an action and writes it with a fresh ActionID; {@code completeEvent} null for a plain action. */
    void send(AmiAction action, String completeEvent, Promise<Result> promise, Consumer<byte[]> writer) {
        String id = idPrefix + "-" + (++actionSeq);
        long timer = vertx.setTimer(timeout.toMillis(), t -> {
            Pending p = pending.remove(id);
            if (p != null) {
                p.promise.tryFail(new AmiException(action.name() + " got no answer within " + timeout));
            }
        });
        pending.put(id, new Pending(completeEvent, promise, timer));
        writer.accept(action.encode(id));
    }

    /** Takes a message that answers a pending action; false when it is not one (an event for the listener). */
    boolean offer(AmiMessage m) {
        String actionId = m.actionId();
        Pending p = actionId == null ? null : pending.get(actionId);
        if (p == null) {
            return false;
        }
        if (p.collect(m)) {
            pending.remove(actionId);
            vertx.cancelTimer(p.timer);
        }
        return true;
    }

    /** Fails every pending action (the link was lost or closed). */
    void failAll(String why) {
        List<Pending> failed = new ArrayList<>(pending.values());
        pending.clear();
        for (Pending p : failed) {
            vertx.cancelTimer(p.timer);
            p.promise.tryFail(new AmiException(why));
        }
    }

    /** An action waiting for its answer. */
    private static final class Pending {
        final String completeEvent;
        final Promise<Result> promise;
        final long timer;
        AmiMessage response;
        final List<AmiMessage> events = new ArrayList<>();

        Pending(String completeEvent, Promise<Result> promise, long timer) {
            this.completeEvent = completeEvent;
            this.promise = promise;
            this.timer = timer;
        }

        /** Takes one message with this ActionID; true when the action is complete. */
        boolean collect(AmiMessage m) {
            if (m.response() != null && response == null) {
                response = m;
                if ("Error".equalsIgnoreCase(m.response())) {
                    promise.tryFail(new AmiException(m.get("Message", "Error")));
                    return true;
                }
                if (completeEvent == null) {
                    promise.tryComplete(new Result(m, List.of()));
                    return true;
                }
                return false;
            }
            String ev = m.event();
            if (ev == null) {
                return false;
            }
            if (ev.equalsIgnoreCase(completeEvent) || "Complete".equalsIgnoreCase(m.get("EventList"))) {
                promise.tryComplete(new Result(response == null ? m : response, List.copyOf(events)));
                return true;
            }
            events.add(m);
            return false;
        }
    }
}
