package cn.hotline12345.cti.telephony.ami;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Notices events the server needs that never arrive although events that always follow them do: the sign of a
 * manager.conf {@code eventfilter} (or a missing {@code read=} class) dropping what the tracker consumes. Asterisk
 * always sends an {@code AgentCalled} before the {@code AgentConnect} of the same agent (app_queue.c ring_entry,
 * then the bridge) and a {@code QueueCallerJoin} before either. After {@link #THRESHOLD} of the later events without one of the earlier since the link
 * came up, the link reports the problem (named event, what breaks) in /ready and the log.
 */
final class ExpectedEvents {

    /** Later events seen without their predecessor before the link says so: a reconnect mid-call explains a few. */
    static final int THRESHOLD = 3;

    private record Implied(String after, String before, String breaks) {
    }

    private static final List<Implied> RULES = List.of(
            new Implied("AgentConnect", "AgentCalled", "no screen pop reaches the agents"),
            new Implied("AgentConnect", "QueueCallerJoin", "queue waits, service level and the wallboard are wrong"));

    private final Map<String, Integer> seen = new HashMap<>();
    private boolean reported;

    void reset() {
        seen.clear();
        reported = false;
    }

    /**
     * Counts one event; returns the problem to report when a needed event evidently never comes, else null (once per
     * link session).
     */
    String seen(String event) {
        if (event == null || reported) {
            return null;
        }
        int n = seen.merge(event, 1, Integer::sum);
        for (Implied r : RULES) {
            if (r.after.equals(event) && n >= THRESHOLD && !seen.containsKey(r.before)) {
                reported = true;
                return n + " " + r.after + " events but no " + r.before + " since the link came up: manager.conf"
                        + " (eventfilter, read=) drops " + r.before + ", so " + r.breaks;
            }
        }
        return null;
    }
}
