package cn.hotline12345.cti.text.api;

/**
 * An in-memory index of open matters, queried by content for merge offers (并单: another citizen reporting the same
 * pothole) and for repeat recognition by content (the same person calling from another number). Thread-safe; add,
 * remove and query are CPU-only; a query takes tens of milliseconds at 20,000 open matters (measured in
 * docs/text-intelligence.md), so run it on a worker thread, not an event loop. The index holds no personal data
 * beyond what it compares: numbers and names are never returned.
 */
public interface SimilarMatters {

    /** Most matches returned by {@link #query}. */
    int MAX_K = 50;

    /** Adds or replaces (by id) an open matter. An item without id is ignored and false returned. */
    boolean add(OpenMatter matter);

    /** Removes the matter (closed, merged); true when it was there. */
    boolean remove(String matterId);

    /** Open matters in the index. */
    int size();

    /**
     * The open matters most similar to the probe, best first, excluding the probe's own id; only matches with some
     * shared word are returned.
     *
     * @param k how many at most (clamped to 1..{@value #MAX_K})
     */
    SimilarityResult query(OpenMatter probe, int k);
}
