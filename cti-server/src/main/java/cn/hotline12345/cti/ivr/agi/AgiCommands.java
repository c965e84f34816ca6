package cn.hotline12345.cti.ivr.agi;

import cn.hotline12345.ivr.AgiText;

/**
 * Formats AGI commands (one line each, without the terminating newline). Every argument passes through
 * {@link AgiText}: sound files and variable names are validated, DTMF and digits reduced to their alphabet, free
 * text cleaned of control characters and quoted, so no CR or LF can ever reach the wire and no value can end a
 * command early or start another one.
 */
public final class AgiCommands {

    private AgiCommands() {
    }

    /** {@code ANSWER} */
    public static String answer() {
        return "ANSWER";
    }

    /** {@code HANGUP} */
    public static String hangup() {
        return "HANGUP";
    }

    /** {@code STREAM FILE <file> "<escape digits>"}; the file name must pass {@link AgiText#soundFile}. */
    public static String streamFile(String file, String escapeDigits) {
        return "STREAM FILE " + sound(file) + " \"" + AgiText.dtmf(escapeDigits, 16) + "\"";
    }

    /** {@code GET DATA <file> <timeout ms> <max digits>}. */
    public static String getData(String file, int timeoutMs, int maxDigits) {
        if (timeoutMs < 1 || maxDigits < 1 || maxDigits > 1024) {
            throw new IllegalArgumentException("GET DATA timeout and max digits must be positive");
        }
        return "GET DATA " + sound(file) + " " + timeoutMs + " " + maxDigits;
    }

    /** {@code SAY DIGITS <digits> "<escape>"}; only 0-9 are kept. */
    public static String sayDigits(String digits, String escapeDigits) {
        String d = AgiText.digits(digits);
        if (d.isEmpty()) {
            throw new IllegalArgumentException("SAY DIGITS needs at least one digit");
        }
        return "SAY DIGITS " + d + " \"" + AgiText.dtmf(escapeDigits, 16) + "\"";
    }

    /** {@code SAY NUMBER <number> "<escape>"}. */
    public static String sayNumber(long number, String escapeDigits) {
        return "SAY NUMBER " + number + " \"" + AgiText.dtmf(escapeDigits, 16) + "\"";
    }

    /** {@code SET VARIABLE <name> "<value>"}; the name must be a plain variable name, the value is cleaned and quoted. */
    public static String setVariable(String name, String value) {
        if (!AgiText.isVariableName(name)) {
            throw new IllegalArgumentException("not a settable variable name");
        }
        return "SET VARIABLE " + name + " " + AgiText.quote(value);
    }

    /** {@code GET VARIABLE <name>}; a plain name or a simple function such as {@code CALLERID(num)}. */
    public static String getVariable(String name) {
        if (!AgiText.isReadableVariable(name)) {
            throw new IllegalArgumentException("not a readable variable name");
        }
        return "GET VARIABLE " + name;
    }

    /** {@code EXEC <application> "<options>"}; the application name is letters, digits and underscores. */
    public static String exec(String application, String options) {
        if (!AgiText.isVariableName(application)) {
            throw new IllegalArgumentException("not an application name");
        }
        return "EXEC " + application + " " + AgiText.quote(options);
    }

    /** {@code VERBOSE "<message>" <level>}, level 1..4. */
    public static String verbose(String message, int level) {
        return "VERBOSE " + AgiText.quote(message) + " " + Math.max(1, Math.min(4, level));
    }

    private static String sound(String file) {
        String f = AgiText.soundFile(file);
        if (f == null) {
            throw new IllegalArgumentException("unsafe sound file name");
        }
        return f;
    }
}
