package cn.hotline12345.cti.matter.api;

/**
 * Where a matter open with a unit stands against its deadline (the colours of the unit portal): overdue, due by the
 * end of the next working day, or in time. Null for a matter the unit is done with.
 */
public enum DueState {
    OVERDUE, DUE_SOON, IN_TIME;

    public String code() {
        return Codes.db(this);
    }
}
