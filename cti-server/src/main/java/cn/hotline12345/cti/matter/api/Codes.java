package cn.hotline12345.cti.matter.api;

import java.util.Locale;

/** Lower-case database/API spelling of the matter enums, and parsing that names what was wrong. */
public final class Codes {

    private Codes() {
    }

    public static String db(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }

    /**
     * A code exactly as documented: lower case ({@code phone}, {@code not_accepted}); {@code PHONE} or {@code Phone}
     * is refused like any unknown value (issue 20 item 11), so one value has one spelling everywhere.
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String s, String field) {
        if (s == null) {
            return null;
        }
        if (!s.matches("[a-z][a-z0-9_]{0,39}")) {
            throw MatterException.invalid(field, "unknown value (codes are lower case, as documented)");
        }
        try {
            return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw MatterException.invalid(field, "unknown value '" + s + "'");
        }
    }
}
