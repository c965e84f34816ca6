package cn.hotline12345.cti.desk.api;


import cn.hotline12345.cti.desk.internal.DefaultScreenPopEnricher;
import cn.hotline12345.cti.call.api.CallView;
import cn.hotline12345.cti.user.api.Principal;
import io.vertx.core.Future;

/**
 * Port for the screen pop's content beyond the call itself: caller profile (repeat and nuisance flags),
 * earlier calls and matters, the draft matter. Bound by the server to the caller and matter features;
 * {@link DefaultScreenPopEnricher} uses only the call's IVR variables.
 *
 * <p>Called on an event loop: must not block; should answer within a second (a pop that waits longer
 * is sent with the default details).
 */
@FunctionalInterface
public interface ScreenPopEnricher {

    /**
     * @param view   the call as the tracker knows it
     * @param viewer the agent the pop is for (what they may see, e.g. confidential matters)
     */
    Future<PopDetails> enrich(CallView view, Principal viewer);
}
