package cn.hotline12345.cti.telephony.ami;

import cn.hotline12345.contract.DialplanContext;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The strict shapes an agent's values must have before {@link AmiAgentActions} puts them into an AMI action: an
 * extension, a number, a queue, a member name, a pause reason. A value that does not match is refused with an
 * {@link IllegalArgumentException} naming the field (the HTTP layer answers it as 400 {@code bad_request}), so an
 * agent's note or a caller's name can never become a second action on the wire; {@link AmiAction} refuses control
 * characters again at the last moment.
 */
final class AgentInput {

    private static final Pattern EXTENSION = Pattern.compile("[0-9]{3,6}");
    private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{3,20}");
    private static final Pattern MEMBER_NAME = Pattern.compile("[\\p{L}\\p{N} ._-]{1,64}");
    private static final Set<String> EMERGENCY = Set.copyOf(DialplanContext.EMERGENCY_NUMBERS);
    private static final int MAX_REASON = 64;

    private AgentInput() {
    }

    /** An agent's extension, as the {@code field} names it. */
    static String extension(String field, String value) {
        return check(EXTENSION, field, value);
    }

    /** The agent's own extension. */
    static String extension(String value) {
        return extension("extension", value);
    }

    /** The PJSIP interface of an extension, as queues name their members. */
    static String iface(String extension) {
        return "PJSIP/" + extension(extension);
    }

    /** A number to dial or to transfer to. */
    static String number(String field, String value) {
        return check(NUMBER, field, value);
    }

    /** A member name shown in the queue ({@code QueueAdd MemberName}). */
    static String memberName(String value) {
        return check(MEMBER_NAME, "memberName", value);
    }

    /** One of the emergency numbers the dialplan may be told to transfer to. */
    static String emergency(String value) {
        if (!EMERGENCY.contains(value)) {
            throw new IllegalArgumentException("target: emergency numbers are 110, 119, 120 and 122");
        }
        return value;
    }

    /** A queue name, well formed and, when {@code known} is not empty, one of them. */
    static String queue(String name, Set<String> known) {
        check(QUEUE, "queue", name);
        if (!known.isEmpty() && !known.contains(name)) {
            throw new IllegalArgumentException("queue: unknown queue '" + name + "'");
        }
        return name;
    }

    /** A pause reason: required, at most 64 characters, no control or line-separator characters. */
    static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: required");
        }
        if (reason.length() > MAX_REASON) {
            throw new IllegalArgumentException("reason: longer than " + MAX_REASON + " characters");
        }
        for (int i = 0; i < reason.length(); i++) {
            if (Character.isISOControl(reason.charAt(i)) || reason.charAt(i) == '\u2028' || reason.charAt(i) == '\u2029') {
                throw new IllegalArgumentException("reason: control characters are not allowed");
            }
        }
        return reason;
    }

    /** A value as an error message may show it: cut, quoted, control characters replaced. */
    static String printable(String s) {
        if (s == null) {
            return "(missing)";
        }
        String cut = s.length() > 32 ? s.substring(0, 32) + "..." : s;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    private static String check(Pattern p, String field, String value) {
        if (value == null || !p.matcher(value).matches()) {
            throw new IllegalArgumentException(field + ": invalid value " + printable(value));
        }
        return value;
    }
}
