package cn.hotline12345.cti.matter.api;

/** A unit's part in a matter (art. 22): the lead (主办) or a co-handling unit (协办). */
public enum UnitRole {
    LEAD, CO;

    /** The database and API spelling (lower case). */
    public String code() {
        return Codes.db(this);
    }

    /** Parses the lower-case spelling; an unknown value is a validation error naming {@code field}. */
    public static UnitRole parse(String s, String field) {
        return Codes.parse(UnitRole.class, s, field);
    }
}
