package cn.hotline12345.cti.call.internal;

import org.jooq.DSLContext;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Asterisk's own call records (schema {@code asterisk}, V80: {@code cel} as cel_pgsql writes it,
 * {@code queue_log} as app_queue's realtime store writes it). Read only: the server never writes these tables
 * (Asterisk and pbx-sim do). Times there are UTC without a zone (cel_pgsql {@code usegmtime = yes}, logger
 * {@code queue_log_realtime_use_gmt = yes}). Plain JDBC with array parameters: one round trip per table per batch.
 * Blocking: runs on the database worker.
 */
public final class AsteriskRecordRepository {

    private final DSLContext dsl;

    public AsteriskRecordRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A call's end as CEL marks it: LINKEDID_END. */
    public record Ended(String linkedid, Instant at) {
    }

    /**
     * Calls of this PBX whose LINKEDID_END lies in {@code [from, to)}, after the key {@code (afterAt, afterLinkedid)}
     * (keyset paging; null for the first page), oldest first, at most {@code limit}.
     */
    public List<Ended> ended(String pbxId, Instant from, Instant to, Instant afterAt, String afterLinkedid, int limit) {
        String sql = "select linkedid, eventtime from asterisk.cel where pbx_id = ? and eventtype = 'LINKEDID_END' "
                + "and eventtime >= ? and eventtime < ? "
                + (afterAt == null ? "" : "and (eventtime, linkedid) > (?, ?) ")
                + "order by eventtime, linkedid limit ?";
        return dsl.connectionResult(c -> {
            try (PreparedStatement st = c.prepareStatement(sql)) {
                int i = 1;
                st.setString(i++, pbxId);
                st.setObject(i++, utc(from));
                st.setObject(i++, utc(to));
                if (afterAt != null) {
                    st.setObject(i++, utc(afterAt));
                    st.setString(i++, afterLinkedid);
                }
                st.setInt(i, limit);
                List<Ended> out = new ArrayList<>();
                Set<String> seen = new java.util.HashSet<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        if (seen.add(rs.getString(1))) {
                            out.add(new Ended(rs.getString(1), instant(rs.getObject(2, LocalDateTime.class))));
                        }
                    }
                }
                return out;
            }
        });
    }

    /** The CEL and queue_log rows of these calls, keyed by Linkedid (calls without CEL rows are absent). */
    public Map<String, AsteriskRows> rows(String pbxId, Collection<String> linkedids) {
        if (linkedids.isEmpty()) {
            return Map.of();
        }
        return dsl.connectionResult(c -> {
            Map<String, List<AsteriskRows.Cel>> cel = cel(c, pbxId, linkedids);
            Map<String, String> callOf = new HashMap<>();
            cel.forEach((linkedid, rows) -> rows.forEach(r -> callOf.putIfAbsent(r.uniqueid(), linkedid)));
            Map<String, List<AsteriskRows.QueueLog>> ql = new HashMap<>();
            for (AsteriskRows.QueueLog q : queueLog(c, pbxId, callOf.keySet())) {
                String linkedid = callOf.get(q.callid());
                if (linkedid != null) {
                    ql.computeIfAbsent(linkedid, k -> new ArrayList<>()).add(q);
                }
            }
            Map<String, AsteriskRows> out = new LinkedHashMap<>();
            cel.forEach((linkedid, rows) -> out.put(linkedid,
                    new AsteriskRows(pbxId, linkedid, rows, ql.getOrDefault(linkedid, List.of()))));
            return out;
        });
    }

    private static Map<String, List<AsteriskRows.Cel>> cel(Connection c, String pbxId, Collection<String> linkedids)
            throws SQLException {
        String sql = "select id, eventtype, eventtime, cid_name, cid_num, cid_dnid, exten, context, channame, appname, "
                + "appdata, uniqueid, linkedid, peer, extra from asterisk.cel where pbx_id = ? and linkedid = any(?) "
                + "order by eventtime, id";
        Map<String, List<AsteriskRows.Cel>> out = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            Array ids = c.createArrayOf("text", new LinkedHashSet<>(linkedids).toArray());
            st.setString(1, pbxId);
            st.setArray(2, ids);
            st.setFetchSize(5_000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    AsteriskRows.Cel r = new AsteriskRows.Cel(rs.getLong(1), rs.getString(2), instant(rs.getObject(3, LocalDateTime.class)),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
                            rs.getString(14), rs.getString(15));
                    out.computeIfAbsent(r.linkedid(), k -> new ArrayList<>()).add(r);
                }
            }
        }
        return out;
    }

    private static List<AsteriskRows.QueueLog> queueLog(Connection c, String pbxId, Collection<String> callids)
            throws SQLException {
        if (callids.isEmpty()) {
            return List.of();
        }
        String sql = "select id, time, callid, queuename, agent, event, data1, data2, data3, data4, data5 "
                + "from asterisk.queue_log where pbx_id = ? and callid = any(?) order by time, id";
        List<AsteriskRows.QueueLog> out = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, pbxId);
            st.setArray(2, c.createArrayOf("text", callids.toArray()));
            st.setFetchSize(5_000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new AsteriskRows.QueueLog(rs.getLong(1), instant(rs.getObject(2, LocalDateTime.class)), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), rs.getString(11)));
                }
            }
        }
        return out;
    }

    /** The stored timestamp (UTC, no zone) as an instant; read as LocalDateTime so the JVM's zone never applies. */
    private static Instant instant(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    private static LocalDateTime utc(Instant i) {
        return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
