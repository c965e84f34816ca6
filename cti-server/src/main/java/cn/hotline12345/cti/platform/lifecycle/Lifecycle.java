package cn.hotline12345.cti.platform.lifecycle;

import io.vertx.core.Future;

/**
 * A part that runs something of its own (timers, threads, listeners, subscriptions): built without side effects,
 * then started by the composition root ({@code app}) once every slice is wired, and closed in the shutdown order.
 * A constructor only takes its collaborators and settings: {@code ArchitectureTest} refuses one that starts a timer
 * or a thread (issue 18), so that building the graph, e.g. in a test, never starts anything.
 */
public interface Lifecycle extends AutoCloseable {

    /**
     * Starts the part's timers and listeners; called once, on the starting thread, before the AMI links start.
     * Completes when the part is running (a failed future stops the server from starting, naming the part).
     */
    Future<Void> start();

    /** Cancels what {@link #start()} started; safe when it never ran, and safe twice. */
    @Override
    void close();
}
