package cn.hotline12345.cti.caller.api;

import java.util.List;

/**
 * The inputs of the nuisance signals for one number at one instant.
 *
 * @param callsWithoutMatter ids of calls in the frequency window with no matter (newest first)
 * @param newMatters         matters raised from the number in the frequency window
 * @param occupationFlags    occupation flags in their window
 * @param silentFlags        silent-call flags in their window
 * @param agentFlags         agent flags (harassment, insult, threat) in the longer agent-flag window
 */
public record NuisanceFacts(List<Long> callsWithoutMatter, int newMatters, List<CallerFlagEntry> occupationFlags,
                            List<CallerFlagEntry> silentFlags, List<CallerFlagEntry> agentFlags) {

    public NuisanceFacts {
        callsWithoutMatter = List.copyOf(callsWithoutMatter);
        occupationFlags = List.copyOf(occupationFlags);
        silentFlags = List.copyOf(silentFlags);
        agentFlags = List.copyOf(agentFlags);
    }
}
