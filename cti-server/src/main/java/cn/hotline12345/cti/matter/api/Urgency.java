package cn.hotline12345.cti.matter.api;

/** How urgent a matter is. */
public enum Urgency {
    NORMAL, URGENT, VERY_URGENT;

    /** The database and API spelling (lower case). */
    public String code() {
        return Codes.db(this);
    }

    /** Parses the lower-case spelling; an unknown value is a validation error naming {@code field}. */
    public static Urgency parse(String s, String field) {
        return Codes.parse(Urgency.class, s, field);
    }
}
