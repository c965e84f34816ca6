package cn.hotline12345.cti.matter.api;

/** Why a matter is on the supervision list (督办, art. 26). */
public enum SupervisionReason {
    OVERDUE, DUE_SOON, RETURNED, REOPENED, DISSATISFIED, ESCALATED, PENDING_REVIEW;

    /** The database and API spelling (lower case). */
    public String code() {
        return Codes.db(this);
    }

    /** Parses the lower-case spelling; an unknown value is a validation error naming {@code field}. */
    public static SupervisionReason parse(String s, String field) {
        return Codes.parse(SupervisionReason.class, s, field);
    }
}
