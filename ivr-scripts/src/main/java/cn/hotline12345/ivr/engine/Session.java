package cn.hotline12345.ivr.engine;

import cn.hotline12345.ivr.AgiText;
import cn.hotline12345.ivr.FlowSet;
import cn.hotline12345.ivr.HotlineNames;
import cn.hotline12345.ivr.flow.Flow;
import cn.hotline12345.ivr.flow.Node;
import cn.hotline12345.ivr.flow.Template;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One caller's run through a flow. State is touched by one step at a time: each step starts only
 * after the previous stage completed, which orders the writes (no locks needed).
 */
final class Session {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    static final int MAX_PATH_LENGTH = 512;
    private static final int MAX_RESULT_ENTRIES = 64;
    private static final java.util.regex.Pattern RESULT_KEY = java.util.regex.Pattern.compile("[A-Za-z0-9_]{1,40}");

    /** What a node leads to. */
    sealed interface Step {
        record Next(String node) implements Step {
        }

        record Jump(String flow) implements Step {
        }

        record End(IvrOutcome.Ending ending, String queue, int priority, String transferTo) implements Step {
        }
    }

    private final FlowSet flows;
    private final String entryFlow;
    private final IvrChannel channel;
    private final IvrServices services;
    private final SessionLimits limits;
    private final Map<String, String> vars;
    private final Map<String, String> results = new LinkedHashMap<>();
    private final List<PathStep> trace = new ArrayList<>();
    private final CompletableFuture<IvrOutcome> outcome = new CompletableFuture<>();
    private final NodeRunner runner;
    private final Instant started;
    private Flow flow;
    private String current;
    private int steps;

    Session(FlowSet flows, Flow flow, IvrChannel channel, IvrServices services, SessionLimits limits,
            Map<String, String> vars) {
        this.flows = flows;
        this.entryFlow = flow.id();
        this.flow = flow;
        this.current = flow.start();
        this.channel = channel;
        this.services = services;
        this.limits = limits;
        this.vars = vars;
        this.runner = new NodeRunner(this);
        this.started = services.clock().instant();
    }

    CompletionStage<IvrOutcome> start() {
        drive();
        return outcome;
    }

    // ---- the loop: a trampoline, so synchronously completing channels cannot overflow the stack ----

    private void drive() {
        while (true) {
            CompletionStage<Step> stage = limitStep();
            if (stage == null) {
                Node node = flow.nodes().get(current);
                steps++;
                try {
                    stage = runner.run(node);
                } catch (RuntimeException e) {
                    stage = CompletableFuture.failedFuture(e);
                }
            }
            AtomicInteger state = new AtomicInteger();      // 0 running, 1 completed inline, 2 loop left
            Object[] box = new Object[2];
            stage.whenComplete((step, err) -> {
                box[0] = step;
                box[1] = err;
                if (!state.compareAndSet(0, 1)) {
                    if (advance(step, err)) {
                        drive();                               // resumed on the completing thread
                    }
                }
            });
            if (state.compareAndSet(0, 2)) {
                return;                                        // completes later; the callback resumes
            }
            if (!advance((Step) box[0], (Throwable) box[1])) {
                return;
            }
        }
    }

    /** Applies a step; true when the loop should run the next node. */
    private boolean advance(Step step, Throwable err) {
        if (err != null) {
            Throwable cause = unwrap(err);
            if (cause instanceof CallerHangupException) {
                finish(new Step.End(IvrOutcome.Ending.CALLER_HUNG_UP, null, 0, null), null);
            } else {
                LOG.warn("IVR session {} ended by a channel error at {}/{}: {}", entryFlow, flow.id(), current,
                        cause.toString());
                finish(new Step.End(IvrOutcome.Ending.CHANNEL_ERROR, null, 0, null), AgiText.clean(cause.toString()));
            }
            return false;
        }
        if (step instanceof Step.Next n) {
            current = n.node();
            return true;
        }
        if (step instanceof Step.Jump j) {
            flow = flows.flow(j.flow()).orElseThrow(); // validated: the target exists in this set
            current = flow.start();
            return true;
        }
        finish((Step.End) step, null);
        return false;
    }

    /** Null while within limits; else the stage that ends the session on the fallback queue. */
    private CompletionStage<Step> limitStep() {
        IvrOutcome.Ending ending = null;
        if (steps >= limits.maxSteps()) {
            ending = IvrOutcome.Ending.MAX_STEPS;
        } else if (elapsed().compareTo(limits.maxDuration()) > 0) {
            ending = IvrOutcome.Ending.MAX_DURATION;
        }
        if (ending == null) {
            return null;
        }
        IvrOutcome.Ending e = ending;
        LOG.warn("IVR session {} cut off ({}) at {}/{}", entryFlow, e, flow.id(), current);
        return runner.route(limits.fallbackQueue(), 0)
                .thenApply(v -> new Step.End(e, limits.fallbackQueue(), 0, null));
    }

    private void finish(Step.End end, String error) {
        outcome.complete(new IvrOutcome(entryFlow, flows.version(), end.ending(), end.queue(), end.priority(),
                end.transferTo(), pathText(), trace, vars, results, steps, elapsed(), error));
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    // ---- state used by NodeRunner ----

    Duration elapsed() {
        return Duration.between(started, services.clock().instant());
    }

    IvrChannel channel() {
        return channel;
    }

    IvrServices services() {
        return services;
    }

    FlowSet flows() {
        return flows;
    }

    Map<String, String> vars() {
        return vars;
    }

    void putVar(String name, String value) {
        vars.put(name, AgiText.clean(value));
    }

    void putResult(String name, String value) {
        results.put(name, AgiText.clean(value));
    }

    /** Stores a server function's untrusted result as {@code <prefix>.<key>} variables. */
    void putLookupResult(String prefix, Map<String, String> result) {
        if (result == null) {
            return;
        }
        int n = 0;
        for (Map.Entry<String, String> e : result.entrySet()) {
            if (n++ >= MAX_RESULT_ENTRIES) {
                break;
            }
            if (e.getKey() != null && RESULT_KEY.matcher(e.getKey()).matches()) {
                vars.put(prefix + "." + e.getKey(), AgiText.clean(e.getValue()));
            }
        }
    }

    String expand(String template) {
        return AgiText.clean(Template.expand(template, vars));
    }

    String currentFlowId() {
        return flow.id();
    }

    void visit(Node node, String choice) {
        trace.add(new PathStep(flow.id(), node.id(), node.kind(), choice == null ? "" : choice));
    }

    /** The audible part of the trace (play, menu, collect) in {@code HOTLINE_IVR_PATH} format. */
    String pathText() {
        StringBuilder sb = new StringBuilder();
        for (PathStep s : trace) {
            if (s.kind().equals("play") || s.kind().equals("menu") || s.kind().equals("collect")) {
                String label = s.label();
                if (sb.length() + label.length() + 1 > MAX_PATH_LENGTH - 3) {
                    sb.append(">...");
                    break;
                }
                if (sb.length() > 0) {
                    sb.append('>');
                }
                sb.append(label);
            }
        }
        return sb.toString();
    }

    /** The variables that end every flow, set in this order; HOTLINE_NEXT last. */
    List<String[]> endVariables(String next, String queue, int priority, String transferTo) {
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {HotlineNames.IVR_PATH, AgiText.clean(pathText(), MAX_PATH_LENGTH)});
        if (queue != null) {
            out.add(new String[] {HotlineNames.QUEUE, queue});
            out.add(new String[] {HotlineNames.PRIORITY, Integer.toString(priority)});
        }
        if (transferTo != null) {
            out.add(new String[] {HotlineNames.TRANSFER_TO, transferTo});
        }
        out.add(new String[] {HotlineNames.NEXT, next});
        return out;
    }
}
