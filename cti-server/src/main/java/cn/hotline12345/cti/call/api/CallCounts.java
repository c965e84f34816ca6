package cn.hotline12345.cti.call.api;

import io.vertx.core.Future;

import java.time.ZonedDateTime;
import java.util.Map;

/** Counts of call records, for the wallboard. */
public interface CallCounts {

    /** Calls started in each of the 24 hours from {@code dayStart} (local hours of its zone). */
    Future<int[]> perHour(ZonedDateTime dayStart);

    /**
     * Calls answered by each agent that day (from {@code dayStart}, 24 hours), keyed {@code <pbx>|<member>}
     * ({@code pbx1|PJSIP/1001}), for the supervisor's agent list; the agent is the call's last agent.
     */
    default Future<Map<String, Integer>> answeredPerAgent(ZonedDateTime dayStart) {
        return Future.succeededFuture(Map.of());
    }
}
