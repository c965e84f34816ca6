package cn.hotline12345.cti.text.api;

import java.time.Instant;
import java.util.List;

/**
 * The hot topics of a window.
 *
 * @param from          start of the window (inclusive)
 * @param to            end of the window (exclusive)
 * @param topics        largest first
 * @param inWindow      matters of the input inside the window
 * @param inPrevious    matters of the input inside the previous window [from - (to - from), from)
 * @param unclustered   matters of the window in no topic (their group is smaller than the minimum size)
 * @param notes         Chinese sentences about the input (items skipped for lack of id or time, bad window)
 */
public record HotTopicReport(Instant from, Instant to, List<HotTopic> topics, int inWindow, int inPrevious,
                             int unclustered, List<String> notes) {
}
