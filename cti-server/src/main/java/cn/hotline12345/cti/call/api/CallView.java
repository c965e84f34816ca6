package cn.hotline12345.cti.call.api;

import java.time.Instant;
import java.util.Map;

/**
 * What is known about a call at one instant: enough for a screen pop and a wallboard line.
 * Numbers are raw here; whoever shows them masks them by the viewer's role.
 *
 * @param ivrVars the HOTLINE_* channel variables the IVR set (queue, priority, path, matter, flags)
 */
public record CallView(CallKey key, String callerNumber, String callerName, String dialled, Instant startedAt,
                       String ivrPath, Map<String, String> ivrVars, String queue, Integer queuePriority,
                       Instant queueJoinedAt, String agent, Instant answeredAt) {

    public CallView {
        ivrVars = Map.copyOf(ivrVars);
    }
}
