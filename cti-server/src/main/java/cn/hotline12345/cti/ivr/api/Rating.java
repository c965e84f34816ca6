package cn.hotline12345.cti.ivr.api;

import java.util.Optional;

/** A caller's satisfaction rating (满意 / 基本满意 / 不满意), art. 14, 15, 25. */
public enum Rating {
    SATISFIED("satisfied"), BASICALLY_SATISFIED("basically_satisfied"), DISSATISFIED("dissatisfied");

    private final String flowValue;

    Rating(String flowValue) {
        this.flowValue = flowValue;
    }

    /** The value the flows pass ({@code satisfied}, {@code basically_satisfied}, {@code dissatisfied}). */
    public String flowValue() {
        return flowValue;
    }

    /** The rating for a flow value; empty for anything else (including {@code ""}). */
    public static Optional<Rating> fromFlowValue(String value) {
        for (Rating r : values()) {
            if (r.flowValue.equals(value)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
