package cn.hotline12345.cti.ivr.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The answers of a revisit call.
 *
 * @param uniqueid     Asterisk's uniqueid of the called channel
 * @param caller       the number on the channel (cleaned)
 * @param matter       the matter number ({@code HOTLINE_MATTER} the call was originated with)
 * @param solved       whether the citizen says the matter was solved; empty when not answered
 * @param rating       the satisfaction rating; empty when not answered
 * @param dissatisfied not solved or dissatisfied: the matter is to be reopened
 * @param completed    whether the citizen answered both questions
 */
public record RevisitResponse(String uniqueid, String caller, String matter, Optional<Boolean> solved,
                              Optional<Rating> rating, boolean dissatisfied, boolean completed) {
    public RevisitResponse {
        uniqueid = Objects.requireNonNullElse(uniqueid, "");
        caller = Objects.requireNonNullElse(caller, "");
        matter = Objects.requireNonNullElse(matter, "");
        solved = Objects.requireNonNullElse(solved, Optional.empty());
        rating = Objects.requireNonNullElse(rating, Optional.empty());
    }
}
