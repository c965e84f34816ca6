package cn.hotline12345.cti.caller.api;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalises the caller numbers Asterisk, the IVR and intake forms present, so one person's calls share
 * one profile and nobody else's do.
 *
 * <p>Rules, in order: null, blank and the withheld markers ({@code anonymous}, {@code unknown},
 * {@code <unknown>}, {@code restricted}, {@code private}, {@code unavailable}) are {@link NumberKind#WITHHELD};
 * anything longer than {@value #MAX_RAW_LENGTH} characters, with letters, control or format characters, or
 * with non-ASCII digits other than full-width ones (a Chinese IME types those) is
 * {@link NumberKind#INVALID}. Spaces, dashes and parentheses are dropped. {@code +86}, {@code 0086} and a
 * bare {@code 86} before a mobile are stripped; any other {@code +} or {@code 00} prefix is international.
 * A 7-8 digit local number is Weifang's (area code 0536). Never throws.
 */
public final class PhoneNumbers {

    /** Weifang's area code: a local number without one is Weifang's. */
    public static final String HOME_AREA_CODE = "0536";
    /** Longer raw input is refused before any parsing (it is not a phone number, and may be an attack). */
    public static final int MAX_RAW_LENGTH = 32;

    private static final Set<String> WITHHELD_MARKERS = Set.of("anonymous", "unknown", "<unknown>", "restricted",
            "private", "unavailable", "withheld");
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    /** Area code (0 + 2-3 digits) and a 7-8 digit local number: 10 to 12 digits. */
    private static final Pattern FIXED = Pattern.compile("0[1-9]\\d{8,10}");
    private static final Pattern LOCAL = Pattern.compile("[2-8]\\d{6,7}");
    /** 110/119/120/122/114..., 12xxx government lines, 95xxx/96xxx service lines, 400/800 numbers. */
    private static final Pattern SERVICE = Pattern.compile("1\\d{2}|12\\d{3}|9[56]\\d{3,6}|[48]00\\d{7}");
    private static final Pattern INTERNATIONAL = Pattern.compile("[1-9]\\d{6,14}");

    private PhoneNumbers() {
    }

    /** Normalises one raw number; never throws, never returns null. */
    public static CallerNumber normalise(String raw) {
        if (raw == null) {
            return CallerNumber.WITHHELD;
        }
        if (raw.length() > MAX_RAW_LENGTH) {
            return CallerNumber.INVALID;
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            int type = Character.getType(c);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.SURROGATE || type == Character.PRIVATE_USE) {
                // CR/LF and friends could smuggle a second line into an AMI action or a log: never a number
                return CallerNumber.INVALID;
            }
        }
        String trimmed = raw.strip();
        if (trimmed.isEmpty() || WITHHELD_MARKERS.contains(trimmed.toLowerCase(Locale.ROOT))) {
            return CallerNumber.WITHHELD;
        }
        String cleaned = clean(trimmed);
        if (cleaned == null || cleaned.isEmpty()) {
            return CallerNumber.INVALID;
        }
        if (cleaned.startsWith("+")) {
            return afterInternationalPrefix(cleaned.substring(1));
        }
        if (cleaned.startsWith("00")) {
            return afterInternationalPrefix(cleaned.substring(2));
        }
        return domestic(cleaned, true);
    }

    /** Drops separators, keeps ASCII digits and one leading '+'; null when anything else is present. */
    private static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            } else if (c >= '\uFF10' && c <= '\uFF19') {
                sb.append((char) ('0' + (c - '\uFF10')));
            } else if (c == ' ' || c == '-' || c == '(' || c == ')') {
                continue;
            } else if (c == '+' && sb.length() == 0 && s.indexOf('+', i + 1) < 0) {
                sb.append(c);
            } else {
                return null;
            }
        }
        return sb.toString();
    }

    private static CallerNumber afterInternationalPrefix(String digits) {
        if (digits.startsWith("86")) {
            CallerNumber n = domestic(digits.substring(2), false);
            return n.kind() == NumberKind.SERVICE ? CallerNumber.INVALID : n;
        }
        if (INTERNATIONAL.matcher(digits).matches()) {
            return new CallerNumber(NumberKind.INTERNATIONAL, "+" + digits);
        }
        return CallerNumber.INVALID;
    }

    /**
     * @param digits       ASCII digits only
     * @param trunkPrefixed whether a fixed line is written with its trunk 0 (domestic form) rather than
     *                     after +86 (where {@code 536...} means {@code 0536...})
     */
    private static CallerNumber domestic(String digits, boolean trunkPrefixed) {
        if (MOBILE.matcher(digits).matches()) {
            return new CallerNumber(NumberKind.MOBILE, digits);
        }
        if (digits.length() == 13 && digits.startsWith("86") && MOBILE.matcher(digits.substring(2)).matches()) {
            return new CallerNumber(NumberKind.MOBILE, digits.substring(2));
        }
        if (digits.length() == 12 && digits.startsWith("0") && MOBILE.matcher(digits.substring(1)).matches()) {
            // a mobile dialled with the long-distance 0 in front
            return new CallerNumber(NumberKind.MOBILE, digits.substring(1));
        }
        if (FIXED.matcher(digits).matches()) {
            return new CallerNumber(NumberKind.FIXED, digits);
        }
        if (!trunkPrefixed && FIXED.matcher("0" + digits).matches()) {
            return new CallerNumber(NumberKind.FIXED, "0" + digits);
        }
        if (SERVICE.matcher(digits).matches()) {
            return new CallerNumber(NumberKind.SERVICE, digits);
        }
        if (trunkPrefixed && LOCAL.matcher(digits).matches()) {
            return new CallerNumber(NumberKind.FIXED, HOME_AREA_CODE + digits);
        }
        return CallerNumber.INVALID;
    }
}
