package cn.hotline12345.cti.desk.internal;

import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.CallUpdateHub;
import cn.hotline12345.cti.call.api.LiveQueues;
import cn.hotline12345.cti.privacy.api.PhoneMasking;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The supervisor's live agent list (issue 24): every queue member from {@link LiveQueues} with its state, reason and
 * time in state, the call it is on or ringing with (the caller's number masked: the list is for watching, an unmask
 * goes through the audited route) and the calls it answered today. Current calls and today's counts come from the
 * call updates; the counts are seeded from the call records at start (a restart does not zero them) and reset at the
 * hotline's midnight. Listeners only update memory; every method is synchronized (one reader a second at most).
 */
public final class AgentBoard implements AutoCloseable {

    /** What a supervisor sees of one agent. */
    public record AgentLine(LiveQueues.AgentSnapshot agent, CurrentCall call, int answeredToday) {
    }

    /**
     * The call an agent is on or ringing with.
     *
     * @param ringing     true while it rings, false once answered
     * @param callerMasked the caller's number, masked ({@code 138****5678})
     */
    public record CurrentCall(String callId, boolean ringing, String callerMasked, String queue, Instant since) {
    }

    private final CallUpdateHub hub;
    private final LiveQueues live;
    private final Clock clock;
    private final ZoneId zone;
    private final Consumer<CallUpdate> listener = this::onUpdate;
    private final Map<String, CurrentCall> calls = new HashMap<>();
    private final Map<String, Integer> answered = new HashMap<>();
    private final Set<String> counted = new HashSet<>();
    private LocalDate day;

    public AgentBoard(CallUpdateHub hub, LiveQueues live, Clock clock, ZoneId zone) {
        this.hub = hub;
        this.live = live;
        this.clock = clock;
        this.zone = zone;
        this.day = LocalDate.now(clock.withZone(zone));
        hub.subscribe(listener);
    }

    /** The start of today in the hotline's zone (to seed the counts). */
    public ZonedDateTime startOfToday() {
        return LocalDate.now(clock.withZone(zone)).atStartOfDay(zone);
    }

    /** Today's answered calls per {@code <pbx>|<member>} read from the call records: never lowers a live count. */
    public synchronized void seed(LocalDate forDay, Map<String, Integer> perAgent) {
        rollOver();
        if (forDay.equals(day)) {
            perAgent.forEach((k, n) -> answered.merge(k, n, Math::max));
        }
    }

    /** Every agent now, by PBX and member. */
    public synchronized List<AgentLine> lines() {
        rollOver();
        List<AgentLine> out = new ArrayList<>();
        for (LiveQueues.AgentSnapshot a : live.agents()) {
            String k = key(a.pbxId(), a.agent());
            out.add(new AgentLine(a, calls.get(k), answered.getOrDefault(k, 0)));
        }
        out.sort(java.util.Comparator.comparing((AgentLine l) -> l.agent().pbxId()).thenComparing(l -> l.agent().agent()));
        return out;
    }

    private synchronized void onUpdate(CallUpdate u) {
        rollOver();
        if (u instanceof CallUpdate.AgentRinging r) {
            calls.put(key(r.key().pbxId(), r.agent()), new CurrentCall(r.key().toString(), true,
                    PhoneMasking.mask(r.view().callerNumber()), r.queue(), r.at()));
        } else if (u instanceof CallUpdate.AgentConnected c) {
            String k = key(c.key().pbxId(), c.agent());
            calls.put(k, new CurrentCall(c.key().toString(), false, PhoneMasking.mask(c.view().callerNumber()),
                    c.queue(), c.at()));
            if (counted.add(c.key() + "|" + c.agent())) {
                answered.merge(k, 1, Integer::sum);
            }
        } else if (u instanceof CallUpdate.AgentNoAnswer n) {
            forget(n.key(), key(n.key().pbxId(), n.agent()));
        } else if (u instanceof CallUpdate.Transferred t && t.fromAgent() != null) {
            forget(t.key(), key(t.key().pbxId(), t.fromAgent()));
        } else if (u instanceof CallUpdate.CallEnded e) {
            String id = e.key().toString();
            calls.values().removeIf(c -> c.callId().equals(id));
        }
    }

    private void forget(CallKey call, String agentKey) {
        CurrentCall c = calls.get(agentKey);
        if (c != null && c.callId().equals(call.toString())) {
            calls.remove(agentKey);
        }
    }

    private void rollOver() {
        LocalDate now = LocalDate.now(clock.withZone(zone));
        if (!now.equals(day)) {
            day = now;
            answered.clear();
            counted.clear();
        }
    }

    private static String key(String pbx, String member) {
        return pbx + "|" + member;
    }

    @Override
    public void close() {
        hub.unsubscribe(listener);
    }
}
