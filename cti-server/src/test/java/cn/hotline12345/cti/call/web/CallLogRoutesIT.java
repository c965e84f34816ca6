package cn.hotline12345.cti.call.web;

import cn.hotline12345.cti.call.internal.CallLogService;
import cn.hotline12345.cti.caller.api.PhoneNumbers;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.testing.TestSql;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.cti.testing.WebFixture;
import cn.hotline12345.cti.user.api.AuthSettings;
import cn.hotline12345.cti.desk.DeskModule;
import cn.hotline12345.cti.desk.internal.DefaultScreenPopEnricher;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call log API (issue 21): filters, newest first, cursor paging, masking, agents' own calls only, the CSV export
 * (BOM, header, defused formulas), one call's timeline with the reconciler's changes and Asterisk's steps, the
 * audited unmask, and every bad input refused without disturbing the next request.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CallLogRoutesIT {

    WebFixture web;
    Vertx vertx;
    TestDatabase db;

    @BeforeAll
    void start(TestDatabase database) throws Exception {
        this.db = database;
        vertx = Vertx.vertx();
        Db calls = new Db(vertx, database.dataSource(), 2);
        CallLogService service = new CallLogService(calls, Path.of("target/no-recordings"),
                n -> PhoneNumbers.normalise(n).normalised(), Clock.systemUTC());
        web = new WebFixture(database, AuthSettings.defaults(), DeskModule.DEFAULT_MAX_PENDING_FRAMES,
                new DefaultScreenPopEnricher(), List.of(new CallLogRoutes(service)));
        try (Connection c = database.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("insert into matter (number, channel, category, status) values ('M-20261206-0001', 'phone', 'consultation', 'accepted')");
            st.execute(call("L1", "13800138000", "张三", "1 hour", "answered", "PJSIP/1001", "q-general", "'L1.wav'", "ami"));
            st.execute("update call set matter_id = (select id from matter where number = 'M-20261206-0001') where linkedid = 'L1'");
            st.execute(call("L2", "13900139000", "", "2 hours", "abandoned_in_queue", null, "q-help", "null", "ami"));
            st.execute(call("L3", "13700137000", "=HYPERLINK(\"http://x\")", "3 hours", "answered", "PJSIP/1002",
                    "q-general", "'L3.wav'", "ami"));
            st.execute(call("L4", "13600136000", "", "3 days", "answered", "PJSIP/1001", "q-general", "null", "ami"));
            st.execute(call("L5", "13500135000", "", "30 minutes", "answered", "PJSIP/1001", "q-consult", "null", "cel"));
            st.execute("insert into call_event (pbx_id, linkedid, event_key, kind, at, data) values "
                    + "('pbx1', 'L5', 'Reconciled:created', 'reconciled_created', now() - interval '20 minutes', '{\"source\":\"cel\"}'),"
                    + "('pbx1', 'L1', 'Reconciled:disposition:answered', 'reconciled', now() - interval '50 minutes',"
                    + " '{\"field\":\"disposition\",\"from\":\"abandoned_in_queue\",\"to\":\"answered\",\"source\":\"queue_log\"}'),"
                    + "('pbx1', 'L1', 'Transfer:x', 'transfer', now() - interval '55 minutes', '{\"target\":\"13812345678\"}')");
            st.execute("insert into asterisk.cel (eventtype, eventtime, cid_num, channame, appname, uniqueid, linkedid, extra, pbx_id) values "
                    + "('CHAN_START', (now() - interval '30 minutes') at time zone 'UTC', '13500135000', 'PJSIP/trunk-1', '', 'L5', 'L5', '', 'pbx1'),"
                    + "('LINKEDID_END', (now() - interval '29 minutes') at time zone 'UTC', '13500135000', 'PJSIP/trunk-1', 'Queue', 'L5', 'L5', '', 'pbx1')");
            st.execute("insert into asterisk.queue_log (time, callid, queuename, agent, event, data1, data2, data3, pbx_id) values "
                    + "((now() - interval '29 minutes 50 seconds') at time zone 'UTC', 'L5', 'q-consult', 'NONE', 'ENTERQUEUE', '', '13500135000', '1', 'pbx1')");
        }
    }

    static String call(String linkedid, String number, String name, String ago, String disposition, String agent,
                       String queue, String recording, String source) {
        return "insert into call (pbx_id, linkedid, caller_number, caller_number_norm, caller_name, started_at, answered_at,"
                + " ended_at, queue_name, queue_wait_ms, agent, disposition, end_reason, recording_file, source, talk_ms) values"
                + " ('pbx1', '" + linkedid + "', '" + number + "', '" + number + "', '" + name.replace("'", "''") + "',"
                + " now() - interval '" + ago + "', " + (agent == null ? "null" : "now() - interval '" + ago + "' + interval '20 seconds'")
                + ", now() - interval '" + ago + "' + interval '3 minutes', '" + queue + "', 12000, "
                + (agent == null ? "null" : "'" + agent + "'") + ", '" + disposition + "', 'normal', " + recording + ", '"
                + source + "', " + (agent == null ? "null" : "150000") + ")";
    }

    @AfterAll
    void stop() {
        web.close();
        vertx.close();
    }

    WebClientSession as(String user) {
        return web.client().login(user);
    }

    static JsonArray calls(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getJsonArray("calls");
    }

    static List<String> ids(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(o -> out.add(((JsonObject) o).getString("linkedid")));
        return out;
    }

    @Test
    void supervisorsSeeTheLastDayNewestFirstWithNumbersMasked() {
        HttpResponse<String> r = as("supervisor1").get("/api/calls");
        assertThat(ids(calls(r))).containsExactly("L5", "L1", "L2", "L3");
        JsonObject first = calls(r).getJsonObject(1);
        assertThat(first.getString("callerNumber")).isEqualTo("138****8000");
        assertThat(first.getString("queueName")).isEqualTo("综合咨询");
        assertThat(first.getString("matterNumber")).isEqualTo("M-20261206-0001");
        assertThat(first.getString("recording")).isEqualTo("/api/calls/pbx1/L1/recording");
        assertThat(first.getLong("talkMs")).isEqualTo(150_000);
        assertThat(r.body()).doesNotContain("13800138000").doesNotContain("13900139000");
        assertThat(calls(r).getJsonObject(0).getString("source")).isEqualTo("cel");
    }

    @Test
    void everyFilterNarrowsTheLog() {
        WebClientSession s = as("engineer1");
        assertThat(ids(calls(s.get("/api/calls?number=13800138000")))).containsExactly("L1");
        assertThat(ids(calls(s.get("/api/calls?number=138-0013-8000")))).containsExactly("L1");
        assertThat(ids(calls(s.get("/api/calls?agent=1002")))).containsExactly("L3");
        assertThat(ids(calls(s.get("/api/calls?agent=PJSIP/1001")))).containsExactly("L5", "L1");
        assertThat(ids(calls(s.get("/api/calls?queue=q-help")))).containsExactly("L2");
        assertThat(ids(calls(s.get("/api/calls?disposition=abandoned_in_queue")))).containsExactly("L2");
        assertThat(ids(calls(s.get("/api/calls?matter=M-20261206-0001")))).containsExactly("L1");
        assertThat(ids(calls(s.get("/api/calls?pbx=pbx2")))).isEmpty();
        String from = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(5).toString();
        assertThat(ids(calls(s.get("/api/calls?from=" + from)))).contains("L4").hasSize(5);
        // engineers read the log but hear no recording
        assertThat(calls(s.get("/api/calls?number=13800138000")).getJsonObject(0).getValue("recording")).isNull();
    }

    @Test
    void theCursorPagesThroughWithoutOverlap() {
        WebClientSession s = as("supervisor1");
        JsonObject page = new JsonObject(s.get("/api/calls?limit=3").body());
        assertThat(page.getJsonArray("calls")).hasSize(3);
        String next = page.getString("next");
        assertThat(next).isNotBlank();
        JsonObject second = new JsonObject(s.get("/api/calls?limit=3&cursor=" + next).body());
        Set<String> all = new HashSet<>(ids(page.getJsonArray("calls")));
        all.addAll(ids(second.getJsonArray("calls")));
        assertThat(all).containsExactlyInAnyOrder("L1", "L2", "L3", "L5");
        assertThat(second.getValue("next")).isNull();
    }

    @Test
    void anAgentSeesOnlyTheirOwnCallsWhateverTheyAskFor() {
        WebClientSession agent = as("agent1");
        assertThat(ids(calls(agent.get("/api/calls")))).containsExactly("L5", "L1");
        assertThat(ids(calls(agent.get("/api/calls?agent=1002")))).containsExactly("L5", "L1");
        assertThat(ids(calls(agent.get("/api/calls?agent=PJSIP/1002")))).containsExactly("L5", "L1");
        assertThat(agent.get("/api/calls/pbx1/L3").statusCode()).isEqualTo(403);
        assertThat(agent.get("/api/calls/pbx1/L2").statusCode()).isEqualTo(403);
        HttpResponse<String> own = agent.get("/api/calls/pbx1/L1");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(own.body()).getJsonObject("call").getString("recording")).isEqualTo("/api/calls/pbx1/L1/recording");
        String csv = agent.get("/api/calls/export.csv").body();
        assertThat(csv).contains("L1").doesNotContain("L3").doesNotContain("L2");
    }

    @Test
    void othersMayNotReadTheLog() {
        assertThat(as("unit1").get("/api/calls").statusCode()).isEqualTo(403);
        assertThat(as("admin").get("/api/calls").statusCode()).isEqualTo(403);
        assertThat(as("unit1").get("/api/calls/export.csv").statusCode()).isEqualTo(403);
        assertThat(web.client().get("/api/calls").statusCode()).isEqualTo(401);
        assertThat(web.client().get("/api/calls/pbx1/L1").statusCode()).isEqualTo(401);
    }

    @Test
    void theExportIsUtf8WithBomHeaderMaskedNumbersAndNoFormulas() {
        HttpResponse<String> r = as("supervisor1").get("/api/calls/export.csv");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/csv; charset=utf-8");
        assertThat(r.headers().firstValue("content-disposition").orElse("")).contains("attachment");
        String body = r.body();
        assertThat(body).startsWith("\uFEFF\"开始时间\",\"来电号码\",\"队列\",\"坐席\",\"呼叫结果\"");
        assertThat(body.lines().count()).isEqualTo(5); // header and the 4 calls of the last day
        assertThat(body).contains("\"138****8000\"").doesNotContain("13800138000").contains("已接听").contains("正常结束")
                .contains("综合咨询").contains("M-20261206-0001");
        assertThat(as("supervisor1").get("/api/calls/export.csv?queue=q-help").body().lines().count()).isEqualTo(2);
    }

    @Test
    void oneCallShowsItsWholeTimelineFromEverySource() {
        JsonObject d = new JsonObject(as("supervisor1").get("/api/calls/pbx1/L1").body());
        JsonArray timeline = d.getJsonArray("timeline");
        List<String> kinds = new ArrayList<>();
        timeline.forEach(o -> kinds.add(((JsonObject) o).getString("kind") + "/" + ((JsonObject) o).getString("source")));
        assertThat(kinds).contains("reconciled/reconciler", "transfer/ami", "recording/ami");
        // a number inside an event (a transfer's target) is masked too
        assertThat(timeline.encode()).doesNotContain("13812345678").contains("138****5678");
        JsonObject created = new JsonObject(as("supervisor1").get("/api/calls/pbx1/L5").body());
        List<String> k5 = new ArrayList<>();
        created.getJsonArray("timeline").forEach(o -> k5.add(((JsonObject) o).getString("kind") + "/" + ((JsonObject) o).getString("source")));
        assertThat(k5).contains("reconciled_created/reconciler", "call_started/cel", "queue_join/queue_log", "call_ended/cel");
        assertThat(as("supervisor1").get("/api/calls/pbx1/NOPE").statusCode()).isEqualTo(404);
        assertThat(as("supervisor1").get("/api/calls/pbx1/..%2F..").statusCode()).isEqualTo(404);
    }

    @Test
    void theFullNumberNeedsTheRightAndAReasonAndIsAudited() {
        long before = TestSql.count(db.dataSource(), "select count(*) from audit_log where action = 'unmask'");
        assertThat(as("supervisor1").get("/api/calls/pbx1/L1?unmask=true").statusCode()).isEqualTo(400);
        assertThat(as("engineer1").get("/api/calls/pbx1/L1?unmask=true&reason=%E6%A0%B8%E5%AF%B9%E6%9D%A5%E7%94%B5")
                .statusCode()).isEqualTo(403);
        HttpResponse<String> ok = as("supervisor1").get("/api/calls/pbx1/L1?unmask=true&reason=%E6%A0%B8%E5%AF%B9%E6%9D%A5%E7%94%B5");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(new JsonObject(ok.body()).getJsonObject("call").getString("callerNumber")).isEqualTo("13800138000");
        assertThat(TestSql.count(db.dataSource(), "select count(*) from audit_log where action = 'unmask'")).isEqualTo(before + 1);
    }

    @Test
    void badFiltersAreRefusedByNameAndDisturbNothing() {
        WebClientSession s = as("supervisor1");
        for (String[] bad : new String[][] {
                {"from=yesterday", "from"}, {"to=2026-13-45", "to"}, {"from=2020-01-01&to=2026-01-01", "from"},
                {"from=2026-12-06&to=2026-12-01", "from"}, {"number=abc", "number"}, {"number=12", "number"},
                {"agent=1001'%20or%201=1", "agent"}, {"queue=q-nope", "queue"}, {"disposition=bogus", "disposition"},
                {"pbx=PBX%201", "pbx"}, {"matter=%3Cscript%3E", "matter"}, {"cursor=!!!", "cursor"},
                {"cursor=bm90LWEtY3Vyc29y", "cursor"}, {"limit=0", "limit"}, {"limit=201", "limit"}, {"limit=x", "limit"},
                {"queue=q-general&queue=q-help", "queue"}, {"number=" + "1".repeat(120), "number"}}) {
            HttpResponse<String> r = s.get("/api/calls?" + bad[0]);
            assertThat(r.statusCode()).as(bad[0] + " " + r.body()).isEqualTo(400);
            JsonObject e = new JsonObject(r.body());
            assertThat(e.getString("field")).as(bad[0]).isEqualTo(bad[1]);
            assertThat(e.getString("message")).as(bad[0]).containsPattern("[\\u4e00-\\u9fff]");
            assertThat(s.get("/api/calls/export.csv?" + bad[0]).statusCode()).as("csv " + bad[0]).isEqualTo(400);
        }
        assertThat(ids(calls(s.get("/api/calls")))).containsExactly("L5", "L1", "L2", "L3");
    }
}
