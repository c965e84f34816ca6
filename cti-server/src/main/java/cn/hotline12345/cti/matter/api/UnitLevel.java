package cn.hotline12345.cti.matter.api;

/** A handling unit is a city department or a county (市辖区/县/市) government (art. 24). */
public enum UnitLevel {
    CITY, COUNTY;

    /** The database and API spelling (lower case). */
    public String code() {
        return Codes.db(this);
    }

    /** Parses the lower-case spelling; an unknown value is a validation error naming {@code field}. */
    public static UnitLevel parse(String s, String field) {
        return Codes.parse(UnitLevel.class, s, field);
    }
}
