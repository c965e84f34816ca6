package cn.hotline12345.ivr;

/**
 * Sanitises untrusted text before it goes back to Asterisk in an AGI command (or an AMI action).
 *
 * <p>Everything that comes from outside the process is untrusted: caller names, channel variables,
 * results of server lookups. A CR or LF in such a value would end the AGI command early and let
 * the remainder be read as a second command, so every value that the IVR hands to a channel
 * operation passes through one of these methods. All methods accept {@code null} and never throw.
 */
public final class AgiText {

    /** Default maximum length, in code points, of a value passed to a channel operation. */
    public static final int MAX_VALUE_LENGTH = 256;
    /** Maximum number of digits handed to SAY DIGITS. */
    public static final int MAX_DIGITS = 64;
    /** Maximum length of a sound file name. */
    public static final int MAX_SOUND_FILE = 128;

    private AgiText() {
    }

    /** {@link #clean(String, int)} with {@link #MAX_VALUE_LENGTH}. */
    public static String clean(String value) {
        return clean(value, MAX_VALUE_LENGTH);
    }

    /**
     * Removes control characters (C0, DEL, C1, Unicode line/paragraph separators, lone surrogates,
     * U+FFFD replacement characters left by a bad decoder) and caps the result at {@code maxCodePoints}
     * code points without splitting a surrogate pair.
     *
     * @return the cleaned text, never {@code null}
     */
    public static String clean(String value, int maxCodePoints) {
        if (value == null || maxCodePoints <= 0) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), maxCodePoints * 2));
        int kept = 0;
        int i = 0;
        while (i < value.length() && kept < maxCodePoints) {
            char c = value.charAt(i);
            int cp;
            int width = 1;
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                cp = Character.toCodePoint(c, value.charAt(i + 1));
                width = 2;
            } else if (Character.isSurrogate(c)) {
                i++;
                continue; // a lone surrogate cannot be encoded as UTF-8
            } else {
                cp = c;
            }
            i += width;
            if (isUnwanted(cp)) {
                continue;
            }
            out.appendCodePoint(cp);
            kept++;
        }
        return out.toString();
    }

    private static boolean isUnwanted(int cp) {
        return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || cp == 0xFFFD
                || cp == 0xFEFF;
    }

    /** Keeps only the decimal digits 0-9 (what SAY DIGITS may say), at most {@link #MAX_DIGITS}. */
    public static String digits(String value) {
        return keep(value, "0123456789", MAX_DIGITS);
    }

    /** Keeps only DTMF characters {@code 0-9 * #} (and {@code A-D}), at most {@code max} of them. */
    public static String dtmf(String value, int max) {
        return keep(value, "0123456789*#ABCD", max);
    }

    private static String keep(String value, String allowed, int max) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            if (allowed.indexOf(c) >= 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** True when {@code value} is non-empty and made only of 0-9, * and #. */
    public static boolean isDtmf(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if ("0123456789*#".indexOf(value.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Validates a sound file name for STREAM FILE / GET DATA: letters, digits, {@code _ - / .},
     * no {@code ..}, not absolute, at most {@link #MAX_SOUND_FILE} characters.
     *
     * @return the name, or {@code null} when it is not acceptable
     */
    public static String soundFile(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_SOUND_FILE || value.startsWith("/")
                || value.contains("..")) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '/' || c == '.';
            if (!ok) {
                return null;
            }
        }
        return value;
    }

    /**
     * True for a channel variable name the IVR may set: letters, digits and underscores, starting with
     * a letter or underscore, at most 64 characters. Dialplan functions ({@code CALLERID(num)}) are
     * accepted for reading only, see {@link #isReadableVariable(String)}.
     */
    public static boolean isVariableName(String name) {
        if (name == null || name.isEmpty() || name.length() > 64) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A variable name or a simple function call such as {@code CALLERID(num)}. */
    public static boolean isReadableVariable(String name) {
        if (name == null) {
            return false;
        }
        int open = name.indexOf('(');
        if (open < 0) {
            return isVariableName(name);
        }
        if (!name.endsWith(")") || open == 0) {
            return false;
        }
        String arg = name.substring(open + 1, name.length() - 1);
        return isVariableName(name.substring(0, open)) && (arg.isEmpty() || isVariableName(arg));
    }

    /**
     * Quotes a cleaned value as one AGI command argument: wrapped in double quotes, with backslash and
     * double quote escaped (res_agi's argument parser honours both escapes).
     */
    public static String quote(String value) {
        String v = clean(value);
        StringBuilder out = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /** Parses a cleaned integer (digits, optional leading minus), or returns {@code null}. */
    public static Long parseLong(String value) {
        String v = clean(value, 20).trim();
        if (v.isEmpty() || v.length() > 19) {
            return null;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9') && !(i == 0 && c == '-' && v.length() > 1)) {
                return null;
            }
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Masks a phone number for logs: {@code 13800138000 -> 138****8000}; short values become {@code ****}. */
    public static String maskNumber(String number) {
        String n = clean(number, 32);
        if (n.length() < 8) {
            return "****";
        }
        return n.substring(0, 3) + "****" + n.substring(n.length() - 4);
    }
}
