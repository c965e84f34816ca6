package cn.hotline12345.contract;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Asterisk's manager permission classes ({@code main/manager.c}, {@code perms[]}: the words of {@code read=} and
 * {@code write=} in manager.conf and of an event's {@code Privilege:} header).
 */
public enum ManagerClass {
    SYSTEM, CALL, LOG, VERBOSE, COMMAND, AGENT, USER, CONFIG, DTMF, REPORTING, CDR, DIALPLAN, ORIGINATE, AGI, CC,
    AOC, TEST, SECURITY, MESSAGE;

    /** The word in manager.conf ({@code call}). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ManagerClass> byWord(String word) {
        String w = word.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.name().equals(w)).findFirst();
    }
}
