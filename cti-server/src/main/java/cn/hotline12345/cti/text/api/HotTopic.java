package cn.hotline12345.cti.text.api;

import java.util.List;

/**
 * One hot topic (热点诉求): matters of the window that speak of the same thing, in whatever words.
 *
 * @param labelWords    the words that characterise the topic, strongest first (3 to 5; meaning groups by concept name)
 * @param count         matters of the window in the topic
 * @param previousCount matters of the previous window of the same length that fall into this topic
 * @param trend         count against previousCount
 * @param districts     districts of the topic's matters, most frequent first
 * @param places        places named in the text (roads, estates, ...), most frequent first, at most 5
 * @param units         handling units involved, most frequent first
 * @param exampleIds    up to 5 matter ids closest to the topic's centre
 * @param matterIds     all matter ids of the window in the topic
 */
public record HotTopic(List<String> labelWords, int count, int previousCount, Trend trend, List<NameCount> districts,
                       List<NameCount> places, List<NameCount> units, List<String> exampleIds, List<String> matterIds) {
}
