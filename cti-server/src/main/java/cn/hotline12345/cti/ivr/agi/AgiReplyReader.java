package cn.hotline12345.cti.ivr.agi;

import cn.hotline12345.ivr.AgiText;

/**
 * Reads Asterisk's replies line by line: {@code 200 result=<r>[ (<data>)][ endpos=<n>]}, {@code 510 ...},
 * {@code 511 ...}, the multi-line {@code 520-...} usage ending with {@code 520 End of proper usage.}, and the bare
 * {@code HANGUP} line Asterisk sends once when the caller hangs up. Everything read is untrusted: values are
 * cleaned and bounded, a line that is none of these is reported as {@link Line.Garbage}. Not thread-safe: one per
 * connection, used on its event loop.
 */
public final class AgiReplyReader {

    /** Lines of a 520 usage message kept at most (the rest is dropped, the reply still completes). */
    static final int MAX_USAGE_LINES = 32;

    /** What one input line amounted to. */
    public sealed interface Line {
        /** A complete reply. */
        record Reply(AgiReply reply) implements Line {
        }

        /** The caller hung up (a bare {@code HANGUP} line). */
        record Hangup() implements Line {
        }

        /** Part of a multi-line reply; more lines follow. */
        record Partial() implements Line {
        }

        /** Not an AGI reply. */
        record Garbage(String cleaned) implements Line {
        }
    }

    private StringBuilder usage;
    private int usageLines;

    /** Feeds one line (without its newline; a trailing CR is ignored). */
    public Line accept(String rawLine) {
        String line = rawLine.endsWith("\r") ? rawLine.substring(0, rawLine.length() - 1) : rawLine;
        if (usage != null) {
            if (line.startsWith("520 ")) {
                String text = usage.append('\n').append(AgiText.clean(line, 200)).toString();
                usage = null;
                return new Line.Reply(new AgiReply(520, "", null, text));
            }
            if (usageLines++ < MAX_USAGE_LINES) {
                usage.append('\n').append(AgiText.clean(line, 200));
            }
            return new Line.Partial();
        }
        if (line.equals("HANGUP")) {
            return new Line.Hangup();
        }
        if (line.startsWith("520-")) {
            usage = new StringBuilder(AgiText.clean(line, 200));
            usageLines = 0;
            return new Line.Partial();
        }
        if (line.length() < 3 || !isCode(line)) {
            return new Line.Garbage(AgiText.clean(line, 80));
        }
        int code = Integer.parseInt(line.substring(0, 3));
        if (line.length() > 3 && line.charAt(3) != ' ') {
            return new Line.Garbage(AgiText.clean(line, 80));
        }
        String rest = line.length() > 4 ? line.substring(4) : "";
        if (code != 200) {
            return new Line.Reply(new AgiReply(code, "", null, AgiText.clean(line, 200)));
        }
        if (!rest.startsWith("result=")) {
            return new Line.Garbage(AgiText.clean(line, 80));
        }
        int space = rest.indexOf(' ');
        String result = space < 0 ? rest.substring(7) : rest.substring(7, space);
        String data = null;
        if (space >= 0) {
            String tail = rest.substring(space + 1);
            if (tail.startsWith("(")) {
                int close = tail.lastIndexOf(')');
                data = close > 0 ? tail.substring(1, close) : tail.substring(1);
            }
        }
        return new Line.Reply(new AgiReply(200, AgiText.clean(result, 64),
                data == null ? null : AgiText.clean(data, AgiText.MAX_VALUE_LENGTH), AgiText.clean(line, 200)));
    }

    private static boolean isCode(String line) {
        for (int i = 0; i < 3; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
