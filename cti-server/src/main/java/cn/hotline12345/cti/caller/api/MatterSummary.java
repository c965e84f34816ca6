package cn.hotline12345.cti.caller.api;

import java.time.Instant;

/**
 * An open hotline matter (热线事项) raised from the caller's number, as the profile shows it.
 *
 * @param number         the matter number told to callers
 * @param status         the matter workflow's status (its spelling)
 * @param deadlineAt     when the handling unit must finish, null if not dispatched yet
 * @param confidential   whether the reporter's identity is protected (art. 11)
 * @param takenBy        the agent who took it
 * @param originPbxId    the PBX of the call that opened it, or null (typed in, another channel)
 * @param originLinkedid the call that opened it, or null: a call's own draft is not an earlier matter of the caller
 */
public record MatterSummary(long matterId, String number, String category, String status, Instant createdAt,
                            Instant deadlineAt, boolean confidential, String takenBy, String originPbxId,
                            String originLinkedid) {

    /** Without the call that opened it. */
    public MatterSummary(long matterId, String number, String category, String status, Instant createdAt,
                         Instant deadlineAt, boolean confidential, String takenBy) {
        this(matterId, number, category, status, createdAt, deadlineAt, confidential, takenBy, null, null);
    }

    /** Whether the call {@code pbxId/linkedid} opened this matter. */
    public boolean openedBy(String pbxId, String linkedid) {
        return linkedid != null && linkedid.equals(originLinkedid) && java.util.Objects.equals(pbxId, originPbxId);
    }

    /** A draft: opened when a call reached an agent, not yet accepted by the hotline. */
    public boolean draft() {
        return "draft".equals(status);
    }
}
