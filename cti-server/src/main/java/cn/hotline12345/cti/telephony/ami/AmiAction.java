package cn.hotline12345.cti.telephony.ami;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An AMI action to send: a name and ordered headers. Every name and value is checked when it is added:
 * CR, LF and other control characters are refused (they would end the header or the message and smuggle
 * a second action onto the wire), and lengths are capped. The ActionID is added by the link.
 */
public final class AmiAction {

    /** Longest value we ever send; Asterisk's own limit on a header line is about 1 KiB in practice. */
    public static final int MAX_VALUE_LENGTH = 512;
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_()-]{0,63}");

    private final String name;
    private final List<String[]> headers = new ArrayList<>();

    private AmiAction(String name) {
        this.name = checkName("Action", name);
    }

    public static AmiAction named(String name) {
        return new AmiAction(name);
    }

    /** Adds a header; throws {@link IllegalArgumentException} naming the header for a forbidden value. */
    public AmiAction header(String key, String value) {
        if (key.equalsIgnoreCase("ActionID") || key.equalsIgnoreCase("Action")) {
            throw new IllegalArgumentException(key + " is set by the link, not by callers");
        }
        headers.add(new String[] {checkName("header", key), checkValue(key, value)});
        return this;
    }

    /** Adds a header only when the value is not null. */
    public AmiAction optional(String key, String value) {
        return value == null ? this : header(key, value);
    }

    public String name() {
        return name;
    }

    public List<String[]> headers() {
        return Collections.unmodifiableList(headers);
    }

    /** The first value of a header, or null. */
    public String get(String key) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(key)) {
                return h[1];
            }
        }
        return null;
    }

    /** The wire form with the given ActionID: {@code Action: X\r\nActionID: id\r\n...\r\n\r\n}. */
    public byte[] encode(String actionId) {
        StringBuilder sb = new StringBuilder(64 + headers.size() * 32);
        sb.append("Action: ").append(name).append("\r\n");
        sb.append("ActionID: ").append(checkValue("ActionID", actionId)).append("\r\n");
        for (String[] h : headers) {
            sb.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String checkName(String what, String s) {
        if (s == null || !NAME.matcher(s).matches()) {
            throw new IllegalArgumentException("invalid AMI " + what + " name: " + printable(s));
        }
        return s;
    }

    /** Refuses control characters (CR and LF above all) and overlong values. */
    static String checkValue(String key, String value) {
        if (value == null) {
            throw new IllegalArgumentException(key + ": a value is required");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException(key + ": value longer than " + MAX_VALUE_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                throw new IllegalArgumentException(key + ": control characters are not allowed (found U+"
                        + String.format("%04X", (int) c) + ")");
            }
        }
        return value;
    }

    private static String printable(String s) {
        if (s == null) {
            return "null";
        }
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    @Override
    public String toString() {
        return "AmiAction[" + name + "]";
    }
}
