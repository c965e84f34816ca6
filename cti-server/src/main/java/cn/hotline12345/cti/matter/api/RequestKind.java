package cn.hotline12345.cti.matter.api;

/** What a unit asks of the hotline: more time (art. 20), termination (art. 21), or it returns the matter (art. 22). */
public enum RequestKind {
    EXTENSION, TERMINATION, RETURN;

    /** The database and API spelling (lower case). */
    public String code() {
        return Codes.db(this);
    }

    /** Parses the lower-case spelling; an unknown value is a validation error naming {@code field}. */
    public static RequestKind parse(String s, String field) {
        return Codes.parse(RequestKind.class, s, field);
    }
}
