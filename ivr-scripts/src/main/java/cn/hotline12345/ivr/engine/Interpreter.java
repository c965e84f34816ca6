package cn.hotline12345.ivr.engine;

import cn.hotline12345.ivr.AgiText;
import cn.hotline12345.ivr.FlowSet;
import cn.hotline12345.ivr.flow.Flow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Runs IVR flows. One interpreter serves every call; each {@link #run} creates an independent
 * session, so thousands may run at once. Sessions never block: they compose the channel's and
 * services' {@link CompletionStage}s, and continue on whichever thread completes them.
 */
public final class Interpreter {

    private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]{0,63}");
    private static final int MAX_INITIAL_VARIABLES = 64;

    private final IvrServices services;
    private final SessionLimits limits;

    public Interpreter(IvrServices services, SessionLimits limits) {
        this.services = Objects.requireNonNull(services);
        this.limits = Objects.requireNonNull(limits);
    }

    /**
     * Runs flow {@code flowId} of {@code flows} on {@code channel}. The stage always completes
     * normally with an {@link IvrOutcome} (a hang-up or a channel failure is an ending, not an error).
     *
     * @param flows            the set taken from the registry when the call arrived (kept to the end)
     * @param initialVariables flow variables known at the start, typically {@code caller},
     *                         {@code caller_name} and {@code uniqueid} from the AGI environment;
     *                         untrusted, so names are checked and values cleaned
     * @throws IllegalArgumentException when the set has no flow {@code flowId}
     */
    public CompletionStage<IvrOutcome> run(FlowSet flows, String flowId, IvrChannel channel,
                                           Map<String, String> initialVariables) {
        Flow flow = flows.flow(flowId).orElseThrow(() -> new IllegalArgumentException("no flow '" + flowId + "'"));
        Map<String, String> vars = new LinkedHashMap<>();
        if (initialVariables != null) {
            initialVariables.forEach((k, v) -> {
                if (k != null && VAR_NAME.matcher(k).matches() && vars.size() < MAX_INITIAL_VARIABLES) {
                    vars.put(k, AgiText.clean(v));
                }
            });
        }
        return new Session(flows, flow, Objects.requireNonNull(channel), services, limits, vars).start();
    }
}
