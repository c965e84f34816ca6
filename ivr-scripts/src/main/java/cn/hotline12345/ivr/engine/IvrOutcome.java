package cn.hotline12345.ivr.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How an IVR session ended.
 *
 * @param flowId         the flow the session started in
 * @param flowSetVersion the {@link cn.hotline12345.ivr.FlowSet#version()} it ran with
 * @param ending         how it ended
 * @param queue          the queue (for QUEUE and the limit endings), else {@code null}
 * @param priority       the queue priority 0..10
 * @param transferTo     the number (for TRANSFER), else {@code null}
 * @param path           the caller's path in {@code HOTLINE_IVR_PATH} format, e.g.
 *                       {@code welcome>emergency>menu:1>category:4} (audible nodes only)
 * @param trace          every node visited, in order
 * @param variables      the flow variables at the end (sanitised)
 * @param results        the named results flows report ({@code set} with {@code scope: result}),
 *                       e.g. {@code rating}, {@code solved}, {@code dissatisfied}
 * @param steps          nodes executed
 * @param elapsed        session duration by the services' clock
 * @param error          for CHANNEL_ERROR, the failure's message; else {@code null}
 */
public record IvrOutcome(String flowId, String flowSetVersion, Ending ending, String queue, int priority,
                         String transferTo, String path, List<PathStep> trace, Map<String, String> variables,
                         Map<String, String> results, int steps, Duration elapsed, String error) {

    public IvrOutcome {
        trace = List.copyOf(trace);
        variables = Map.copyOf(variables);
        results = Map.copyOf(results);
    }

    /** How a session ended. */
    public enum Ending {
        /** routed to a queue ({@code HOTLINE_NEXT=queue}) */
        QUEUE,
        /** transferred out ({@code HOTLINE_NEXT=transfer}) */
        TRANSFER,
        /** the flow ended the call ({@code HOTLINE_NEXT=hangup}) */
        HANGUP,
        /** the caller hung up during the flow */
        CALLER_HUNG_UP,
        /** cut off after the maximum session duration (sent to the fallback queue) */
        MAX_DURATION,
        /** cut off after the maximum number of steps (sent to the fallback queue) */
        MAX_STEPS,
        /** a channel operation failed other than by hang-up */
        CHANNEL_ERROR
    }

    /** True when the flow reported {@code dissatisfied=true} (revisit: not solved or not satisfied). */
    public boolean dissatisfied() {
        return "true".equals(results.get("dissatisfied"));
    }
}
