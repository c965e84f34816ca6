package cn.hotline12345.cti.caller.api;

import java.time.Instant;

/**
 * An open hotline matter (热线事项) raised from the caller's number, as the profile shows it.
 *
 * @param number       the matter number told to callers
 * @param status       the matter workflow's status (its spelling)
 * @param deadlineAt   when the handling unit must finish, null if not dispatched yet
 * @param confidential whether the reporter's identity is protected (art. 11)
 * @param takenBy      the agent who took it
 */
public record MatterSummary(long matterId, String number, String category, String status, Instant createdAt,
                            Instant deadlineAt, boolean confidential, String takenBy) {
}
