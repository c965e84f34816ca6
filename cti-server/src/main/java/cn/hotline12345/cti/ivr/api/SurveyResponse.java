package cn.hotline12345.cti.ivr.api;

import java.util.Objects;

/**
 * A satisfaction rating given in the {@code survey} flow.
 *
 * @param uniqueid       Asterisk's uniqueid of the caller's channel (agi_uniqueid)
 * @param caller         the calling number (cleaned)
 * @param agentInterface the queue member that served the call ({@code MEMBERINTERFACE}, e.g. {@code PJSIP/1001}),
 *                       or {@code ""}
 * @param matter         {@code HOTLINE_MATTER} if the call had one, else {@code ""}
 * @param rating         the rating
 * @param pbxId          the PBX of the session (the call is {@code (pbxId, uniqueid)}), or {@code ""} when the
 *                       services were called outside a FastAGI session
 */
public record SurveyResponse(String uniqueid, String caller, String agentInterface, String matter, Rating rating,
                             String pbxId) {

    /** Without a PBX. */
    public SurveyResponse(String uniqueid, String caller, String agentInterface, String matter, Rating rating) {
        this(uniqueid, caller, agentInterface, matter, rating, "");
    }

    public SurveyResponse {
        pbxId = Objects.requireNonNullElse(pbxId, "");
        uniqueid = Objects.requireNonNullElse(uniqueid, "");
        caller = Objects.requireNonNullElse(caller, "");
        agentInterface = Objects.requireNonNullElse(agentInterface, "");
        matter = Objects.requireNonNullElse(matter, "");
        Objects.requireNonNull(rating, "rating");
    }
}
