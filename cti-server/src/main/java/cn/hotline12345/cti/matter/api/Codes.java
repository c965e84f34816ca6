package cn.hotline12345.cti.matter.api;

import java.util.Locale;

/** Lower-case database/API spelling of the matter enums, and parsing that names what was wrong. */
public final class Codes {

    private Codes() {
    }

    public static String db(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String s, String field) {
        if (s == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw MatterException.invalid(field, "unknown value '" + s + "'");
        }
    }
}
