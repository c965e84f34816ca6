package cn.hotline12345.cti.ivr.api;

import java.util.concurrent.CompletionStage;

/**
 * Port: stores the answers of an outbound revisit (回访) call of a closed matter (art. 25). When
 * {@link RevisitResponse#dissatisfied()} the bound matter service reopens the matter. Must not block; the IVR
 * applies its own timeout.
 */
@FunctionalInterface
public interface RevisitRecorder {

    CompletionStage<Void> record(RevisitResponse response);
}
