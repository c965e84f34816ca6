package cn.hotline12345.cti.ivr.api;

import java.util.concurrent.CompletionStage;

/**
 * Port: stores a post-call satisfaction rating on the call, the matter and the agent (art. 14, 15).
 * Bound by the server to the call-record / matter services. Must not block; the IVR applies its own timeout
 * (a failure is the server's to alarm: the caller is thanked anyway).
 */
@FunctionalInterface
public interface SurveyRecorder {

    CompletionStage<Void> record(SurveyResponse response);
}
