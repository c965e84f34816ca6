package cn.hotline12345.cti.call.api;

import java.time.Instant;
import java.util.List;

/**
 * The live queue view for telephony engineers and supervisors (issue 4 item 7). Snapshots are cheap and
 * consistent per queue; callers poll them or subscribe to {@link CallUpdateHub}.
 */
public interface LiveQueues {

    List<QueueSnapshot> queues();

    List<AgentSnapshot> agents();

    List<Alarm> alarms();

    /** One queue now and today. Rates are 0..1; times in milliseconds. */
    record QueueSnapshot(String pbxId, String queue, int waiting, long longestWaitMs, int loggedIn, int available,
                         int onCall, int paused, int wrapUp, double serviceLevel, int serviceLevelSeconds,
                         double abandonRate, long avgSpeedOfAnswerMs, int offeredToday, int answeredToday,
                         int abandonedToday) {
    }

    /** One agent (a queue member interface such as PJSIP/1001) now. */
    record AgentSnapshot(String pbxId, String agent, String name, AgentState state, String reason, Instant since,
                         List<String> queues) {
        public AgentSnapshot {
            queues = List.copyOf(queues);
        }
    }

    /** Something a supervisor must act on: no agent logged in while callers wait (art. 17), a link down. */
    record Alarm(String kind, String subject, String message, Instant since) {
    }
}
