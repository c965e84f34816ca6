package cn.hotline12345.cti.screens;

import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The wallboard's 近7天热点诉求 panel (issue 26) in headless Chromium over the whole server: matters told in three
 * different wordings about night-time building noise are one topic with their count and a rising trend against the
 * week before; heating complaints, as many this week as last, are another topic, steady. No wording stands alone.
 */
@ExtendWith(PostgresExtension.class)
class HotTopicsWallboardBrowserIT {

    private static final String[][] NOISE = {
            {"工地夜间施工噪音扰民", "小区旁边的工地每天夜里施工，噪音很大，影响休息"},
            {"晚上打桩太吵睡不着", "工地晚上十一点还在打桩，吵得孩子睡不着觉"},
            {"半夜施工机器轰鸣", "半夜工地机器轰鸣不停，希望管一管夜间施工"},
    };
    private static final String[][] HEATING = {
            {"暖气不热", "家里暖气不热，屋里只有十三度"},
            {"家里暖气冰凉", "这几天暖气片冰凉，老人在家很冷"},
            {"供暖温度低", "小区供暖温度低，室温一直达不到标准"},
    };

    @Test
    void differentWordingsOfOneThingAreOneTopicWithCountAndTrend(TestDatabase db) throws Exception {
        assumeTrue(ScreenBrowser.available(), "no chromium: browser test skipped");
        try (ScreensServer s = ScreensServer.start(db, false, Map.of())) {
            WebClientSession sup = s.session("supervisor1");
            Http.await("the text engine built", Duration.ofSeconds(60), () -> sup.get("/api/text/model").statusCode() == 200);
            Set<Long> noiseIds = new HashSet<>();
            int n = 0;
            // this week: 8 of each noise wording (24), 4 of each heating wording (12)
            for (int i = 0; i < 8; i++) {
                for (String[] w : NOISE) {
                    noiseIds.add(seed(s, "HN" + n++, w, "demo-unit", 1 + n % 5));
                }
                if (i < 4) {
                    for (String[] w : HEATING) {
                        seed(s, "HH" + n++, w, "demo-unit-2", 1 + n % 5);
                    }
                }
            }
            // the week before: 2 of each noise wording (6, so 24 is rising), 4 of each heating wording (12, steady)
            for (int i = 0; i < 4; i++) {
                for (String[] w : HEATING) {
                    seed(s, "PH" + n++, w, "demo-unit-2", 8 + n % 5);
                }
                if (i < 2) {
                    for (String[] w : NOISE) {
                        seed(s, "PN" + n++, w, "demo-unit", 8 + n % 5);
                    }
                }
            }
            // the topic the engine finds for the noise matters (by their ids): its label is what the panel must show
            JsonObject hot = new JsonObject(sup.get("/api/reports/hot-topics?limit=5").body());
            JsonObject noise = null;
            for (Object o : hot.getJsonArray("topics")) {
                JsonObject t = (JsonObject) o;
                JsonArray ids = t.getJsonArray("matterIds");
                if (ids.stream().anyMatch(id -> noiseIds.contains(((Number) id).longValue()))) {
                    assertThat(noise).as("the noise matters in one topic only").isNull();
                    noise = t;
                }
            }
            assertThat(noise).isNotNull();
            assertThat(noise.getJsonArray("matterIds").stream().map(id -> ((Number) id).longValue()).toList())
                    .containsExactlyInAnyOrderElementsOf(noiseIds);
            String label = noise.getString("label");

            try (ScreenBrowser b = new ScreenBrowser(s.origin)) {
                b.open("/wallboard/");
                b.login("supervisor1");
                b.waitFor("the hot-topic panel", d -> d.findElement(By.id("hot-panel")).isDisplayed()
                        && !d.findElements(By.cssSelector("#hot-topics li[data-trend]")).isEmpty());
                assertThat(b.css("#hot-panel").getText()).contains("近7天热点诉求");
                List<WebElement> items = b.all("#hot-topics li[data-trend]");
                List<String> texts = items.stream().map(WebElement::getText).toList();
                // one line of 24 for three wordings; no line of 8 (a wording of its own)
                assertThat(texts).filteredOn(t -> t.contains("24件")).hasSize(1);
                assertThat(texts).noneMatch(t -> t.contains(" 8件"));
                WebElement noiseLine = items.stream().filter(e -> e.getText().contains("24件")).findFirst().orElseThrow();
                assertThat(noiseLine.findElement(By.tagName("b")).getText()).isEqualTo(label);
                assertThat(noiseLine.getAttribute("data-trend")).isEqualTo("rising");
                assertThat(noiseLine.getText()).contains("上升");
                WebElement heatLine = items.stream().filter(e -> e.getText().contains("12件")).findFirst().orElseThrow();
                assertThat(heatLine.getAttribute("data-trend")).isEqualTo("steady");
                assertThat(heatLine.getText()).contains("持平");
                b.screenshot("wallboard-hot-topics.png");
                // the panel is Chinese (the page's other panels name the PBX, absent in this test, by its id)
                assertThat(b.css("#hot-panel").getText()).doesNotContainPattern("[A-Za-z]");
            }
        }
    }

    private static long seed(ScreensServer s, String number, String[] wording, String unit, int daysAgo) {
        return s.server.db().query(dsl -> {
            long id = ((Number) dsl.fetchValue("insert into matter (number, channel, category, subject, content, area, status, "
                    + "lead_unit_id, created_at) values (?, 'phone', 'complaint', ?, ?, '奎文区', 'closed', ?, "
                    + "now() - make_interval(days => ?)) returning id", number, wording[0], wording[1], unit, daysAgo)).longValue();
            dsl.execute("insert into matter_unit (matter_id, unit_id, role) values (?, ?, 'lead')", id, unit);
            return id;
        }).await();
    }
}
