package cn.hotline12345.cti.matter.internal;

import cn.hotline12345.cti.matter.api.Attachment;
import cn.hotline12345.cti.matter.api.MatterException;
import cn.hotline12345.cti.matter.api.MatterStatus;
import cn.hotline12345.cti.matter.api.UnitRole;
import cn.hotline12345.cti.matter.api.UnitShare;
import cn.hotline12345.cti.platform.db.Db;
import io.vertx.core.Future;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static cn.hotline12345.schema.jooq.Tables.HANDLING_UNIT;
import static cn.hotline12345.schema.jooq.Tables.MATTER;
import static cn.hotline12345.schema.jooq.Tables.MATTER_ATTACHMENT;
import static cn.hotline12345.schema.jooq.Tables.MATTER_TRANSITION;
import static cn.hotline12345.schema.jooq.Tables.MATTER_UNIT;

/**
 * Persistence of what the unit portal adds to a matter (issue 24): each unit's share (a co-handling unit's signing and
 * reply) and the attachments. A share move or an upload locks the matter's row, so it is ordered with every other
 * change of the matter ({@link MatterRepository#mutate} takes the same lock), records a transition and bumps the
 * matter's version (a form opened before it is stale).
 */
public final class UnitShareRepository {

    /** What a share move decides from: the matter's state and the unit's share, read under the matter's lock. */
    public record ShareState(long matterId, String number, MatterStatus status, UnitShare share, int attachments) {
    }

    /** What to write: the share's new signing time or reply (null: unchanged) and the transition's reason. */
    public record ShareChange(Instant signedAt, String reply, Instant repliedAt, String reason) {
    }

    /** A new attachment's content and facts. */
    public record NewAttachment(String fileName, String mediaType, byte[] content, String sha256, String uploadedBy) {
    }

    private final Db db;
    private final java.time.Clock clock;

    public UnitShareRepository(Db db, java.time.Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Every unit's share of each matter, lead first. */
    public Future<List<UnitShare>> shares(long matterId) {
        return db.query(dsl -> shares(dsl, List.of(matterId)).stream().map(ShareRow::share).toList());
    }

    /** One unit's share of each of these matters (absent: not one of its matters). */
    public Future<java.util.Map<Long, UnitShare>> sharesOf(String unitId, Collection<Long> matterIds) {
        return db.query(dsl -> {
            java.util.Map<Long, UnitShare> out = new java.util.HashMap<>();
            for (ShareRow r : shares(dsl, matterIds)) {
                if (r.share().unitId().equals(unitId)) {
                    out.put(r.matterId(), r.share());
                }
            }
            return out;
        });
    }

    private record ShareRow(long matterId, UnitShare share) {
    }

    private static List<ShareRow> shares(DSLContext dsl, Collection<Long> matterIds) {
        if (matterIds.isEmpty()) {
            return List.of();
        }
        return dsl.select(MATTER_UNIT.MATTER_ID, MATTER_UNIT.UNIT_ID, HANDLING_UNIT.NAME, MATTER_UNIT.ROLE,
                        MATTER_UNIT.SIGNED_AT, MATTER_UNIT.REPLY, MATTER_UNIT.REPLIED_AT)
                .from(MATTER_UNIT).join(HANDLING_UNIT).on(HANDLING_UNIT.ID.eq(MATTER_UNIT.UNIT_ID))
                .where(MATTER_UNIT.MATTER_ID.in(matterIds))
                .orderBy(MATTER_UNIT.MATTER_ID, MATTER_UNIT.ROLE.desc(), MATTER_UNIT.UNIT_ID)
                .fetch(r -> new ShareRow(r.value1(), new UnitShare(r.value2(), r.value3(),
                        UnitRole.parse(r.value4(), "role"), instant(r.value5()), r.value6(), instant(r.value7()))));
    }

    /**
     * Reads the matter and the unit's share under the matter's row lock, lets {@code decide} check and compute the
     * change (a {@link MatterException} rolls everything back), writes the share, a transition and the new version.
     * A matter the unit is not part of is "not found".
     */
    public Future<Void> moveShare(long matterId, String unitId, String actor, Function<ShareState, ShareChange> decide) {
        return db.tx(dsl -> {
            ShareState st = lockedState(dsl, matterId, unitId);
            ShareChange c = decide.apply(st);
            var update = dsl.update(MATTER_UNIT).set(MATTER_UNIT.ROLE, MATTER_UNIT.ROLE);
            if (c.signedAt() != null) {
                update = update.set(MATTER_UNIT.SIGNED_AT, MatterRowRepository.odt(c.signedAt()));
            }
            if (c.reply() != null) {
                update = update.set(MATTER_UNIT.REPLY, c.reply()).set(MATTER_UNIT.REPLIED_AT,
                        MatterRowRepository.odt(c.repliedAt()));
            }
            update.where(MATTER_UNIT.MATTER_ID.eq(matterId)).and(MATTER_UNIT.UNIT_ID.eq(unitId)).execute();
            touch(dsl, st, actor, c.reason(), clock.instant());
            return null;
        });
    }

    /**
     * Adds an attachment after {@code check} accepted the matter's state (under its lock, so the count per unit
     * cannot be overrun by two uploads at once).
     */
    public Future<Attachment> attach(long matterId, String unitId, String actor, NewAttachment a,
                                     java.util.function.Consumer<ShareState> check) {
        return db.tx(dsl -> {
            ShareState st = lockedState(dsl, matterId, unitId);
            check.accept(st);
            Instant now = clock.instant();
            long id = dsl.insertInto(MATTER_ATTACHMENT).set(MATTER_ATTACHMENT.MATTER_ID, matterId)
                    .set(MATTER_ATTACHMENT.UNIT_ID, unitId).set(MATTER_ATTACHMENT.FILE_NAME, a.fileName())
                    .set(MATTER_ATTACHMENT.MEDIA_TYPE, a.mediaType()).set(MATTER_ATTACHMENT.SIZE_BYTES, a.content().length)
                    .set(MATTER_ATTACHMENT.SHA256, a.sha256()).set(MATTER_ATTACHMENT.CONTENT, a.content())
                    .set(MATTER_ATTACHMENT.UPLOADED_BY, a.uploadedBy())
                    .set(MATTER_ATTACHMENT.CREATED_AT, MatterRowRepository.odt(now))
                    .returning(MATTER_ATTACHMENT.ID).fetchOne(MATTER_ATTACHMENT.ID);
            touch(dsl, st, actor, "attachment added: " + a.fileName(), now);
            return attachments(dsl, matterId).stream().filter(x -> x.id() == id).findFirst().orElseThrow();
        });
    }

    /** The matter's attachments, oldest first (no content). */
    public Future<List<Attachment>> attachments(long matterId) {
        return db.query(dsl -> attachments(dsl, matterId));
    }

    /** One attachment of one matter with its content; empty when it is not that matter's. */
    public Future<Optional<java.util.Map.Entry<Attachment, byte[]>>> content(long matterId, long attachmentId) {
        return db.query(dsl -> {
            Record r = dsl.select(MATTER_ATTACHMENT.fields()).select(HANDLING_UNIT.NAME).from(MATTER_ATTACHMENT)
                    .join(HANDLING_UNIT).on(HANDLING_UNIT.ID.eq(MATTER_ATTACHMENT.UNIT_ID))
                    .where(MATTER_ATTACHMENT.ID.eq(attachmentId)).and(MATTER_ATTACHMENT.MATTER_ID.eq(matterId))
                    .fetchOne();
            return r == null ? Optional.empty() : Optional.of(java.util.Map.entry(attachment(r),
                    r.get(MATTER_ATTACHMENT.CONTENT)));
        });
    }

    private static List<Attachment> attachments(DSLContext dsl, long matterId) {
        return dsl.select(MATTER_ATTACHMENT.ID, MATTER_ATTACHMENT.MATTER_ID, MATTER_ATTACHMENT.UNIT_ID,
                        MATTER_ATTACHMENT.FILE_NAME, MATTER_ATTACHMENT.MEDIA_TYPE, MATTER_ATTACHMENT.SIZE_BYTES,
                        MATTER_ATTACHMENT.SHA256, MATTER_ATTACHMENT.UPLOADED_BY, MATTER_ATTACHMENT.CREATED_AT)
                .select(HANDLING_UNIT.NAME).from(MATTER_ATTACHMENT)
                .join(HANDLING_UNIT).on(HANDLING_UNIT.ID.eq(MATTER_ATTACHMENT.UNIT_ID))
                .where(MATTER_ATTACHMENT.MATTER_ID.eq(matterId)).orderBy(MATTER_ATTACHMENT.ID)
                .fetch(UnitShareRepository::attachment);
    }

    private static Attachment attachment(Record r) {
        return new Attachment(r.get(MATTER_ATTACHMENT.ID), r.get(MATTER_ATTACHMENT.MATTER_ID),
                r.get(MATTER_ATTACHMENT.UNIT_ID), r.get(HANDLING_UNIT.NAME), r.get(MATTER_ATTACHMENT.FILE_NAME),
                r.get(MATTER_ATTACHMENT.MEDIA_TYPE), r.get(MATTER_ATTACHMENT.SIZE_BYTES), r.get(MATTER_ATTACHMENT.SHA256),
                r.get(MATTER_ATTACHMENT.UPLOADED_BY), instant(r.get(MATTER_ATTACHMENT.CREATED_AT)));
    }

    private static ShareState lockedState(DSLContext dsl, long matterId, String unitId) {
        var m = dsl.select(MATTER.ID, MATTER.NUMBER, MATTER.STATUS).from(MATTER).where(MATTER.ID.eq(matterId))
                .forUpdate().fetchOne();
        UnitShare share = m == null ? null : shares(dsl, List.of(matterId)).stream().map(ShareRow::share)
                .filter(s -> s.unitId().equals(unitId)).findFirst().orElse(null);
        if (share == null) {
            // not one of the unit's matters: as if it did not exist (a unit cannot probe other matters)
            throw MatterException.notFound("matter " + matterId);
        }
        int count = dsl.fetchCount(MATTER_ATTACHMENT, MATTER_ATTACHMENT.MATTER_ID.eq(matterId)
                .and(MATTER_ATTACHMENT.UNIT_ID.eq(unitId)));
        return new ShareState(matterId, m.value2(), MatterStatus.fromDb(m.value3()), share, count);
    }

    /** The transition of a share move (the status stays) and the matter's new version. */
    private static void touch(DSLContext dsl, ShareState st, String actor, String reason, Instant now) {
        dsl.insertInto(MATTER_TRANSITION).set(MATTER_TRANSITION.MATTER_ID, st.matterId())
                .set(MATTER_TRANSITION.FROM_STATUS, st.status().dbName()).set(MATTER_TRANSITION.TO_STATUS, st.status().dbName())
                .set(MATTER_TRANSITION.ACTOR, actor).set(MATTER_TRANSITION.REASON, reason)
                .set(MATTER_TRANSITION.AT, MatterRowRepository.odt(now)).execute();
        dsl.update(MATTER).set(MATTER.VERSION, MATTER.VERSION.plus(1)).set(MATTER.UPDATED_AT, MatterRowRepository.odt(now))
                .where(MATTER.ID.eq(st.matterId())).execute();
    }

    private static Instant instant(java.time.OffsetDateTime o) {
        return o == null ? null : o.toInstant();
    }
}
