package cn.hotline12345.cti.privacy.api;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static cn.hotline12345.schema.jooq.Tables.AUDIT_LOG;

/**
 * Writes and reads {@code audit_log}. Writers pass their own transaction's context, so a change and its audit
 * entry commit together or not at all.
 */
public final class AuditRepository {

    /** Appends one entry in the given transaction and returns its id. */
    public long append(DSLContext dsl, AuditEntry e) {
        return dsl.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.AT, OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC))
                .set(AUDIT_LOG.ACTOR, e.actor())
                .set(AUDIT_LOG.ACTION, e.action())
                .set(AUDIT_LOG.SUBJECT, e.subject())
                .set(AUDIT_LOG.REASON, e.reason())
                .set(AUDIT_LOG.DETAIL, JSONB.valueOf(toJson(e.detail())))
                .returning(AUDIT_LOG.ID)
                .fetchOne(AUDIT_LOG.ID);
    }

    /** Newest first. */
    public List<AuditEntry> find(DSLContext dsl, AuditQuery q) {
        List<Condition> where = new ArrayList<>();
        if (q.subject() != null) {
            where.add(AUDIT_LOG.SUBJECT.eq(q.subject()));
        }
        if (q.actor() != null) {
            where.add(AUDIT_LOG.ACTOR.eq(q.actor()));
        }
        if (q.action() != null) {
            where.add(AUDIT_LOG.ACTION.eq(q.action()));
        }
        if (q.from() != null) {
            where.add(AUDIT_LOG.AT.ge(OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC)));
        }
        if (q.to() != null) {
            where.add(AUDIT_LOG.AT.lt(OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC)));
        }
        return dsl.select(AUDIT_LOG.ID, AUDIT_LOG.AT, AUDIT_LOG.ACTOR, AUDIT_LOG.ACTION, AUDIT_LOG.SUBJECT,
                        AUDIT_LOG.REASON, DSL.field("detail::text", String.class))
                .from(AUDIT_LOG)
                .where(where)
                .orderBy(AUDIT_LOG.AT.desc(), AUDIT_LOG.ID.desc())
                .limit(q.limit())
                .fetch(r -> new AuditEntry(r.value1(), r.value2().toInstant(), r.value3(), r.value4(), r.value5(),
                        r.value6(), fromJson(r.value7())));
    }

    /** JSON for a flat string map (see {@link cn.hotline12345.cti.platform.db.FlatJson}). */
    static String toJson(Map<String, String> m) {
        return cn.hotline12345.cti.platform.db.FlatJson.of(m);
    }

    /** Reads back what {@link #toJson} wrote (PostgreSQL re-formats jsonb, so parse generously). */
    static Map<String, String> fromJson(String json) {
        Map<String, String> out = new TreeMap<>();
        if (json == null) {
            return out;
        }
        int i = json.indexOf('{') + 1;
        while (i > 0 && i < json.length()) {
            i = skipWs(json, i);
            if (i >= json.length() || json.charAt(i) == '}') {
                break;
            }
            StringBuilder key = new StringBuilder();
            i = readString(json, i, key);
            i = skipWs(json, i);
            i++; // ':'
            i = skipWs(json, i);
            String value;
            if (json.startsWith("null", i)) {
                value = null;
                i += 4;
            } else {
                StringBuilder v = new StringBuilder();
                i = readString(json, i, v);
                value = v.toString();
            }
            out.put(key.toString(), value);
            i = skipWs(json, i);
            if (i < json.length() && json.charAt(i) == ',') {
                i++;
            }
        }
        return out;
    }

    private static int skipWs(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int readString(String s, int i, StringBuilder out) {
        i++; // opening quote
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i < s.length()) {
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> out.append(e);
                }
            } else {
                out.append(c);
            }
        }
        return i;
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
