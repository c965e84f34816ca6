package cn.hotline12345.cti.text.api;

import java.time.Instant;
import java.util.Collection;

/**
 * Hot topics by meaning: matters of a window clustered on their words, their meaning groups and (weakly) their
 * district, compared against the previous window of the same length. A pure function of its input (and the dictionary
 * version); the same input gives the same report. CPU-bound: a week of 50,000 matters takes seconds, so run it on a
 * worker thread.
 */
public interface HotTopicFinder {

    /**
     * Clusters the matters created in [from, to) and counts the previous window [from - (to - from), from) against
     * the topics found. Matters outside both windows are ignored, as are items without id or time (counted in notes).
     *
     * @param matters   matters of both windows, in any order
     * @param maxTopics how many topics at most (clamped to 1..200)
     * @param minSize   smallest topic reported (clamped to 2..)
     */
    HotTopicReport find(Collection<MatterText> matters, Instant from, Instant to, int maxTopics, int minSize);
}
