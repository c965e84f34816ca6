package cn.hotline12345.cti.matter.api;

import java.time.Instant;

/** A unit's request (extension, termination) or return, with its review. */
public record MatterRequest(long id, long matterId, RequestKind kind, String unitId, String reason,
                            Instant requestedDeadline, RequestStatus status, String decidedBy, Instant decidedAt,
                            String decisionNote, Instant createdAt) {
}
