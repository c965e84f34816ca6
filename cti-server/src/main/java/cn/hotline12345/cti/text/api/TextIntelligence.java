package cn.hotline12345.cti.text.api;

/**
 * The text engine as one object: segmentation with the hotline dictionary, dispatch suggestions, hot topics, the
 * similar-matter index and the urgency screen. All parts share one {@link HotlineDictionary}; a change to it is
 * picked up by every part on its next call, without a restart.
 */
public interface TextIntelligence {

    /** The run-time editable dictionary every part segments with. */
    HotlineDictionary dictionary();

    /** Word segmentation with the hotline dictionary and stop words. */
    Segmenter segmenter();

    /** Ranked handling units for a new matter, learned from {@link DispatchHistory}. */
    DispatchSuggester dispatch();

    /** Hot topics of a time window (a pure function of its input). */
    HotTopicFinder hotTopics();

    /** A new, empty index of open matters for merge offers (并单) and repeat recognition by content. */
    SimilarMatters newSimilarMattersIndex();

    /** Sensitive-word and urgency flags on intake text. */
    UrgencyScreen urgency();
}
