package cn.hotline12345.cti.text.api;

import java.util.stream.Stream;

/**
 * Past dispatches to learn from (a port; the coordinator implements it over the matters tables, e.g. the last twelve
 * months). Called by {@link DispatchSuggester#retrain()} on a worker thread; may block.
 */
public interface DispatchHistory {

    /**
     * The examples, in any order. The caller closes the stream (so an implementation may hold a database cursor).
     * Examples without a unit are skipped.
     */
    Stream<DispatchExample> examples();
}
