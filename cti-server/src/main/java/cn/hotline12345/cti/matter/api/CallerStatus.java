package cn.hotline12345.cti.matter.api;

import java.time.Instant;
import java.util.List;

/**
 * The answer of a caller's self-service status lookup (art. 13, 14), for the IVR {@code status} flow.
 * It carries no personal data: state, handling unit, deadline.
 */
public record CallerStatus(Outcome outcome, List<Item> matters) {

    public enum Outcome {
        /** {@link #matters()} holds the matter (or the caller's latest ones). */
        FOUND,
        /** No such matter, or the caller has none. */
        NOT_FOUND,
        /** The matter is confidential and the caller is not the number that reported it. */
        CONFIDENTIAL_DENIED
    }

    /** One matter's progress. */
    public record Item(String number, MatterCategory category, MatterStatus status, String unitName,
                       Instant deadlineAt, Instant createdAt) {
    }

    public CallerStatus {
        matters = List.copyOf(matters);
    }
}
