package cn.hotline12345.cti.knowledge.internal;


import cn.hotline12345.cti.knowledge.api.KnowledgeEntry;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.schema.jooq.tables.records.KnowledgeEntryRecord;
import io.vertx.core.Future;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import cn.hotline12345.cti.knowledge.api.KnowledgeException;

import static cn.hotline12345.schema.jooq.Tables.HANDLING_UNIT;
import static cn.hotline12345.schema.jooq.Tables.KNOWLEDGE_ENTRY;

/**
 * The knowledge base in PostgreSQL. Search is substring matching ({@code ILIKE '%term%'}) on title and
 * body, served by the pg_trgm GIN indexes of V1, plus exact tag matches; see {@code docs/knowledge-search.md}
 * for why this, rather than {@code tsvector}, fits Chinese text.
 */
public final class KnowledgeRepository {

    private final Db db;

    public KnowledgeRepository(Db db) {
        this.db = db;
    }

    /**
     * The handling unit an entry names as its source, by id or by its name (an editor types 市人社局's name, not its
     * id): its id, null for none, or a 400 on {@code sourceUnit} (issue 19: an unknown unit was a foreign-key 500).
     */
    private static String unitId(org.jooq.DSLContext dsl, String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            return null;
        }
        String v = idOrName.strip();
        return dsl.select(HANDLING_UNIT.ID).from(HANDLING_UNIT)
                .where(HANDLING_UNIT.ID.eq(v).or(HANDLING_UNIT.NAME.eq(v)))
                .orderBy(DSL.when(HANDLING_UNIT.ID.eq(v), 0).otherwise(1)).limit(1)
                .fetchOptional(HANDLING_UNIT.ID)
                .orElseThrow(() -> KnowledgeException.invalid("sourceUnit", "not a handling unit's id or name"));
    }

    public Future<KnowledgeEntry> insert(KnowledgeEntry e, Instant now) {
        return db.query(dsl -> map(dsl.insertInto(KNOWLEDGE_ENTRY).set(KNOWLEDGE_ENTRY.TITLE, e.title())
                .set(KNOWLEDGE_ENTRY.BODY, e.body()).set(KNOWLEDGE_ENTRY.TAGS, e.tags().toArray(String[]::new))
                .set(KNOWLEDGE_ENTRY.SOURCE_UNIT, unitId(dsl, e.sourceUnit())).set(KNOWLEDGE_ENTRY.VALID_FROM, e.validFrom())
                .set(KNOWLEDGE_ENTRY.VALID_TO, e.validTo()).set(KNOWLEDGE_ENTRY.IVR_TOPIC, topic(e))
                .set(KNOWLEDGE_ENTRY.CREATED_AT, now.atOffset(ZoneOffset.UTC))
                .set(KNOWLEDGE_ENTRY.UPDATED_AT, now.atOffset(ZoneOffset.UTC)).returning().fetchOne()));
    }

    public Future<Optional<KnowledgeEntry>> update(KnowledgeEntry e, Instant now) {
        return db.query(dsl -> Optional.ofNullable(dsl.update(KNOWLEDGE_ENTRY).set(KNOWLEDGE_ENTRY.TITLE, e.title())
                .set(KNOWLEDGE_ENTRY.BODY, e.body()).set(KNOWLEDGE_ENTRY.TAGS, e.tags().toArray(String[]::new))
                .set(KNOWLEDGE_ENTRY.SOURCE_UNIT, unitId(dsl, e.sourceUnit())).set(KNOWLEDGE_ENTRY.VALID_FROM, e.validFrom())
                .set(KNOWLEDGE_ENTRY.VALID_TO, e.validTo()).set(KNOWLEDGE_ENTRY.IVR_TOPIC, topic(e))
                .set(KNOWLEDGE_ENTRY.UPDATED_AT, now.atOffset(ZoneOffset.UTC))
                .where(KNOWLEDGE_ENTRY.ID.eq(e.id())).returning().fetchOne()).map(KnowledgeRepository::map));
    }

    public Future<Boolean> delete(long id) {
        return db.query(dsl -> dsl.deleteFrom(KNOWLEDGE_ENTRY).where(KNOWLEDGE_ENTRY.ID.eq(id)).execute() == 1);
    }

    public Future<Optional<KnowledgeEntry>> find(long id) {
        return db.query(dsl -> dsl.selectFrom(KNOWLEDGE_ENTRY).where(KNOWLEDGE_ENTRY.ID.eq(id))
                .fetchOptional(KnowledgeRepository::map));
    }

    /**
     * Entries valid on {@code day} matching any of the terms (each term: substring of title or body, or
     * equal to a tag). Ranked: a term in the title first, then tag hits, then the number of terms found, then
     * trigram similarity of the title, then the newest.
     */
    public Future<List<KnowledgeEntry>> search(List<String> terms, LocalDate day, int limit) {
        return db.query(dsl -> {
            Condition any = DSL.falseCondition();
            Field<Integer> score = DSL.inline(0);
            for (String t : terms) {
                String like = "%" + escape(t) + "%";
                Condition inTitle = KNOWLEDGE_ENTRY.TITLE.likeIgnoreCase(like, '\\');
                Condition inBody = KNOWLEDGE_ENTRY.BODY.likeIgnoreCase(like, '\\');
                Condition inTags = DSL.condition("{0} = any({1})", DSL.val(t), KNOWLEDGE_ENTRY.TAGS);
                any = any.or(inTitle).or(inBody).or(inTags);
                score = score.plus(DSL.when(inTitle, DSL.inline(100)).otherwise(DSL.inline(0)))
                        .plus(DSL.when(inTags, DSL.inline(50)).otherwise(DSL.inline(0)))
                        .plus(DSL.when(inBody, DSL.inline(10)).otherwise(DSL.inline(0)));
            }
            Field<Float> sim = DSL.field("similarity({0}, {1})", Float.class, KNOWLEDGE_ENTRY.TITLE,
                    DSL.val(String.join(" ", terms)));
            Condition valid = KNOWLEDGE_ENTRY.VALID_FROM.isNull().or(KNOWLEDGE_ENTRY.VALID_FROM.le(day))
                    .and(KNOWLEDGE_ENTRY.VALID_TO.isNull().or(KNOWLEDGE_ENTRY.VALID_TO.ge(day)));
            return dsl.selectFrom(KNOWLEDGE_ENTRY).where(any).and(valid)
                    .orderBy(score.desc(), sim.desc(), KNOWLEDGE_ENTRY.UPDATED_AT.desc(), KNOWLEDGE_ENTRY.ID.desc())
                    .limit(limit).fetch(KnowledgeRepository::map);
        });
    }

    /** All entries valid on a day, newest first (browsing without a query). */
    public Future<List<KnowledgeEntry>> listValid(LocalDate day, int limit) {
        return db.query(dsl -> dsl.selectFrom(KNOWLEDGE_ENTRY)
                .where(KNOWLEDGE_ENTRY.VALID_FROM.isNull().or(KNOWLEDGE_ENTRY.VALID_FROM.le(day)))
                .and(KNOWLEDGE_ENTRY.VALID_TO.isNull().or(KNOWLEDGE_ENTRY.VALID_TO.ge(day)))
                .orderBy(KNOWLEDGE_ENTRY.UPDATED_AT.desc(), KNOWLEDGE_ENTRY.ID.desc()).limit(limit)
                .fetch(KnowledgeRepository::map));
    }

    /**
     * The entry the IVR plays for a topic on {@code day}: valid that day, the last changed first (one entry may
     * replace another from a date on).
     */
    public Future<Optional<KnowledgeEntry>> forIvrTopic(int topic, LocalDate day) {
        return db.query(dsl -> dsl.selectFrom(KNOWLEDGE_ENTRY).where(KNOWLEDGE_ENTRY.IVR_TOPIC.eq((short) topic))
                .and(KNOWLEDGE_ENTRY.VALID_FROM.isNull().or(KNOWLEDGE_ENTRY.VALID_FROM.le(day)))
                .and(KNOWLEDGE_ENTRY.VALID_TO.isNull().or(KNOWLEDGE_ENTRY.VALID_TO.ge(day)))
                .orderBy(KNOWLEDGE_ENTRY.UPDATED_AT.desc(), KNOWLEDGE_ENTRY.ID.desc()).limit(1)
                .fetchOptional(KnowledgeRepository::map));
    }

    /** Every entry that carries an IVR topic (valid or not: their audio is kept ready). */
    public Future<List<KnowledgeEntry>> withIvrTopic() {
        return db.query(dsl -> dsl.selectFrom(KNOWLEDGE_ENTRY).where(KNOWLEDGE_ENTRY.IVR_TOPIC.isNotNull())
                .orderBy(KNOWLEDGE_ENTRY.ID).fetch(KnowledgeRepository::map));
    }

    /** How many entries there are (the demo seeds an empty knowledge base only). */
    public Future<Integer> count() {
        return db.query(dsl -> dsl.fetchCount(KNOWLEDGE_ENTRY));
    }

    private static Short topic(KnowledgeEntry e) {
        return e.ivrTopic() == null ? null : e.ivrTopic().shortValue();
    }

    private static KnowledgeEntry map(KnowledgeEntryRecord r) {
        return new KnowledgeEntry(r.getId(), r.getTitle(), r.getBody(),
                r.getTags() == null ? List.of() : Arrays.asList(r.getTags()), r.getSourceUnit(), r.getValidFrom(),
                r.getValidTo(), r.getCreatedAt().toInstant(), r.getUpdatedAt().toInstant(),
                r.getIvrTopic() == null ? null : r.getIvrTopic().intValue());
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
