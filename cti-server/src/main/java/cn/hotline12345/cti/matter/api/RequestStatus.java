package cn.hotline12345.cti.matter.api;

/** Where a unit's request stands. */
public enum RequestStatus {
    PENDING, APPROVED, REFUSED;

    /** The database and API spelling (lower case). */
    public String code() {
        return Codes.db(this);
    }

    /** Parses the lower-case spelling; an unknown value is a validation error naming {@code field}. */
    public static RequestStatus parse(String s, String field) {
        return Codes.parse(RequestStatus.class, s, field);
    }
}
