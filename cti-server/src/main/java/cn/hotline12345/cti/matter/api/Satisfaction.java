package cn.hotline12345.cti.matter.api;

/** 满意度: the caller's rating in a survey (art. 14, 15) or a revisit (art. 25). */
public enum Satisfaction {
    SATISFIED, BASICALLY_SATISFIED, DISSATISFIED;

    /** The database and API spelling (lower case). */
    public String code() {
        return Codes.db(this);
    }

    /** Parses the lower-case spelling; an unknown value is a validation error naming {@code field}. */
    public static Satisfaction parse(String s, String field) {
        return Codes.parse(Satisfaction.class, s, field);
    }
}
