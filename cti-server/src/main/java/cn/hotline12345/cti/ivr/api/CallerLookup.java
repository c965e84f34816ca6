package cn.hotline12345.cti.ivr.api;

import java.util.concurrent.CompletionStage;

/**
 * Port: what the hotline knows about a calling number, for the {@code caller_profile} lookup of the
 * {@code hotline} flow (nuisance measure, open matter of a repeat caller). Bound by the server to the
 * caller-profile service.
 *
 * <p>Implementations must not block the calling thread (it may be an event loop); the IVR applies its own
 * timeout and treats a failed or late stage as "unknown" (the flow's {@code on_error} branch).
 */
@FunctionalInterface
public interface CallerLookup {

    /**
     * @param callerNumber the calling number as Asterisk gave it (cleaned, may be {@code unknown} or empty)
     * @return the profile; {@link CallerProfile#NOTHING_KNOWN} when the number is not known
     */
    CompletionStage<CallerProfile> profile(String callerNumber);
}
