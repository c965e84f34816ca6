package cn.hotline12345.cti.caller.api;

import java.time.Instant;

/**
 * One 重复诉求并单 (merge of a repeated demand into an earlier matter), and its split if it was undone.
 *
 * @param primaryMatterId the matter that carries on
 * @param mergedMatterId  the duplicate folded into it
 */
public record MatterMerge(long id, long primaryMatterId, long mergedMatterId, String reason, String mergedBy,
                          Instant mergedAt, String splitBy, Instant splitAt, String splitReason) {
}
