package cn.hotline12345.cti.matter.api;

/** How a revisit (回访) was done: the outbound revisit IVR flow or an agent's call. */
public enum RevisitMethod {
    IVR, AGENT;

    /** The database and API spelling (lower case). */
    public String code() {
        return Codes.db(this);
    }

    /** Parses the lower-case spelling; an unknown value is a validation error naming {@code field}. */
    public static RevisitMethod parse(String s, String field) {
        return Codes.parse(RevisitMethod.class, s, field);
    }
}
