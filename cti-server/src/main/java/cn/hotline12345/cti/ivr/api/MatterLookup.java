package cn.hotline12345.cti.ivr.api;

import java.util.concurrent.CompletionStage;

/**
 * Port: the state of a hotline matter (热线事项) for the {@code matter_status} self-service lookup (art. 13).
 * Bound by the server to the matter service.
 *
 * <p>The implementation enforces confidentiality: a confidential matter is only described to the number
 * that reported it; any other caller gets {@link MatterStatus.Result#CONFIDENTIAL_DENIED}. It must not block
 * the calling thread; the IVR applies its own timeout.
 */
@FunctionalInterface
public interface MatterLookup {

    /**
     * @param matterNumber the matter number the caller keyed in (digits), or {@code ""} for the caller's
     *                     latest matter
     * @param callerNumber the calling number (cleaned)
     */
    CompletionStage<MatterStatus> status(String matterNumber, String callerNumber);
}
