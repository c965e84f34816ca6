package cn.hotline12345.cti.call.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Fan-out of {@link CallUpdate}s from the tracker to its listeners (screen pop, wallboard, persistence).
 * Listeners run on the publisher's thread (an event loop) and must only hand the update over: a
 * listener that throws is logged and does not stop the others.
 */
public final class CallUpdateHub {

    private static final Logger LOG = LoggerFactory.getLogger(CallUpdateHub.class);

    private final List<Consumer<CallUpdate>> listeners = new CopyOnWriteArrayList<>();

    public void subscribe(Consumer<CallUpdate> listener) {
        listeners.add(listener);
    }

    public void unsubscribe(Consumer<CallUpdate> listener) {
        listeners.remove(listener);
    }

    public void publish(CallUpdate update) {
        for (Consumer<CallUpdate> l : listeners) {
            try {
                l.accept(update);
            } catch (RuntimeException e) {
                LOG.error("call update listener {} failed on {}", l, update.getClass().getSimpleName(), e);
            }
        }
    }
}
