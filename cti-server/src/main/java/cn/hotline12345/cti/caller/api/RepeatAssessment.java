package cn.hotline12345.cti.caller.api;

import java.util.List;

/**
 * Whether this is a repeat call and why, in words an agent reads in a second.
 *
 * @param repeat            whether any repeat rule fired
 * @param reasons           one line per rule that fired ("第3次来电（7天内）", "calling again about matter ...")
 * @param aboutMatterId     the open matter the caller most likely calls about (the newest open one), or null
 * @param aboutMatterNumber its number, or null
 */
public record RepeatAssessment(boolean repeat, List<String> reasons, Long aboutMatterId, String aboutMatterNumber) {

    public RepeatAssessment {
        reasons = List.copyOf(reasons);
    }

    public static RepeatAssessment none() {
        return new RepeatAssessment(false, List.of(), null, null);
    }
}
