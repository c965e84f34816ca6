package cn.hotline12345.ivr;

import cn.hotline12345.ivr.flow.FlowError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live flows. Loads all flows atomically: a set goes live only when every file is valid. On
 * {@link #reload()} an invalid new set is rejected and the last good set stays live. Sessions take
 * {@link #current()} once when they start and keep that {@link FlowSet} to the end, so a reload
 * never disturbs a call in progress.
 *
 * <p>{@link #start} and {@link #reload} read files: call them from a worker thread, never from an
 * event loop. {@link #current()} is a volatile read and safe anywhere.
 */
public final class FlowRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(FlowRegistry.class);

    private final FlowSource source;
    private final FlowSetLoader loader;
    private final AtomicReference<FlowSet> live;

    /** What a reload did: whether the new set went live, the set now live, and the errors if not. */
    public record ReloadResult(boolean applied, FlowSet current, List<FlowError> errors) {
        public ReloadResult {
            errors = List.copyOf(errors);
        }
    }

    private FlowRegistry(FlowSource source, FlowSetLoader loader, FlowSet first) {
        this.source = source;
        this.loader = loader;
        this.live = new AtomicReference<>(first);
    }

    /**
     * Loads the flows for start-up, routing to the contract's queues.
     *
     * @param serviceNames the lookup/action names the host implements
     * @throws InvalidFlowsException when any flow is invalid (start-up must fail)
     */
    public static FlowRegistry start(FlowSource source, Set<String> serviceNames) throws InvalidFlowsException {
        return start(source, serviceNames, HotlineNames.QUEUES);
    }

    /** {@link #start(FlowSource, Set)} with an explicit set of queue names. */
    public static FlowRegistry start(FlowSource source, Set<String> serviceNames, Set<String> queues)
            throws InvalidFlowsException {
        FlowSetLoader loader = new FlowSetLoader(serviceNames, queues);
        FlowSetLoader.Result r = loader.load(source, 1);
        if (!r.ok()) {
            throw new InvalidFlowsException(r.errors());
        }
        LOG.info("IVR flows {} live from {}: {}", r.flowSet().version(), source.describe(), r.flowSet().flows().keySet());
        return new FlowRegistry(source, loader, r.flowSet());
    }

    /** The live set; take it once per session. */
    public FlowSet current() {
        return live.get();
    }

    /**
     * Reads the source again. If every flow is valid the new set goes live (sessions already running
     * keep theirs); otherwise the last good set stays live and the errors are returned.
     */
    public synchronized ReloadResult reload() {
        FlowSet old = live.get();
        FlowSetLoader.Result r = loader.load(source, old.generation() + 1);
        if (!r.ok()) {
            LOG.warn("IVR flow reload rejected, keeping {}: {} problem(s), first: {}", old.version(),
                    r.errors().size(), r.errors().isEmpty() ? "-" : r.errors().get(0));
            return new ReloadResult(false, old, r.errors());
        }
        live.set(r.flowSet());
        LOG.info("IVR flows reloaded: {} -> {}", old.version(), r.flowSet().version());
        return new ReloadResult(true, r.flowSet(), List.of());
    }
}
