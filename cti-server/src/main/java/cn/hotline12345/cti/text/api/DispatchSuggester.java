package cn.hotline12345.cti.text.api;

/**
 * Dispatch suggestion (派单建议): a multinomial naive Bayes over words and meaning groups, with district and category as
 * further evidence, learned from {@link DispatchHistory}. Suggesting is CPU-only and fast (p99 well under 20 ms);
 * retraining builds a new immutable model and swaps it in atomically, so suggestions never see half a model.
 */
public interface DispatchSuggester {

    /** Most units ever returned by {@link #suggest}. */
    int MAX_LIMIT = 20;

    /**
     * Ranks handling units for the request.
     *
     * @param limit how many units at most (clamped to 1..{@value #MAX_LIMIT})
     */
    DispatchSuggestion suggest(DispatchRequest request, int limit);

    /**
     * Reads the whole history, builds a new model and swaps it in. Blocking (reads the port): call it on a worker
     * thread, e.g. nightly from a timer. Concurrent calls are serialised. If reading the history fails, the model in
     * force stays and the exception is thrown to the caller.
     */
    ModelInfo retrain();

    /** The model in force. */
    ModelInfo model();
}
