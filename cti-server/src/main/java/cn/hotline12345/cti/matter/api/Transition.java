package cn.hotline12345.cti.matter.api;

import java.time.Instant;

/** One recorded move of a matter: who, when, why. */
public record Transition(long id, long matterId, MatterStatus from, MatterStatus to, String actor, String reason,
                         Instant at) {
}
