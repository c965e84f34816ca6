package cn.hotline12345.cti.matter.internal;


import static cn.hotline12345.cti.matter.internal.MatterRowRepository.load;
import static cn.hotline12345.cti.matter.internal.MatterRowRepository.odt;
import static cn.hotline12345.cti.matter.internal.MatterRowRepository.escapeLike;
import static cn.hotline12345.cti.matter.internal.MatterRowRepository.matter;
import cn.hotline12345.cti.matter.api.Matter;

import cn.hotline12345.cti.matter.api.MatterQuery;
import cn.hotline12345.cti.matter.api.MatterStatus;
import cn.hotline12345.cti.matter.api.MatterSummary;
import cn.hotline12345.cti.platform.db.Db;
import io.vertx.core.Future;
import org.jooq.Condition;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static cn.hotline12345.schema.jooq.Tables.HANDLING_UNIT;
import static cn.hotline12345.schema.jooq.Tables.MATTER;
import static cn.hotline12345.schema.jooq.Tables.MATTER_REQUEST;
import static cn.hotline12345.schema.jooq.Tables.MATTER_UNIT;

/**
 * The matter lists: the search behind the matter list pages (filters, a unit's view, the confidentiality rule), a
 * caller's matters (the profile, the IVR's status lookup) and the supervision candidates. Rows become
 * {@link MatterSummary} or whole matters through {@link MatterRowRepository}.
 */
final class MatterListRepository {

    private final Db db;

    MatterListRepository(Db db) {
        this.db = db;
    }

    /** Matter lists: the query's filters; a unit's view when {@code q.unitId()} is set (lead or co). */
    public Future<List<MatterSummary>> search(MatterQuery q) {
        return db.query(dsl -> {
            List<Condition> where = new ArrayList<>();
            if (q.status() != null) {
                where.add(MATTER.STATUS.eq(q.status().dbName()));
            }
            if (q.category() != null) {
                where.add(MATTER.CATEGORY.eq(q.category().code()));
            }
            if (q.channel() != null) {
                where.add(MATTER.CHANNEL.eq(q.channel().code()));
            }
            if (q.unitId() != null) {
                where.add(DSL.exists(DSL.selectOne().from(MATTER_UNIT).where(MATTER_UNIT.MATTER_ID.eq(MATTER.ID))
                        .and(MATTER_UNIT.UNIT_ID.eq(q.unitId()))));
            }
            if (q.contactNumberNorm() != null) {
                where.add(MATTER.CONTACT_NUMBER_NORM.eq(q.contactNumberNorm()));
            }
            if (q.text() != null && !q.text().isBlank()) {
                String like = "%" + escapeLike(q.text().trim()) + "%";
                where.add(MATTER.NUMBER.likeIgnoreCase(like, '\\').or(MATTER.SUBJECT.likeIgnoreCase(like, '\\'))
                        .or(MATTER.CONTENT.likeIgnoreCase(like, '\\')));
            }
            if (q.from() != null) {
                where.add(MATTER.CREATED_AT.ge(odt(q.from())));
            }
            if (q.to() != null) {
                where.add(MATTER.CREATED_AT.lt(odt(q.to())));
            }
            if (q.confidentialTakenBy() != null) {
                where.add(MATTER.CONFIDENTIAL.isFalse().or(MATTER.TAKEN_BY.eq(q.confidentialTakenBy())));
            }
            int limit = Math.max(1, Math.min(q.limit() <= 0 ? 100 : q.limit(), 500));
            return dsl.select(MATTER.fields()).select(HANDLING_UNIT.NAME).from(MATTER)
                    .leftJoin(HANDLING_UNIT).on(HANDLING_UNIT.ID.eq(MATTER.LEAD_UNIT_ID))
                    .where(where).orderBy(MATTER.CREATED_AT.desc(), MATTER.ID.desc()).limit(limit)
                    .fetch(MatterRowRepository::summary);
        });
    }

    /** Matters open for a caller, or all of the caller's latest ones. */
    public Future<List<MatterSummary>> byContact(String numberNorm, boolean openOnly, int limit) {
        return db.query(dsl -> {
            Condition c = MATTER.CONTACT_NUMBER_NORM.eq(numberNorm);
            if (openOnly) {
                c = c.and(MATTER.STATUS.notIn(finalStates()));
            }
            return dsl.select(MATTER.fields()).select(HANDLING_UNIT.NAME).from(MATTER)
                    .leftJoin(HANDLING_UNIT).on(HANDLING_UNIT.ID.eq(MATTER.LEAD_UNIT_ID))
                    .where(c).orderBy(MATTER.CREATED_AT.desc(), MATTER.ID.desc()).limit(limit)
                    .fetch(MatterRowRepository::summary);
        });
    }

    /**
     * Supervision candidates: matters not final that are due before {@code dueBefore}, or in a state that
     * needs the hotline (returned, reopened, escalated, termination requested), or rated dissatisfied.
     */
    public Future<List<Matter>> supervisionCandidates(Instant dueBefore, int limit) {
        return db.query(dsl -> dsl.select(MATTER.ID).from(MATTER)
                .where(MATTER.STATUS.notIn(finalStates()))
                .and(MATTER.DEADLINE_AT.le(odt(dueBefore))
                        .or(MATTER.STATUS.in("returned", "reopened", "escalated", "termination_requested"))
                        .or(MATTER.REOPEN_COUNT.gt(0)).or(MATTER.SATISFACTION.eq("dissatisfied"))
                        .or(DSL.exists(DSL.selectOne().from(MATTER_REQUEST).where(MATTER_REQUEST.MATTER_ID.eq(MATTER.ID))
                                .and(MATTER_REQUEST.STATUS.eq("pending")))))
                .orderBy(MATTER.DEADLINE_AT.asc().nullsLast(), MATTER.ID).limit(limit)
                .fetch(MATTER.ID).stream().map(id -> load(dsl, id, false).orElseThrow()).toList());
    }

    private static List<String> finalStates() {
        return MatterStatus.finalDbNames();
    }
}
