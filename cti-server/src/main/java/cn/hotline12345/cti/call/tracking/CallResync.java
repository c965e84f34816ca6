package cn.hotline12345.cti.call.tracking;

import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.LiveChannel;
import cn.hotline12345.cti.call.api.PbxEvent;
import cn.hotline12345.contract.AgiScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One resynchronisation of a {@link CallTracker} with what the PBX says is live after a (re)connect
 * ({@code CoreShowChannels}: every channel with its call's Linkedid, its application and the bridge it is in).
 *
 * <p>Whatever the gap hid, the record must not be wrong:
 * <ul>
 *   <li>a known call still live whose caller is now in a bridge with another leg of the call was answered meanwhile:
 *       that leg's member is its agent (issue 17: answered calls were recorded as abandoned after link flaps);</li>
 *   <li>a known call no longer live ended meanwhile: after an Asterisk restart it is closed {@code pbx_restart};
 *       after a lost link {@code pbx_link_lost}, answered if an agent was known to have it, else with the
 *       {@link cn.hotline12345.cti.call.api.Disposition#UNKNOWN unknown} disposition the reconciler settles from
 *       CEL and queue_log (never guessed as abandoned);</li>
 *   <li>a live call the tracker did not know is adopted (in a queue, or already with an agent);</li>
 *   <li>channels that vanished are dropped, new ones added.</li>
 * </ul>
 * Runs on the link's event loop like the tracker.
 */
final class CallResync {

    private static final Logger LOG = LoggerFactory.getLogger(CallResync.class);

    private final CallTracker tracker;
    private final Set<String> goneMeanwhile;
    private final Set<String> queueEntries;

    CallResync(CallTracker tracker, Set<String> goneMeanwhile, Set<String> queueEntries) {
        this.tracker = tracker;
        this.goneMeanwhile = goneMeanwhile;
        this.queueEntries = queueEntries;
    }

    void run(List<LiveChannel> live, boolean restarted, Instant at) {
        Map<String, List<LiveChannel>> byCall = new LinkedHashMap<>();
        for (LiveChannel ch : live) {
            if (goneMeanwhile.contains(ch.uniqueid())) {
                continue; // hung up while the list was being sent: not a ghost to adopt
            }
            byCall.computeIfAbsent(ch.linkedid(), k -> new ArrayList<>()).add(ch);
        }
        String reason = restarted ? "pbx_restart" : "pbx_link_lost";
        int closed = 0;
        int adopted = 0;
        int answeredMeanwhile = 0;
        Map<String, CallState> calls = tracker.calls();
        for (CallState call : new ArrayList<>(calls.values())) {
            List<LiveChannel> chans = byCall.get(call.key.linkedid());
            if (chans == null) {
                call.endUnseen = !restarted;
                tracker.endCall(call, at, reason);
                closed++;
                continue;
            }
            syncChannels(call, chans);
            boolean reachedQueue = call.queueJoinedAt != null;
            catchUp(call, chans, at);
            if (call.agent == null && !call.abandoned) {
                if (answerSeenInBridges(call, chans, at)) {
                    answeredMeanwhile++;
                } else if (mayHaveBeenAnswered(call.key.linkedid(), reachedQueue, chans)) {
                    call.answerUnknown = true;
                }
            }
        }
        for (Map.Entry<String, List<LiveChannel>> e : byCall.entrySet()) {
            if (!calls.containsKey(e.getKey())) {
                adopt(e.getKey(), e.getValue(), at);
                adopted++;
            }
        }
        LOG.info("PBX {}: resync with {} live channels: {} calls closed ({}), {} answered while the link was down, "
                        + "{} adopted, {} live", tracker.pbxId(), live.size(), closed, reason, answeredMeanwhile, adopted,
                calls.size());
    }

    private void syncChannels(CallState call, List<LiveChannel> chans) {
        Map<String, String> channelToCall = tracker.channelToCall();
        Set<String> present = new HashSet<>();
        chans.forEach(ch -> present.add(ch.uniqueid()));
        for (String uid : new ArrayList<>(call.channels)) {
            if (!present.contains(uid)) {
                call.channels.remove(uid);
                channelToCall.remove(uid);
            }
        }
        for (LiveChannel ch : chans) {
            call.channelNames.putIfAbsent(ch.uniqueid(), CallTracker.capped(ch.channel()));
            if (call.channels.add(ch.uniqueid())) {
                channelToCall.put(ch.uniqueid(), call.key.linkedid());
            }
        }
    }

    /**
     * The other leg bridged with the caller's side of the call, if it is in a bridge with one. The caller's side is
     * the channel running {@code Queue()} (the caller stays in the application while it bridges them to the agent;
     * with a Local caller that is the ;2 half, not the Linkedid's ;1), else the call's first channel.
     */
    private static Optional<LiveChannel> bridgedWithCaller(String linkedid, List<LiveChannel> chans) {
        LiveChannel caller = chans.stream().filter(c -> "Queue".equalsIgnoreCase(c.application())).findFirst()
                .or(() -> chans.stream().filter(c -> c.uniqueid().equals(linkedid)).findFirst())
                .orElse(chans.isEmpty() ? null : chans.get(0));
        if (caller == null || caller.bridgeId().isEmpty()) {
            return Optional.empty();
        }
        return chans.stream().filter(c -> c != caller && caller.bridgeId().equals(c.bridgeId())).findFirst();
    }

    /**
     * A known call that was waiting (or ringing agents) when the link dropped and whose caller is now bridged with
     * another leg: the agent answered meanwhile. The answer time is not in AMI's list; the agent leg's age (it was
     * created when the agent's phone rang) bounds it and is used, marked as estimated in the event.
     */
    private boolean answerSeenInBridges(CallState call, List<LiveChannel> chans, Instant at) {
        Optional<LiveChannel> other = bridgedWithCaller(call.key.linkedid(), chans);
        if (other.isEmpty()) {
            return false;
        }
        LiveChannel agentLeg = other.get();
        String member = Values.memberOf(agentLeg.channel());
        Instant answered = agentLeg.durationSeconds() > 0 ? at.minusSeconds(agentLeg.durationSeconds()) : at;
        if (call.queueJoinedAt != null && answered.isBefore(call.queueJoinedAt)) {
            answered = call.queueJoinedAt;
        }
        long holdSeconds = call.queueJoinedAt == null ? 0 : Duration.between(call.queueJoinedAt, answered).toSeconds();
        String queue = call.queue == null ? "" : call.queue;
        tracker.recordEvent(call, "ResyncAnswer:" + call.key.linkedid() + ":" + member, "answered_while_link_down", at,
                Map.of("agent", CallTracker.capped(member), "estimated_answer", answered.toString(), "source", "resync"));
        tracker.agentConnected(call, new PbxEvent.AgentConnected(tracker.pbxId(), answered, call.key.linkedid(),
                call.key.linkedid(), queue, member, holdSeconds, agentLeg.uniqueid()));
        if (call.queueJoinedAt != null && call.queueLeftAt == null) {
            call.queueLeftAt = answered;
            tracker.board().callerLeft(queue, call.key);
        }
        return true;
    }

    /**
     * What the gap hid of a known call that the live list shows: the caller's channel answered (the IVR answers
     * before anything), the caller gone into {@code Queue()} (its queue joined now, as adopted calls are).
     */
    private void catchUp(CallState call, List<LiveChannel> chans, Instant at) {
        for (LiveChannel c : chans) {
            if (c.uniqueid().equals(call.key.linkedid()) && c.state() == 6) {
                call.answeredChannel = true;
            }
            if (call.queueJoinedAt == null && "Queue".equalsIgnoreCase(c.application())) {
                String q = c.applicationData().split(",", 2)[0];
                call.queue = CallTracker.capped(q);
                call.queueJoinedAt = at;
                tracker.board().callerJoined(q, call.key, at);
            }
        }
    }

    /**
     * Whether an agent may have answered the call in the gap although no live leg shows one. Not in doubt: a caller
     * waiting in {@code Queue()} (a {@code QueueEntry} of QueueStatus, in no bridge), or in the IVR's own scripts, or
     * in its dialplan before any queue. In doubt: the call's first channel (the caller's) gone with other legs left;
     * the survey that follows an agent; alone in a bridge (an agent was there); out of a queue it had reached; and in
     * {@code Queue()} but not an entry, which is a caller just joining or one leaving after an answer (a later
     * QueueCallerJoin clears the doubt).
     */
    private boolean mayHaveBeenAnswered(String linkedid, boolean reachedQueue, List<LiveChannel> chans) {
        if (chans.stream().noneMatch(c -> c.uniqueid().equals(linkedid))) {
            return true;
        }
        boolean inIvr = false;
        for (LiveChannel c : chans) {
            if ("AGI".equalsIgnoreCase(c.application())) {
                String data = c.applicationData();
                if (data.contains("/" + AgiScript.SURVEY.script())) {
                    return true;
                }
                inIvr |= data.contains("/" + AgiScript.HOTLINE.script()) || data.contains("/" + AgiScript.STATUS.script());
            }
        }
        for (LiveChannel c : chans) {
            if ("Queue".equalsIgnoreCase(c.application())) {
                boolean waiting = queueEntries == null || queueEntries.contains(c.uniqueid()) && c.bridgeId().isEmpty();
                return !waiting;
            }
        }
        return !inIvr && reachedQueue;
    }

    private void adopt(String linkedid, List<LiveChannel> chans, Instant at) {
        LiveChannel first = chans.stream().filter(c -> c.uniqueid().equals(linkedid)).findFirst().orElse(chans.get(0));
        CallState call = new CallState(new CallKey(tracker.pbxId(), linkedid), at);
        tracker.calls().put(linkedid, call);
        call.callerNumber = CallTracker.capped(first.callerNumber());
        call.callerName = CallTracker.capped(first.callerName());
        call.dialled = CallTracker.capped(first.exten());
        call.answeredChannel = first.state() == 6;
        for (LiveChannel ch : chans) {
            call.channels.add(ch.uniqueid());
            call.channelNames.put(ch.uniqueid(), CallTracker.capped(ch.channel()));
            tracker.channelToCall().put(ch.uniqueid(), linkedid);
            if ("Queue".equalsIgnoreCase(ch.application())) {
                String q = ch.applicationData().split(",", 2)[0];
                call.queue = CallTracker.capped(q);
                call.queueJoinedAt = at;
                tracker.board().callerJoined(q, call.key, at);
            }
        }
        Optional<LiveChannel> agentLeg = bridgedWithCaller(linkedid, chans);
        agentLeg.ifPresent(other -> {
            call.agent = Values.memberOf(other.channel());
            call.answeredAt = at;
            if (call.queueJoinedAt != null) {
                call.queueLeftAt = at;
                tracker.board().callerLeft(call.queue, call.key);
            }
        });
        if (agentLeg.isEmpty() && mayHaveBeenAnswered(linkedid, false, chans)) {
            call.answerUnknown = true;
        }
        tracker.recordEvent(call, "Adopt:" + linkedid, "call_adopted", at,
                Map.of("channels", Integer.toString(chans.size())));
        tracker.publish(new CallUpdate.CallStarted(call.key, at, call.view()));
        tracker.record(call);
    }
}
