package cn.hotline12345.cti.screens;

import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.cti.testing.WebFixture;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The text engine in the agent console (issue 26), in headless Chromium over the whole server: the dispatch suggestion
 * shows in the matter form with its deciding words, one click opens 派单 with the suggested unit chosen, and a gas smell
 * typed in the description shows the matched word, raises the urgency in the form and alerts the supervisors.
 */
@ExtendWith(PostgresExtension.class)
class TextConsoleBrowserIT {

    @Test
    void theSuggestionShowsInTheFormAndOneClickFillsTheUnit(TestDatabase db) throws Exception {
        assumeTrue(ScreenBrowser.available(), "no chromium: browser test skipped");
        try (ScreensServer s = ScreensServer.start(db, false, Map.of())) {
            WebClientSession admin = s.session("admin");
            Http.await("the text engine built", Duration.ofSeconds(60), () -> admin.get("/api/text/model").statusCode() == 200);
            for (int i = 0; i < 8; i++) {
                seed(s, "N" + i, "晚上工地打桩太吵睡不着", "工地夜间施工噪音很大", "demo-unit");
                seed(s, "H" + i, "家里暖气不热", "暖气片冰凉，屋里很冷", "demo-unit-2");
            }
            assertThat(admin.post("/api/text/model/retrain", "{}").statusCode()).isEqualTo(200);

            try (ScreenBrowser b = new ScreenBrowser(s.origin)) {
                b.open("/console/");
                b.waitFor("login form", d -> d.findElement(By.id("login-view")).isDisplayed());
                b.driver.findElement(By.id("username")).sendKeys("agent1");
                b.driver.findElement(By.id("password")).sendKeys(WebFixture.PASSWORD);
                b.driver.findElement(By.id("login-btn")).click();
                b.waitFor("the matter form", d -> d.findElement(By.id("m-subject")).isDisplayed());
                b.driver.findElement(By.id("m-subject")).sendKeys("夜里工地施工噪音扰民");
                b.driver.findElement(By.id("m-content")).sendKeys("楼下工地半夜还在打桩，吵得睡不着");
                b.driver.findElement(By.id("btn-suggest-dispatch")).click();
                WebElement first = b.waitFor("the suggestion in the form",
                        d -> d.findElement(By.cssSelector("#dispatch-suggestions button.use-unit")));
                assertThat(first.getAttribute("data-unit")).isEqualTo("demo-unit");
                assertThat(first.getText()).contains("演示承办单位").contains("匹配度");
                assertThat(b.text("dispatch-suggestions")).contains("依据");
                assertThat(b.css("#dispatch-box").isDisplayed()).isFalse();
                first.click();
                b.waitFor("派单 open with the unit chosen", d -> d.findElement(By.id("dispatch-box")).isDisplayed()
                        && "demo-unit".equals(new Select(d.findElement(By.id("d-unit"))).getFirstSelectedOption()
                        .getAttribute("value")));
                assertThat(new Select(b.css("#d-unit")).getFirstSelectedOption().getText()).isEqualTo("演示承办单位");

                // a gas smell: the word is shown, the urgency raised in the form, the supervisors told
                assertThat(new Select(b.css("#m-urgency")).getFirstSelectedOption().getAttribute("value")).isEqualTo("normal");
                b.driver.findElement(By.id("m-content")).sendKeys("，另外楼道里有很浓的煤气味");
                b.waitFor("the flag shown", d -> d.findElement(By.id("text-flags")).isDisplayed());
                assertThat(b.text("text-flags")).contains("煤气味").contains("燃气泄漏").contains("班长");
                assertThat(new Select(b.css("#m-urgency")).getFirstSelectedOption().getAttribute("value")).isNotEqualTo("normal");
                JsonArray alerts = new JsonArray(s.session("supervisor1").get("/api/text/alerts").body());
                assertThat(alerts.getJsonObject(0).getString("message")).contains("agent1").contains("煤气味");
                assertThat(b.latinWords()).isEmpty();
                b.screenshot("console-text-assist.png");
            }
        }
    }

    private static void seed(ScreensServer s, String number, String subject, String content, String unit) {
        s.server.db().query(dsl -> {
            long id = ((Number) dsl.fetchValue("insert into matter (number, channel, category, subject, content, area, status, "
                    + "lead_unit_id, created_at) values (?, 'phone', 'complaint', ?, ?, '奎文区', 'closed', ?, now() - interval '2 days') "
                    + "returning id", number, subject, content, unit)).longValue();
            return dsl.execute("insert into matter_unit (matter_id, unit_id, role) values (?, ?, 'lead')", id, unit);
        }).await();
    }
}
