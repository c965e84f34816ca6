package cn.hotline12345.cti.matter.internal;


import cn.hotline12345.cti.matter.api.Matter;
import cn.hotline12345.cti.matter.api.MatterException;
import cn.hotline12345.cti.matter.api.MatterInput;
import java.util.regex.Pattern;

/**
 * Checks what people type (art. 11): lengths and formats always, completeness (contact name and number,
 * a concrete address where the matter has a place) when a matter is accepted. Errors name the field.
 */
public final class MatterValidator {

    public static final int MAX_SUBJECT = 200;
    public static final int MAX_CONTENT = 4000;
    public static final int MAX_SHORT = 100;
    public static final int MAX_ADDRESS = 300;
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9][0-9 \\-]{2,24}");

    private MatterValidator() {
    }

    /** Format checks that apply to drafts too. */
    public static void checkFormat(MatterInput in) {
        max("subject", in.subject(), MAX_SUBJECT);
        max("content", in.content(), MAX_CONTENT);
        max("area", in.area(), MAX_SHORT);
        max("place", in.place(), MAX_ADDRESS);
        max("address", in.address(), MAX_ADDRESS);
        max("contactName", in.contactName(), MAX_SHORT);
        if (in.contactNumber() != null && !in.contactNumber().isBlank()
                && !NUMBER.matcher(in.contactNumber().trim()).matches()) {
            throw MatterException.invalid("contactNumber", "not a telephone number");
        }
    }

    /** Completeness for acceptance (art. 11). */
    public static void checkComplete(Matter m) {
        if (blank(m.subject()) && blank(m.content())) {
            throw MatterException.invalid("content", "a matter needs a subject or a content");
        }
        if (blank(m.contactName())) {
            throw MatterException.invalid("contactName", "required (art. 11: callers give real contact details)");
        }
        if (blank(m.contactNumber())) {
            throw MatterException.invalid("contactNumber", "required (art. 11: callers give real contact details)");
        }
        if ((m.hasPlace() || !blank(m.place())) && blank(m.address())) {
            throw MatterException.invalid("address", "required where the matter has a place (art. 11)");
        }
    }

    static void max(String field, String v, int max) {
        if (v != null && v.length() > max) {
            throw MatterException.invalid(field, "longer than " + max + " characters");
        }
    }

    static void required(String field, String v, int max) {
        if (blank(v)) {
            throw MatterException.invalid(field, "required");
        }
        max(field, v, max);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Digits only, without a +86/0086 prefix: the key callers are recognised by. */
    public static String normaliseNumber(String number) {
        if (number == null) {
            return null;
        }
        String d = number.replaceAll("[^0-9+]", "");
        if (d.startsWith("+86")) {
            d = d.substring(3);
        } else if (d.startsWith("0086")) {
            d = d.substring(4);
        }
        d = d.replace("+", "");
        return d.isEmpty() ? null : d;
    }
}
