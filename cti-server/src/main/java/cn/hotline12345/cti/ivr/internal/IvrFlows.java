package cn.hotline12345.cti.ivr.internal;

import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.ivr.FlowRegistry;
import cn.hotline12345.ivr.FlowSet;
import cn.hotline12345.ivr.FlowSource;
import cn.hotline12345.ivr.HotlineNames;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.Objects;

/**
 * The live IVR flows of this server: loaded from {@code ivr.flowsDir} when set, else from the flows shipped in
 * ivr-scripts. Loading reads files, so it runs on a worker thread ({@code executeBlocking}). Start-up fails when any
 * flow is invalid (the exception lists every problem); {@link #reload()} keeps the last good set when the new one is
 * invalid. A session takes {@link #current()} once and keeps it, so a reload never changes a call in progress.
 */
public final class IvrFlows {

    private final Vertx vertx;
    private final FlowRegistry registry;

    private IvrFlows(Vertx vertx, FlowRegistry registry) {
        this.vertx = vertx;
        this.registry = registry;
    }

    /** The source the configuration names. */
    public static FlowSource source(CtiConfig.Ivr config) {
        return config.flowsDir() != null ? FlowSource.directory(config.flowsDir())
                : FlowSource.classpath(IvrFlows.class.getClassLoader());
    }

    /**
     * Loads the flows off the event loop. Fails with {@link cn.hotline12345.ivr.InvalidFlowsException} (every error
     * listed in its message) when a flow is invalid, or with the I/O error.
     */
    public static Future<IvrFlows> load(Vertx vertx, FlowSource source) {
        Objects.requireNonNull(source);
        return vertx.executeBlocking(() -> new IvrFlows(vertx, FlowRegistry.start(source, HotlineNames.SERVICES)), false);
    }

    /** The live set (a volatile read; safe on any thread). */
    public FlowSet current() {
        return registry.current();
    }

    /**
     * Reads the source again on a worker thread. The new set goes live only if every flow is valid; otherwise the
     * result says {@code applied=false} with the errors, and the last good set stays live. The lead exposes this over
     * HTTP and on the admin reload action.
     */
    public Future<FlowRegistry.ReloadResult> reload() {
        return vertx.executeBlocking(registry::reload, false);
    }
}
