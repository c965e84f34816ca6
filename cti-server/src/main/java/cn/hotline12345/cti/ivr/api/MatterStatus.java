package cn.hotline12345.cti.ivr.api;

import java.time.LocalDate;

/**
 * What the caller may hear about a matter.
 *
 * @param result    found, not found, or found but not to be told to this number
 * @param matter    the matter number (digits), {@code ""} unless found
 * @param state     {@code accepted}, {@code dispatched}, {@code in_progress}, {@code replied}, {@code closed}
 *                  or another word (the flow then says a neutral sentence); {@code ""} unless found
 * @param unitSound the sound file of the handling unit's (承办单位) name, or {@code ""} (a generic prompt is played)
 * @param deadline  the working-day deadline, or {@code null} when none
 */
public record MatterStatus(Result result, String matter, String state, String unitSound, LocalDate deadline) {

    public MatterStatus {
        result = result == null ? Result.NOT_FOUND : result;
        matter = matter == null ? "" : matter;
        state = state == null ? "" : state;
        unitSound = unitSound == null ? "" : unitSound;
    }

    public static final MatterStatus NOT_FOUND = new MatterStatus(Result.NOT_FOUND, "", "", "", null);
    public static final MatterStatus CONFIDENTIAL_DENIED =
            new MatterStatus(Result.CONFIDENTIAL_DENIED, "", "", "", null);

    /** The lookup's answer, as the flow's {@code status.result} values. */
    public enum Result {
        FOUND("found"), NOT_FOUND("not_found"), CONFIDENTIAL_DENIED("confidential_denied");

        private final String flowValue;

        Result(String flowValue) {
            this.flowValue = flowValue;
        }

        public String flowValue() {
            return flowValue;
        }
    }
}
