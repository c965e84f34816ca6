package cn.hotline12345.cti.text.api;

import java.util.List;
import java.util.Set;

/**
 * What the urgency screen found. It only reports: raising the priority and alerting a supervisor are the caller's
 * to do (never a silent action).
 *
 * @param flags    the flags found, empty when none
 * @param hits     every match, in text order
 * @param priority the highest priority asked for by a hit; NORMAL when none
 * @param summary  one Chinese sentence for the supervisor (e.g. 检测到：轻生倾向（不想活了）), empty when nothing found
 * @param notes    Chinese sentences about the input (empty, cut)
 */
public record UrgencyAssessment(Set<UrgencyFlag> flags, List<FlagHit> hits, TextPriority priority, String summary,
                                List<String> notes) {
}
