package cn.hotline12345.cti.call.tracking;


import cn.hotline12345.cti.call.api.AgentState;
import cn.hotline12345.cti.call.api.AgentStateChange;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallRecordSink;
import cn.hotline12345.cti.call.api.LiveQueues;
import cn.hotline12345.cti.call.api.PbxEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Queues and agents of one PBX as the tracker sees them: who waits where since when, each member's state
 * and time in state, and today's counters (offered, answered, answered within the service level,
 * abandoned, wait). Updated by the tracker on its event loop; read by the web layer from any thread, so
 * every method is synchronized (uncontended almost always: the reader takes a snapshot a second).
 */
public final class QueueBoard {

    private final String pbxId;
    private final Clock clock;
    private final ZoneId zone;
    private final int serviceLevelSeconds;
    private final Duration wrapUp;
    private final Map<String, QueueStats> queues = new TreeMap<>();
    private final Map<String, Member> members = new TreeMap<>();
    private final Map<IntervalKey, Interval> intervals = new HashMap<>();
    private LocalDate day;

    /** One queue's counters for one hour, as written to queue_stats. */
    public record IntervalStats(String pbxId, String queue, Instant intervalStart, int offered, int answered,
                                int answeredWithinSl, int abandoned, long sumWaitMs, long sumTalkMs) {
    }

    private record IntervalKey(String queue, Instant start) {
    }

    private static final class Interval {
        int offered;
        int answered;
        int answeredWithinSl;
        int abandoned;
        long sumWaitMs;
        long sumTalkMs;
    }

    private Interval interval(String queue, Instant at) {
        Instant hour = at.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        return intervals.computeIfAbsent(new IntervalKey(queue, hour), k -> new Interval());
    }

    /**
     * The hourly counters of every queue (the current hour and the ones not yet reported), for persistence;
     * hours older than the previous one are forgotten once reported. Writing them is idempotent (absolute values).
     */
    public synchronized List<IntervalStats> intervalStats() {
        Instant keepFrom = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(Duration.ofHours(1));
        List<IntervalStats> out = new ArrayList<>();
        intervals.forEach((k, v) -> out.add(new IntervalStats(pbxId, k.queue(), k.start(), v.offered, v.answered,
                v.answeredWithinSl, v.abandoned, v.sumWaitMs, v.sumTalkMs)));
        intervals.keySet().removeIf(k -> k.start().isBefore(keepFrom));
        return out;
    }

    public QueueBoard(String pbxId, Clock clock, ZoneId zone, int serviceLevelSeconds, Duration wrapUp) {
        this.pbxId = pbxId;
        this.clock = clock;
        this.zone = zone;
        this.serviceLevelSeconds = serviceLevelSeconds;
        this.wrapUp = wrapUp;
        this.day = LocalDate.now(clock.withZone(zone));
    }

    public String pbxId() {
        return pbxId;
    }

    /** One queue's live state and today's counters. */
    private static final class QueueStats {
        final Map<CallKey, Instant> waiting = new LinkedHashMap<>();
        int offered;
        int answered;
        int answeredWithinSl;
        int abandoned;
        long sumAnswerWaitMs;
    }

    /** One queue member (an agent's phone interface). */
    private static final class Member {
        final String iface;
        String name = "";
        final TreeSet<String> queues = new TreeSet<>();
        final Map<String, String> pausedIn = new HashMap<>();
        AgentState state = AgentState.AVAILABLE;
        Instant since;
        String reason;

        Member(String iface, Instant at) {
            this.iface = iface;
            this.since = at;
        }
    }

    private QueueStats queue(String name) {
        rollDay();
        return queues.computeIfAbsent(name, k -> new QueueStats());
    }

    private void rollDay() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (!today.equals(day)) {
            day = today;
            for (QueueStats q : queues.values()) {
                q.offered = 0;
                q.answered = 0;
                q.answeredWithinSl = 0;
                q.abandoned = 0;
                q.sumAnswerWaitMs = 0;
            }
        }
    }

    synchronized void callerJoined(String queue, CallKey call, Instant at) {
        QueueStats q = queue(queue);
        if (q.waiting.putIfAbsent(call, at) == null) {
            q.offered++;
            interval(queue, at).offered++;
        }
    }

    synchronized void callerLeft(String queue, CallKey call) {
        queue(queue).waiting.remove(call);
    }

    synchronized void abandoned(String queue, CallKey call, Instant at) {
        QueueStats q = queue(queue);
        q.waiting.remove(call);
        q.abandoned++;
        interval(queue, at).abandoned++;
    }

    synchronized void agentRinging(String member, Instant at) {
        Member m = members.get(member);
        if (m != null && m.state != AgentState.ON_CALL) {
            setState(m, AgentState.RINGING, null, at);
        }
    }

    synchronized void agentIdle(String member, Instant at) {
        Member m = members.get(member);
        if (m != null && (m.state == AgentState.RINGING || m.state == AgentState.ON_CALL)) {
            setState(m, m.pausedIn.isEmpty() ? AgentState.AVAILABLE : AgentState.PAUSED, m.pausedIn.isEmpty() ? null
                    : m.pausedIn.values().iterator().next(), at);
        }
    }

    synchronized void agentConnected(String member, String queue, Instant at, long holdSeconds) {
        QueueStats q = queue(queue);
        q.answered++;
        q.sumAnswerWaitMs += holdSeconds * 1000;
        Interval iv = interval(queue, at);
        iv.answered++;
        iv.sumWaitMs += holdSeconds * 1000;
        if (holdSeconds <= serviceLevelSeconds) {
            q.answeredWithinSl++;
            iv.answeredWithinSl++;
        }
        Member m = members.computeIfAbsent(member, k -> new Member(k, at));
        setState(m, AgentState.ON_CALL, null, at);
    }

    /** False when the agent was not on a call (a duplicated AgentComplete). */
    synchronized boolean agentCompleted(String member, String queue, Instant at, long talkSeconds) {
        Member m = members.get(member);
        if (m == null || m.state != AgentState.ON_CALL) {
            return false;
        }
        setState(m, AgentState.WRAP_UP, null, at);
        interval(queue, at).sumTalkMs += talkSeconds * 1000;
        return true;
    }

    /** The agent finished wrap-up early (console). */
    public synchronized void wrapUpDone(String member, Instant at) {
        Member m = members.get(member);
        if (m != null && m.state == AgentState.WRAP_UP) {
            setState(m, m.pausedIn.isEmpty() ? AgentState.AVAILABLE : AgentState.PAUSED, null, at);
        }
    }

    synchronized void memberStatus(PbxEvent.MemberStatus s, CallRecordSink sink) {
        Member m = members.get(s.member());
        boolean isNew = m == null;
        if (isNew) {
            m = new Member(s.member(), s.at());
            members.put(s.member(), m);
        }
        if (!s.memberName().isEmpty()) {
            m.name = s.memberName();
        }
        boolean joined = m.queues.add(s.queue());
        queue(s.queue());
        if (joined) {
            sink.agentState(new AgentStateChange(pbxId, s.member(), s.queue(), "logged_in", null, s.at(),
                    "Login:" + s.member() + ":" + s.queue() + ":" + s.at().toEpochMilli()));
        }
        applyPause(m, s.queue(), s.paused(), s.pausedReason(), s.at(), sink);
        if (s.inCall() && m.state != AgentState.ON_CALL && m.state != AgentState.RINGING) {
            setState(m, AgentState.ON_CALL, null, s.at());
        }
    }

    synchronized void memberRemoved(PbxEvent.MemberRemoved r, CallRecordSink sink) {
        Member m = members.get(r.member());
        if (m == null || !m.queues.remove(r.queue())) {
            return;
        }
        m.pausedIn.remove(r.queue());
        sink.agentState(new AgentStateChange(pbxId, r.member(), r.queue(), "logged_out", null, r.at(),
                "Logout:" + r.member() + ":" + r.queue() + ":" + r.at().toEpochMilli()));
        if (m.queues.isEmpty()) {
            members.remove(r.member());
        }
    }

    synchronized void memberPaused(PbxEvent.MemberPaused p, CallRecordSink sink) {
        Member m = members.get(p.member());
        if (m != null) {
            applyPause(m, p.queue(), p.paused(), p.reason(), p.at(), sink);
        }
    }

    private void applyPause(Member m, String queue, boolean paused, String reason, Instant at, CallRecordSink sink) {
        boolean was = m.pausedIn.containsKey(queue);
        if (paused == was && (!paused || reason.equals(m.pausedIn.get(queue)))) {
            return;
        }
        if (paused) {
            m.pausedIn.put(queue, reason);
        } else {
            m.pausedIn.remove(queue);
        }
        sink.agentState(new AgentStateChange(pbxId, m.iface, queue, paused ? "paused" : "unpaused",
                paused ? reason : null, at, (paused ? "Pause:" : "Unpause:") + m.iface + ":" + queue + ":" + at.toEpochMilli()));
        if (m.state == AgentState.AVAILABLE || m.state == AgentState.PAUSED) {
            setState(m, m.pausedIn.isEmpty() ? AgentState.AVAILABLE : AgentState.PAUSED,
                    m.pausedIn.isEmpty() ? null : reason, at);
        }
    }

    private void setState(Member m, AgentState state, String reason, Instant at) {
        if (m.state != state) {
            m.state = state;
            m.since = at;
        }
        m.reason = reason;
    }

    /** Forgets members and waiting callers: the next QueueStatus tells the truth again (after a restart). */
    public synchronized void clearLiveStateForRestart() {
        members.clear();
        for (QueueStats q : queues.values()) {
            q.waiting.clear();
        }
    }

    /** Who waits in which queue since when (copies; queue → call → joined at, oldest first). */
    public synchronized Map<String, Map<CallKey, Instant>> waiting() {
        Map<String, Map<CallKey, Instant>> out = new TreeMap<>();
        queues.forEach((name, q) -> {
            if (!q.waiting.isEmpty()) {
                out.put(name, new LinkedHashMap<>(q.waiting));
            }
        });
        return out;
    }

    /** Queue snapshots now. */
    public synchronized List<LiveQueues.QueueSnapshot> queueSnapshots() {
        rollDay();
        Instant now = clock.instant();
        List<LiveQueues.QueueSnapshot> out = new ArrayList<>();
        for (Map.Entry<String, QueueStats> e : queues.entrySet()) {
            QueueStats q = e.getValue();
            long longest = q.waiting.values().stream().findFirst()
                    .map(t -> Math.max(0, Duration.between(t, now).toMillis())).orElse(0L);
            int loggedIn = 0;
            int available = 0;
            int onCall = 0;
            int paused = 0;
            int wrap = 0;
            for (Member m : members.values()) {
                if (!m.queues.contains(e.getKey())) {
                    continue;
                }
                loggedIn++;
                switch (effectiveState(m, now)) {
                    case AVAILABLE -> available++;
                    case ON_CALL, RINGING -> onCall++;
                    case PAUSED -> paused++;
                    case WRAP_UP -> wrap++;
                    default -> {
                    }
                }
            }
            int handled = q.answered + q.abandoned;
            out.add(new LiveQueues.QueueSnapshot(pbxId, e.getKey(), q.waiting.size(), longest, loggedIn, available,
                    onCall, paused, wrap, handled == 0 ? 1.0 : (double) q.answeredWithinSl / handled, serviceLevelSeconds,
                    handled == 0 ? 0.0 : (double) q.abandoned / handled,
                    q.answered == 0 ? 0 : q.sumAnswerWaitMs / q.answered, q.offered, q.answered, q.abandoned));
        }
        return out;
    }

    /** Agent snapshots now. */
    public synchronized List<LiveQueues.AgentSnapshot> agentSnapshots() {
        Instant now = clock.instant();
        List<LiveQueues.AgentSnapshot> out = new ArrayList<>();
        for (Member m : members.values()) {
            AgentState st = effectiveState(m, now);
            Instant since = st == m.state ? m.since : m.since.plus(wrapUp);
            out.add(new LiveQueues.AgentSnapshot(pbxId, m.iface, m.name, st, st == AgentState.PAUSED ? m.reason : null,
                    since, new ArrayList<>(m.queues)));
        }
        return out;
    }

    /** The members currently in a queue, with pause state: what we restore after an Asterisk restart. */
    public synchronized Map<String, List<String>> membership() {
        Map<String, List<String>> out = new TreeMap<>();
        members.forEach((iface, m) -> out.put(iface, new ArrayList<>(m.queues)));
        return out;
    }

    private AgentState effectiveState(Member m, Instant now) {
        if (m.state == AgentState.WRAP_UP && !now.isBefore(m.since.plus(wrapUp))) {
            return m.pausedIn.isEmpty() ? AgentState.AVAILABLE : AgentState.PAUSED;
        }
        return m.state;
    }
}
