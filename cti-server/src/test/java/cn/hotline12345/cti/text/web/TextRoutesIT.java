package cn.hotline12345.cti.text.web;

import cn.hotline12345.cti.screens.ScreensServer;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The text routes in the whole server (Features wires the text slice): learned from the matter tables, role-checked,
 * bad input refused with a Chinese message naming the field, the dictionary edited by administrators only and in force
 * at once, urgency flags that alert the supervisors, merge offers from the open matters, hot topics by meaning.
 */
@ExtendWith(PostgresExtension.class)
class TextRoutesIT {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    static ScreensServer start(TestDatabase db) {
        ScreensServer s = ScreensServer.start(db, false, Map.of("CTI_TEXT_OPEN_REFRESH", "PT1S"));
        WebClientSession sup = s.session("supervisor1");
        Http.await("the text engine built", Duration.ofSeconds(60), () -> sup.get("/api/text/model").statusCode() == 200);
        return s;
    }

    private static JsonObject json(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return new JsonObject(r.body());
    }

    private static void refused(HttpResponse<String> r, int status, String field) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonObject e = new JsonObject(r.body());
        assertThat(e.getString("error")).isNotBlank();
        assertThat(e.getString("message")).as("a Chinese message").containsPattern("\\p{IsHan}");
        if (field != null) {
            assertThat(e.getString("field")).isEqualTo(field);
        }
    }

    @Test
    void suggestionsAndHotTopicsComeFromTheMatterTables(TestDatabase db) {
        try (ScreensServer s = start(db)) {
            TextSeed.history(s, 8);
            WebClientSession agent = s.session("agent1");
            WebClientSession sup = s.session("supervisor1");
            WebClientSession admin = s.session("admin");
            WebClientSession unit = s.session("unit1");

            // the model learns the seeded dispatches on (re)training, which only an administrator may ask for
            refused(agent.post("/api/text/model/retrain", "{}"), 403, null);
            refused(sup.post("/api/text/model/retrain", "{}"), 403, null);
            JsonObject model = json(admin.post("/api/text/model/retrain", "{}"), 200);
            assertThat(model.getInteger("examples")).isEqualTo(48);
            assertThat(model.getInteger("units")).isEqualTo(2);

            JsonObject noise = json(agent.post("/api/matters/suggest-dispatch", new JsonObject()
                    .put("subject", "夜里工地打桩声音太大").put("content", "楼下工地晚上施工太吵了").put("area", "奎文区")
                    .put("category", "complaint").encode()), 200);
            JsonArray units = noise.getJsonArray("units");
            assertThat(units.getJsonObject(0).getString("unitId")).isEqualTo("demo-unit");
            assertThat(units.getJsonObject(0).getString("unitName")).isEqualTo("演示承办单位");
            assertThat(units.getJsonObject(0).getDouble("score")).isGreaterThan(units.getJsonObject(1).getDouble("score"));
            assertThat(units.getJsonObject(0).getJsonArray("words").getList()).isNotEmpty();
            JsonObject heating = json(agent.post("/api/matters/suggest-dispatch",
                    new JsonObject().put("content", "暖气片一点都不热，家里太冷了").encode()), 200);
            assertThat(heating.getJsonArray("units").getJsonObject(0).getString("unitId")).isEqualTo("demo-unit-2");

            // bad input and other roles
            refused(agent.post("/api/matters/suggest-dispatch", "{}"), 400, "content");
            refused(agent.post("/api/matters/suggest-dispatch", "{\"content\": 12}"), 400, "content");
            refused(agent.post("/api/matters/suggest-dispatch", "not json"), 400, "body");
            refused(agent.post("/api/matters/suggest-dispatch", "{\"content\":\"噪音\",\"limit\":0}"), 400, "limit");
            refused(agent.post("/api/matters/suggest-dispatch", new JsonObject().put("subject", "吵".repeat(201)).encode()),
                    400, "subject");
            refused(agent.post("/api/matters/suggest-dispatch", "{\"content\":\"噪音\\u0000\"}"), 400, "content");
            refused(unit.post("/api/matters/suggest-dispatch", "{\"content\":\"噪音\"}"), 403, null);
            assertThat(new WebClientSession(s.httpPort, s.origin).post("/api/matters/suggest-dispatch",
                    "{\"content\":\"噪音\"}").statusCode()).isIn(401, 403);

            // hot topics: the three wordings of noise are one topic, the heating another
            LocalDate today = LocalDate.now(ZONE);
            String q = "/api/reports/hot-topics?from=" + today.minusDays(6) + "&to=" + today;
            JsonObject hot = json(sup.get(q), 200);
            JsonArray topics = hot.getJsonArray("topics");
            assertThat(hot.getInteger("inWindow")).isEqualTo(48);
            List<String> noiseSubjects = new ArrayList<>();
            List<String> heatSubjects = new ArrayList<>();
            for (int i = 0; i < topics.size(); i++) {
                JsonObject t = topics.getJsonObject(i);
                List<String> subjects = subjects(s, t.getJsonArray("matterIds"));
                if (subjects.contains("晚上打桩太吵睡不着")) {
                    noiseSubjects.addAll(subjects);
                    assertThat(t.getInteger("count")).isEqualTo(24);
                    assertThat(t.getString("trend")).isEqualTo("new");
                    assertThat(t.getJsonArray("units").getJsonObject(0).getString("name")).isEqualTo("演示承办单位");
                    assertThat(t.getJsonArray("examples").getJsonObject(0).getString("number")).startsWith("TX");
                    assertThat(t.getString("label")).isNotBlank();
                }
                if (subjects.contains("暖气不热")) {
                    heatSubjects.addAll(subjects);
                }
            }
            assertThat(noiseSubjects).as("different wordings, one topic")
                    .contains("工地夜间施工噪音扰民", "晚上打桩太吵睡不着", "半夜施工机器轰鸣").doesNotContain("暖气不热");
            assertThat(heatSubjects).contains("暖气不热", "家里暖气冰凉", "供暖温度低").doesNotContain("半夜施工机器轰鸣");
            refused(agent.get(q), 403, null);
            refused(unit.get(q), 403, null);
            refused(sup.get("/api/reports/hot-topics?from=yesterday"), 400, "from");
            refused(sup.get("/api/reports/hot-topics?from=" + today + "&to=" + today.minusDays(1)), 400, "from");
            refused(sup.get("/api/reports/hot-topics?from=" + today.minusDays(200) + "&to=" + today), 400, "to");
            refused(sup.get(q + "&limit=0"), 400, "limit");
            // the reports page's downloads are the engine's topics: the three wordings of noise one row of 24
            HttpResponse<String> csv = sup.get(q + "&format=csv");
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("content-type").orElse("")).contains("text/csv");
            assertThat(csv.headers().firstValue("content-disposition").orElse(""))
                    .contains("filename=\"hot_topics_" + today.minusDays(6) + "_" + today + ".csv\"")
                    .contains("filename*=UTF-8''" + enc("热点诉求_" + today.minusDays(6) + "_" + today + ".csv"));
            List<String> lines = List.of(csv.body().substring(1).split("\r\n"));
            assertThat(lines.get(0)).startsWith("\"热点诉求（标签词）\",\"事项数\",\"上期事项数\",\"趋势\"");
            assertThat(lines).filteredOn(l -> l.contains("\"24\",\"0\",\"新出现\",\"演示承办单位（24）\",\"奎文区（24）\""))
                    .hasSize(1);
            assertThat(lines).filteredOn(l -> l.contains("\"24\",\"0\",\"新出现\",\"演示协办单位（24）\",\"奎文区（24）\""))
                    .hasSize(1);
            assertThat(lines.stream().filter(l -> l.contains("演示承办单位（24）")).findFirst().orElseThrow())
                    .containsPattern("\"TX\\d+(、TX\\d+)*\",\"\\d+(、\\d+)*\"$");
            HttpResponse<String> xlsx = sup.get(q + "&format=xlsx");
            assertThat(xlsx.statusCode()).isEqualTo(200);
            assertThat(xlsx.headers().firstValue("content-type").orElse("")).contains("spreadsheetml");
            assertThat(xlsx.headers().firstValue("content-disposition").orElse("")).contains(".xlsx");
            assertThat(xlsx.body()).startsWith("PK");
            refused(sup.get(q + "&format=pdf"), 400, "format");
            refused(agent.get(q + "&format=csv"), 403, null);
        }
    }

    private static List<String> subjects(ScreensServer s, JsonArray ids) {
        List<String> out = new ArrayList<>();
        for (Object id : ids) {
            out.add(s.server.db().query(dsl -> (String) dsl.fetchValue("select subject from matter where id = ?",
                    ((Number) id).longValue())).await());
        }
        return out;
    }

    @Test
    void dictionaryFlagsAndMergeOffers(TestDatabase db) {
        try (ScreensServer s = start(db)) {
            WebClientSession agent = s.session("agent1");
            WebClientSession sup = s.session("supervisor1");
            WebClientSession admin = s.session("admin");

            // the dictionary: read by supervisors, edited by administrators only, in force for the next request
            String entry = new JsonObject().put("word", "飞线充电").put("kind", "term").put("concept", "电动车充电").encode();
            refused(agent.post("/api/text/dictionary", entry), 403, null);
            refused(sup.post("/api/text/dictionary", entry), 403, null);
            refused(agent.get("/api/text/dictionary"), 403, null);
            refused(agent.send("DELETE", "/api/text/dictionary/" + enc("油烟"), null, true), 403, null);
            long before = json(sup.get("/api/text/dictionary?q=" + enc("飞线")), 200).getLong("version");
            JsonObject added = json(admin.post("/api/text/dictionary", entry), 201);
            assertThat(added.getString("concept")).isEqualTo("电动车充电");
            JsonObject listed = json(sup.get("/api/text/dictionary?q=" + enc("飞线")), 200);
            assertThat(listed.getLong("version")).isGreaterThan(before);
            assertThat(listed.getJsonArray("entries").getJsonObject(0).getString("word")).isEqualTo("飞线充电");
            JsonArray tokens = new JsonArray(admin.post("/api/text/segment",
                    new JsonObject().put("text", "楼道里有人飞线充电很危险").encode()).body());
            assertThat(tokens.stream().map(t -> ((JsonObject) t).getString("word"))).contains("飞线充电");
            assertThat(s.count("select count(*) from text_dictionary_entry where word = '飞线充电' and not removed")).isEqualTo(1);
            refused(admin.post("/api/text/dictionary", "{\"word\":\"飞线 充电\"}"), 400, "word");
            refused(admin.post("/api/text/dictionary", "{\"word\":\"\"}"), 400, "word");
            refused(admin.post("/api/text/dictionary", "{\"word\":\"占道\",\"kind\":\"verb\"}"), 400, "kind");
            refused(admin.post("/api/text/dictionary", new JsonObject().put("word", "长".repeat(21)).encode()), 400, "word");
            assertThat(admin.send("DELETE", "/api/text/dictionary/" + enc("飞线充电"), null, true).statusCode()).isEqualTo(204);
            refused(admin.send("DELETE", "/api/text/dictionary/" + enc("没有这个词条啊"), null, true), 404, null);
            assertThat(s.count("select count(*) from text_dictionary_entry where word = '飞线充电' and removed")).isEqualTo(1);

            // urgency: the matched words come back, the supervisors are alerted; ordinary text alerts nobody
            JsonObject ordinary = json(agent.post("/api/matters/flags",
                    new JsonObject().put("content", "小区路灯不亮，晚上出行不便").encode()), 200);
            assertThat(ordinary.getString("priority")).isEqualTo("normal");
            assertThat(ordinary.getBoolean("supervisorAlerted")).isFalse();
            JsonObject gas = json(agent.post("/api/matters/flags", new JsonObject().put("matterNumber", "WF20261207-00001")
                    .put("content", "楼道里有很浓的煤气味，邻居家没人").encode()), 200);
            assertThat(gas.getString("priority")).isNotEqualTo("normal");
            assertThat(gas.getString("urgency")).isIn("urgent", "very_urgent");
            assertThat(gas.getJsonArray("hits").getJsonObject(0).getString("matched")).contains("煤气味");
            assertThat(gas.getBoolean("supervisorAlerted")).isTrue();
            JsonArray alerts = new JsonArray(sup.get("/api/text/alerts").body());
            assertThat(alerts).hasSize(1);
            assertThat(alerts.getJsonObject(0).getString("message")).contains("agent1").contains("煤气味")
                    .contains("WF20261207-00001");
            refused(agent.get("/api/text/alerts"), 403, null);
            refused(agent.post("/api/matters/flags", new JsonObject().put("content", "气".repeat(4001)).encode()), 400, "content");

            // merge offers: an open matter at the same crossing, told in other words by another caller
            long open = TextSeed.matter(s, "TX-OPEN", "和平路与胜利街路口有大坑",
                    "和平路与胜利街路口路面有个大坑，车辆经过很危险", "demo-unit", "dispatched", 1);
            s.server.db().query(dsl -> dsl.execute("update matter set address = '奎文区和平路与胜利街路口', "
                    + "contact_number_norm = '13900000001' where id = ?", open)).await();
            String probe = new JsonObject().put("subject", "胜利街和平路口路面塌陷")
                    .put("content", "胜利街和平路路口路面塌了一个坑，很危险").put("area", "奎文区")
                    .put("address", "和平路与胜利街路口").put("contactNumber", "13800000002").encode();
            Http.await("the open matter indexed and offered", Duration.ofSeconds(20), () -> {
                JsonArray m = new JsonObject(agent.post("/api/matters/similar", probe).body()).getJsonArray("matches");
                return m != null && !m.isEmpty() && m.getJsonObject(0).getLong("matterId") == open;
            });
            JsonObject offer = json(agent.post("/api/matters/similar", probe), 200).getJsonArray("matches").getJsonObject(0);
            assertThat(offer.getBoolean("mergeOffered")).isTrue();
            assertThat(offer.getString("number")).isEqualTo("TX-OPEN");
            assertThat(offer.getString("relation")).isEqualTo("other_caller");
            assertThat(offer.getDouble("score")).isBetween(0.0, 1.0);
            // the matter itself is never offered to itself
            JsonObject self = json(agent.post("/api/matters/similar", new JsonObject(probe).put("matterId", open).encode()), 200);
            assertThat(self.getJsonArray("matches").stream().map(x -> ((JsonObject) x).getLong("matterId"))).doesNotContain(open);
            refused(agent.post("/api/matters/similar", "{}"), 400, "content");
            refused(agent.post("/api/matters/similar", "{\"content\":\"坑\",\"matterId\":\"x\"}"), 400, "matterId");
            refused(s.session("unit1").post("/api/matters/similar", probe), 403, null);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
