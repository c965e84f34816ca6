package cn.hotline12345.cti.ivr.agi;

/**
 * One reply of Asterisk to an AGI command.
 *
 * @param code   200, 510 (invalid command), 511 (dead channel), 520 (usage)
 * @param result the {@code result=} value ({@code "1"}, {@code "-1"}, digits, possibly {@code ""}); {@code ""} for
 *               error codes
 * @param data   the text in parentheses after the result ({@code (timeout)}, a variable's value), or {@code null}
 * @param text   the whole reply (for 520 the usage lines joined by newlines), cleaned, for messages
 */
public record AgiReply(int code, String result, String data, String text) {

    /** {@code 200 result=-1}: the caller hung up during the command. */
    public boolean hungUp() {
        return code == 511 || (code == 200 && "-1".equals(result));
    }

    public boolean ok() {
        return code == 200;
    }

    /** The result as an integer, or {@code fallback} when it is not one. */
    public int resultInt(int fallback) {
        try {
            return Integer.parseInt(result);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
