package cn.hotline12345.cti.caller.api;


import cn.hotline12345.cti.caller.internal.CallerProfileService;
import java.time.Instant;
import java.util.List;

/**
 * Who is calling, as the IVR ({@code caller_profile} lookup) and the agent's screen pop see it. Carries the
 * normalised number inside {@link #number()}; anything shown or logged uses {@link #maskedNumber()}.
 *
 * @param number          the normalised number and its kind
 * @param maskedNumber    {@code 138****8000}, or {@code withheld}/{@code invalid}
 * @param known           whether the number has a profile (it called before, or was flagged)
 * @param firstSeenAt     first call the hook recorded, null when unknown
 * @param lastContactAt   last call the hook recorded, null when unknown
 * @param totalCalls      calls the hook recorded since first seen (retention purges old ones)
 * @param callsLast24h    calls in the last 24 hours, the current one included when a call key was given
 * @param callsLast7d     same, 7 days
 * @param callsLast30d    same, 30 days
 * @param recentCalls     the newest calls, newest first (at most {@link CallerProfileService#RECENT_CALLS})
 * @param openMatters     matters from this number not closed yet, newest first (merged ones excluded)
 * @param recentFlags     flags of the last 90 days, newest first
 * @param activeMeasures  measures in force now
 * @param repeat          the repeat-call assessment
 * @param ivr             what the IVR must do (never a block)
 * @param computedAt      the instant the profile describes
 */
public record CallerProfile(CallerNumber number, String maskedNumber, boolean known, Instant firstSeenAt,
                            Instant lastContactAt, long totalCalls, int callsLast24h, int callsLast7d,
                            int callsLast30d, List<CallSummary> recentCalls, List<MatterSummary> openMatters,
                            List<CallerFlagEntry> recentFlags, List<Measure> activeMeasures,
                            RepeatAssessment repeat, IvrDirective ivr, Instant computedAt) {

    public CallerProfile {
        recentCalls = List.copyOf(recentCalls);
        openMatters = List.copyOf(openMatters);
        recentFlags = List.copyOf(recentFlags);
        activeMeasures = List.copyOf(activeMeasures);
    }

    /** A call without a usable number: it stands alone, nothing is merged, the IVR does the normal thing. */
    public static CallerProfile standalone(CallerNumber number, Instant now) {
        return new CallerProfile(number, number.masked(), false, null, null, 0, 0, 0, 0, List.of(), List.of(),
                List.of(), List.of(), RepeatAssessment.none(), IvrDirective.normal(), now);
    }
}
