package cn.hotline12345.cti.call.internal;

import cn.hotline12345.cti.call.api.AgentStateChange;
import cn.hotline12345.cti.call.api.CallEventRecord;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallRecord;
import cn.hotline12345.cti.call.api.Disposition;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The write path over COPY and staging tables, on one pooled connection (so the staging tables are reused
 * across batches, and survive a failed one): text that needs escaping arrives intact, a replay inserts
 * nothing twice, an ended call is never reopened, people's dispositions and a late IVR path are kept.
 */
@ExtendWith(PostgresExtension.class)
class CallRecordRepositoryIT {

    private static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");
    private final HikariDataSource pool;
    private final DSLContext dsl;
    private final CallRecordRepository repository;

    CallRecordRepositoryIT(TestDatabase db) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(db.url());
        hc.setUsername(db.user());
        hc.setPassword(db.password());
        hc.setMaximumPoolSize(1);
        pool = new HikariDataSource(hc);
        dsl = DSL.using(pool, SQLDialect.POSTGRES);
        repository = new CallRecordRepository(dsl, n -> n == null ? null : "norm:" + n);
    }

    @Test
    void textThatNeedsEscapingArrivesIntact() {
        try (pool) {
            String name = "张三丰\t\"quoted\"\n\\back\r,{x}";
            List<String> rung = List.of("PJSIP/1001", "a,b", "q\"uote\\", "{x}", "tab\there", "");
            Map<String, String> vars = Map.of("IVR_CHOICE", "1\t2\n\"3\"\\", "EMPTY", "");
            CallRecord r = record("esc", "pbx-esc", name, rung, vars, null, null, null);
            CallEventRecord e = new CallEventRecord(r.key(), "ev:esc:1", "queue_join", T0.plusMillis(1234),
                    Map.of("note", "line1\nline2\t\\ \"q\"", "nul", "a\0b"));
            repository.write(List.of(r), List.of(e), List.of());

            Record row = dsl.fetchOne("select * from call where pbx_id = 'pbx-esc'");
            assertThat(row.get("caller_name", String.class)).isEqualTo(name);
            assertThat(row.get("caller_number_norm", String.class)).isEqualTo("norm:13800138000");
            assertThat((String[]) row.get("agents_rung")).containsExactlyElementsOf(rung);
            assertThat(dsl.fetchValue("select ivr_vars ->> 'IVR_CHOICE' from call where pbx_id = 'pbx-esc'"))
                    .isEqualTo("1\t2\n\"3\"\\");
            assertThat(row.get("started_at", OffsetDateTime.class).toInstant()).isEqualTo(T0);
            assertThat(row.get("answered_at")).isNull();
            Record ev = dsl.fetchOne("select at, data ->> 'note' as note, data ->> 'nul' as nul from call_event where pbx_id = 'pbx-esc'");
            assertThat(ev.get("at", OffsetDateTime.class).toInstant()).isEqualTo(T0.plusMillis(1234));
            assertThat(ev.get("note", String.class)).isEqualTo("line1\nline2\t\\ \"q\"");
            assertThat(ev.get("nul", String.class)).as("NUL cannot be stored").isEqualTo("a\uFFFDb");
        }
    }

    @Test
    void aReplayedBatchInsertsNothingTwiceAndAnEndedCallIsNeverReopened() {
        try (pool) {
            CallRecord live = record("r1", "pbx-replay", "王五", List.of(), Map.of(), "q-general", null, null);
            CallRecord ended = record("r1", "pbx-replay", "王五", List.of("PJSIP/1001"), Map.of(), "q-general",
                    T0.plusSeconds(90), Disposition.ANSWERED);
            List<CallEventRecord> events = List.of(
                    new CallEventRecord(live.key(), "ev:r1:1", "call_started", T0, Map.of()),
                    new CallEventRecord(live.key(), "ev:r1:2", "queue_join", T0.plusSeconds(3), Map.of("queue", "q-general")),
                    new CallEventRecord(live.key(), "ev:r1:2", "queue_join", T0.plusSeconds(3), Map.of("queue", "q-general")));
            List<AgentStateChange> states = List.of(
                    new AgentStateChange("pbx-replay", "PJSIP/1001", "q-general", "paused", "lunch", T0, "st:1"));
            repository.write(List.of(live), events, states);
            repository.write(List.of(ended), events, states);
            repository.write(List.of(live, ended), events, states); // the replay of a journal segment
            assertThat(count("select count(*) from call where pbx_id = 'pbx-replay'")).isEqualTo(1);
            assertThat(count("select count(*) from call_event where pbx_id = 'pbx-replay'")).isEqualTo(2);
            assertThat(count("select count(*) from agent_state_history where pbx_id = 'pbx-replay'")).isEqualTo(1);

            // a late record of the call, in a later batch and in the same batch after the end: nothing reopens it
            CallRecord late = record("r1", "pbx-replay", "王五", List.of(), Map.of(), "q-late", null, null);
            repository.write(List.of(late), List.of(), List.of());
            repository.write(List.of(ended, late), List.of(), List.of());
            var stored = repository.find(live.key()).orElseThrow();
            assertThat(stored.endedAt()).isEqualTo(T0.plusSeconds(90));
            assertThat(stored.queue()).isEqualTo("q-general");
            assertThat(stored.disposition()).isEqualTo("answered");
            assertThat(count("select count(*) from call_stage")).as("staging emptied at commit").isZero();
            assertThat(count("select count(*) from call_event_stage")).isZero();
        }
    }

    @Test
    void aDispositionDecidedByPeopleAndALateIvrPathOutliveTheTrackersRecord() {
        try (pool) {
            CallRecord live = record("d1", "pbx-disp", "赵六", List.of(), Map.of(), "q-general", null, null);
            repository.write(List.of(live), List.of(), List.of());
            dsl.execute("update call set disposition = 'not_accepted' where pbx_id = 'pbx-disp'");
            assertThat(repository.recordIvrPath("pbx-disp", "d1", "main>1>2")).isEqualTo(1);
            repository.write(List.of(record("d1", "pbx-disp", "赵六", List.of(), Map.of(), "q-general",
                    T0.plusSeconds(40), Disposition.ANSWERED)), List.of(), List.of());
            var stored = repository.find(live.key()).orElseThrow();
            assertThat(stored.disposition()).isEqualTo("not_accepted");
            assertThat(stored.ivrPath()).isEqualTo("main>1>2");
            assertThat(stored.endedAt()).isEqualTo(T0.plusSeconds(40));
        }
    }

    @Test
    void aFailedBatchLeavesNothingAndTheNextBatchOnTheSameConnectionIsWritten() {
        try (pool) {
            CallRecord bad = new CallRecord(new CallKey("pbx-fail", "f1"), "sideways", "13800138000", null, "12345",
                    T0, null, null, null, Map.of(), null, null, null, null, null, null, null, List.of(), 0, 0, null,
                    null, null, null, null);
            CallEventRecord e = new CallEventRecord(bad.key(), "ev:f1:1", "call_started", T0, Map.of());
            assertThatThrownBy(() -> repository.write(List.of(bad), List.of(e), List.of()))
                    .hasStackTraceContaining("call_direction_check");
            assertThat(count("select count(*) from call_event where pbx_id = 'pbx-fail'")).isZero();
            CallRecord good = record("f1", "pbx-fail", null, List.of(), Map.of(), null, null, null);
            repository.write(List.of(good), List.of(e), List.of());
            assertThat(count("select count(*) from call where pbx_id = 'pbx-fail'")).isEqualTo(1);
            assertThat(count("select count(*) from call_event where pbx_id = 'pbx-fail'")).isEqualTo(1);
        }
    }

    @Test
    void theLaterWritesOfACallAreHeapOnlyUpdates() throws Exception {
        try (pool) {
            long before = hotUpdates();
            CallRecord start = record("h1", "pbx-hot", "钱七", List.of(), Map.of(), null, null, null);
            CallRecord queued = record("h1", "pbx-hot", "钱七", List.of(), Map.of(), "q-general", null, null);
            CallRecord connected = new CallRecord(start.key(), "inbound", "13800138000", "钱七", "12345", T0,
                    T0.plusSeconds(20), null, null, Map.of(), "q-general", null, T0.plusSeconds(3), T0.plusSeconds(20),
                    1, 17_000L, "PJSIP/1001", List.of("PJSIP/1001"), 0, 0, null, null, null, null, null);
            CallRecord ended = record("h1", "pbx-hot", "钱七", List.of("PJSIP/1001"), Map.of(), "q-general",
                    T0.plusSeconds(90), Disposition.ANSWERED);
            for (CallRecord r : List.of(start, queued, connected, ended)) {
                repository.write(List.of(r), List.of(), List.of());
            }
            // No index covers a column that changes after the start (V60 dropped the one on agent), so the three
            // updates can stay on the row's page without touching an index. Statistics arrive asynchronously.
            long deadline = System.currentTimeMillis() + 10_000;
            while (hotUpdates() - before < 3 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(hotUpdates() - before).isGreaterThanOrEqualTo(3);
        }
    }

    private long hotUpdates() {
        dsl.fetch("select pg_stat_force_next_flush()");
        return count("select coalesce(n_tup_hot_upd, 0) from pg_stat_user_tables where relname = 'call'");
    }

    private long count(String sql) {
        return ((Number) dsl.fetchValue(sql)).longValue();
    }

    private static CallRecord record(String linkedid, String pbx, String name, List<String> rung, Map<String, String> vars,
                                     String queue, Instant endedAt, Disposition disposition) {
        return new CallRecord(new CallKey(pbx, linkedid), "inbound", "13800138000", name, "12345", T0, null, endedAt,
                null, vars, queue, null, queue == null ? null : T0.plusSeconds(3), null, null, null, null, rung, 0, 0,
                null, null, disposition, endedAt == null ? null : "normal", null);
    }
}
