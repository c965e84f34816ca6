package cn.hotline12345.cti.caller.api;

import java.util.Locale;

/** A caller's appeal against a measure: pending until a supervisor upholds the measure or lifts it. */
public enum AppealStatus {
    PENDING, UPHELD, LIFTED;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AppealStatus parse(String s) {
        return s == null ? null : valueOf(s.toUpperCase(Locale.ROOT));
    }
}
