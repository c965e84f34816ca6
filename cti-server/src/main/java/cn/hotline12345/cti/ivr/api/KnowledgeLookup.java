package cn.hotline12345.cti.ivr.api;

import java.util.concurrent.CompletionStage;

/**
 * Port: the knowledge-base self-service (art. 31): the recorded answer for a topic of the IVR menu.
 * Bound by the server to the knowledge service. Must not block; the IVR applies its own timeout.
 */
@FunctionalInterface
public interface KnowledgeLookup {

    /**
     * @param topic        the menu topic, 1..5
     * @param callerNumber the calling number (cleaned), for statistics
     */
    CompletionStage<KnowledgeAnswer> answer(int topic, String callerNumber);
}
