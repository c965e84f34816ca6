package cn.hotline12345.cti.ivr.api;

import cn.hotline12345.ivr.engine.IvrOutcome;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An IVR session over FastAGI ended, however it ended. Published by the server because after a caller hangs up
 * no channel variable can be set any more: this record is how the IVR path reaches the call record.
 *
 * @param pbxId          the PBX the session came from (see docs/dialplan-contract.md): the call is
 *                       {@code (pbxId, uniqueid)}
 * @param uniqueid       Asterisk's uniqueid of the channel (agi_uniqueid; cleaned)
 * @param channel        the channel name (agi_channel; cleaned)
 * @param caller         the calling number as Asterisk gave it (cleaned, NOT masked: mask before logging)
 * @param script         the FastAGI script requested ({@code hotline}, {@code status}, {@code survey}, {@code revisit})
 * @param flowVersion    the version of the flow set the session ran with ({@code 3:5f2a9c01})
 * @param ending         how it ended; {@link IvrOutcome.Ending#MAX_DURATION} also when the server had to cut a
 *                       command short at the session deadline
 * @param path           the caller's path in {@code HOTLINE_IVR_PATH} format, also after a hang-up
 * @param queue          the queue for QUEUE (and the limit endings), else {@code null}
 * @param priority       the queue priority
 * @param transferTo     the number for TRANSFER, else {@code null}
 * @param results        the flow's named results ({@code rating}, {@code solved}, {@code dissatisfied}, ...)
 * @param variables      the channel-facing variables the flow set ({@code HOTLINE_MATTER},
 *                       {@code HOTLINE_CALLER_FLAGS}) if any
 * @param started        when the FastAGI connection was accepted
 * @param duration       how long the session lasted
 * @param error          for CHANNEL_ERROR, what failed; else {@code null}
 */
public record IvrSessionEnded(String pbxId, String uniqueid, String channel, String caller, String script, String flowVersion,
                              IvrOutcome.Ending ending, String path, String queue, int priority, String transferTo,
                              Map<String, String> results, Map<String, String> variables, Instant started,
                              Duration duration, String error) {
    public IvrSessionEnded {
        Objects.requireNonNull(ending, "ending");
        results = Map.copyOf(results);
        variables = Map.copyOf(variables);
        path = path == null ? "" : path;
    }

    /** Without the PBX (null: the first configured PBX). */
    public IvrSessionEnded(String uniqueid, String channel, String caller, String script, String flowVersion,
                           IvrOutcome.Ending ending, String path, String queue, int priority, String transferTo,
                           Map<String, String> results, Map<String, String> variables, Instant started,
                           Duration duration, String error) {
        this(null, uniqueid, channel, caller, script, flowVersion, ending, path, queue, priority, transferTo, results,
                variables, started, duration, error);
    }

    /** True when the caller hung up during the IVR. */
    public boolean callerHungUp() {
        return ending == IvrOutcome.Ending.CALLER_HUNG_UP;
    }
}
