package cn.hotline12345.cti.caller.api;

import java.util.List;

/**
 * What the IVR does for this caller. There is deliberately no "block" or "hang up": a caller under any measure
 * still hears the emergency notice (art. 39) and still reaches an agent (art. 12, 17); the constructor refuses
 * anything else.
 *
 * @param warningPrompt   play the legal warning prompt (art. 12, 34) before queueing
 * @param queueOverride   the queue to use instead of the menu's choice (e.g. {@code q-special}), or null
 * @param priorityDelta   added to the queue priority (negative lowers it), 0 for none
 * @param emergencyNotice always true: the emergency notice (110/119/120/122) is played to everyone
 * @param reachAgent      always true: the call always ends with a person
 * @param callerFlags     for {@code HOTLINE_CALLER_FLAGS}: {@code repeat}, {@code nuisance-warned}
 */
public record IvrDirective(boolean warningPrompt, String queueOverride, int priorityDelta, boolean emergencyNotice,
                           boolean reachAgent, List<String> callerFlags) {

    public IvrDirective {
        if (!emergencyNotice || !reachAgent) {
            throw new IllegalArgumentException("a caller can never be kept from the emergency notice or from an agent");
        }
        callerFlags = List.copyOf(callerFlags);
    }

    /** Nothing special: the menu decides. */
    public static IvrDirective normal() {
        return new IvrDirective(false, null, 0, true, true, List.of());
    }
}
