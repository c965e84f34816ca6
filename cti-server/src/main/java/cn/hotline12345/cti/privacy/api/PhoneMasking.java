package cn.hotline12345.cti.privacy.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks telephone numbers for logs, exports and roles without the unmask right (art. 7, 13).
 *
 * <p>A mobile number keeps its first three and last four digits ({@code 138****8000}); a fixed line keeps
 * its area code prefix and last four ({@code 053****5678}); a {@code +86}/{@code 0086} prefix is kept.
 * Short service numbers (110, 12345) are not personal data and stay as they are.
 */
public final class PhoneMasking {

    /**
     * What may not come right before a number: a digit or a dot (part of a longer number, or of an Asterisk id
     * such as {@code 1795623661.16}: epoch seconds, a dot, a sequence), a Latin letter or {@code _} (the tail of a
     * name, {@code node18000000000}), {@code @} (a Java identity hash, {@code PgConnection@4193283944}), or a
     * {@code -} that joins it to a name ({@code bench-pipeline-18000000000}) or ends a UUID's fourth group. A number
     * after a space, {@code =}, {@code :}, {@code /}, a bracket, a quote or a Chinese character is masked, and so is
     * a fixed line written with its area code ({@code 0536-12345678}: a dash after digits still masks).
     */
    private static final String NOT_AFTER = "(?<![\\d.A-Za-z_@])(?<![A-Za-z_]-)(?<!-[0-9A-Fa-f]{4}-)";

    /** A run of 7 to 20 digits, not part of a longer number, of an Asterisk id or of an identifier. */
    private static final Pattern NUMBER_IN_TEXT = Pattern.compile(NOT_AFTER + "(\\+?\\d{7,20})(?!\\d|\\.\\d)");

    /** A mobile written in groups ({@code 138 0013 8000}, {@code 138-0013-8000}) would slip past the run above. */
    private static final Pattern GROUPED_MOBILE = Pattern.compile(NOT_AFTER + "1[3-9]\\d[ -]\\d{4}[ -]\\d{4}(?!\\d)");

    private PhoneMasking() {
    }

    /** Masks one number; null and blank stay as they are. */
    public static String mask(String number) {
        if (number == null || number.isBlank()) {
            return number;
        }
        String prefix = "";
        String rest = number;
        if (rest.startsWith("+86")) {
            prefix = "+86";
            rest = rest.substring(3);
        } else if (rest.startsWith("0086")) {
            prefix = "0086";
            rest = rest.substring(4);
        } else if (rest.startsWith("+")) {
            prefix = "+";
            rest = rest.substring(1);
        }
        int n = rest.length();
        if (n < 7) {
            return n <= 5 ? number : prefix + "*".repeat(n);
        }
        int head = 3;
        int tail = 4;
        return prefix + rest.substring(0, head) + "****" + rest.substring(n - tail);
    }

    /** Masks every phone-number-like run of digits in free text (log lines, exported text). */
    public static String maskInText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher g = GROUPED_MOBILE.matcher(text);
        if (g.find()) {
            StringBuilder sb = new StringBuilder(text.length());
            do {
                g.appendReplacement(sb, Matcher.quoteReplacement(mask(g.group().replaceAll("[ -]", ""))));
            } while (g.find());
            g.appendTail(sb);
            text = sb.toString();
        }
        Matcher m = NUMBER_IN_TEXT.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        do {
            m.appendReplacement(sb, Matcher.quoteReplacement(mask(m.group(1))));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }
}
