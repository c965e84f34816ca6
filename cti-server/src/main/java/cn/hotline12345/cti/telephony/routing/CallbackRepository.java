package cn.hotline12345.cti.telephony.routing;

import org.jooq.DSLContext;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static cn.hotline12345.schema.jooq.Tables.CALLBACK_REQUEST;

/** Callback requests: creation (idempotent per call), the due list in order, and the status moves. */
public final class CallbackRepository {

    /** Inserts a request (status pending, or refused with a reason); false when the call already has one. */
    public boolean create(DSLContext dsl, CallbackRequest r, String refusedReason, Instant now) {
        return dsl.insertInto(CALLBACK_REQUEST)
                .set(CALLBACK_REQUEST.PBX_ID, r.pbxId())
                .set(CALLBACK_REQUEST.LINKEDID, r.linkedid())
                .set(CALLBACK_REQUEST.NUMBER, r.number())
                .set(CALLBACK_REQUEST.QUEUE_NAME, r.queue())
                .set(CALLBACK_REQUEST.PRIORITY, r.priority())
                .set(CALLBACK_REQUEST.REQUESTED_AT, odt(r.requestedAt()))
                .set(CALLBACK_REQUEST.STATUS, refusedReason == null ? "pending" : "refused")
                .set(CALLBACK_REQUEST.LAST_ERROR, refusedReason)
                .set(CALLBACK_REQUEST.UPDATED_AT, odt(now))
                .onConflictDoNothing()
                .execute() == 1;
    }

    /** Pending requests of a PBX whose next attempt is due, highest priority first, then who asked first. */
    public List<CallbackRequest> due(DSLContext dsl, String pbxId, Instant now, int limit) {
        return dsl.selectFrom(CALLBACK_REQUEST)
                .where(CALLBACK_REQUEST.PBX_ID.eq(pbxId).and(CALLBACK_REQUEST.STATUS.eq("pending"))
                        .and(CALLBACK_REQUEST.NEXT_ATTEMPT_AT.isNull().or(CALLBACK_REQUEST.NEXT_ATTEMPT_AT.le(odt(now)))))
                .orderBy(CALLBACK_REQUEST.PRIORITY.desc(), CALLBACK_REQUEST.REQUESTED_AT.asc(), CALLBACK_REQUEST.ID.asc())
                .limit(limit)
                .fetch(r -> new CallbackRequest(r.getId(), r.getPbxId(), r.getLinkedid(), r.getNumber(), r.getQueueName(),
                        r.getPriority(), r.getRequestedAt().toInstant(), r.getStatus(), r.getAttempts()));
    }

    /** pending → dialing, counting the attempt; false when someone else took it. */
    public boolean markDialing(DSLContext dsl, long id, Instant now) {
        return dsl.update(CALLBACK_REQUEST).set(CALLBACK_REQUEST.STATUS, "dialing")
                .set(CALLBACK_REQUEST.ATTEMPTS, CALLBACK_REQUEST.ATTEMPTS.plus(1))
                .set(CALLBACK_REQUEST.UPDATED_AT, odt(now))
                .where(CALLBACK_REQUEST.ID.eq(id).and(CALLBACK_REQUEST.STATUS.eq("pending"))).execute() == 1;
    }

    public void markConnected(DSLContext dsl, long id, Instant now) {
        dsl.update(CALLBACK_REQUEST).set(CALLBACK_REQUEST.STATUS, "connected").set(CALLBACK_REQUEST.UPDATED_AT, odt(now))
                .setNull(CALLBACK_REQUEST.LAST_ERROR)
                .where(CALLBACK_REQUEST.ID.eq(id).and(CALLBACK_REQUEST.STATUS.eq("dialing"))).execute();
    }

    /** dialing → pending with the next attempt at {@code retryAt}, or failed once {@code maxAttempts} are used. */
    public void attemptFailed(DSLContext dsl, long id, Instant now, Instant retryAt, int maxAttempts, String error) {
        String err = error == null ? "" : error.length() > 200 ? error.substring(0, 200) : error;
        dsl.update(CALLBACK_REQUEST)
                .set(CALLBACK_REQUEST.STATUS, org.jooq.impl.DSL.when(CALLBACK_REQUEST.ATTEMPTS.ge(maxAttempts), "failed")
                        .otherwise("pending"))
                .set(CALLBACK_REQUEST.NEXT_ATTEMPT_AT, odt(retryAt))
                .set(CALLBACK_REQUEST.LAST_ERROR, err)
                .set(CALLBACK_REQUEST.UPDATED_AT, odt(now))
                .where(CALLBACK_REQUEST.ID.eq(id).and(CALLBACK_REQUEST.STATUS.eq("dialing"))).execute();
    }

    /** Requests left dialing by a server that stopped mid-dial go back to pending; returns how many. */
    public int recoverDialing(DSLContext dsl, Instant olderThan, Instant now) {
        return dsl.update(CALLBACK_REQUEST).set(CALLBACK_REQUEST.STATUS, "pending")
                .set(CALLBACK_REQUEST.UPDATED_AT, odt(now))
                .where(CALLBACK_REQUEST.STATUS.eq("dialing").and(CALLBACK_REQUEST.UPDATED_AT.lt(odt(olderThan))))
                .execute();
    }

    private static OffsetDateTime odt(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
