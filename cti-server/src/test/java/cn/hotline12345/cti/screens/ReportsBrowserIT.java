package cn.hotline12345.cti.screens;

import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The reports page (issue 24) in headless Chromium at 1366×768: ECharts (served from this server) draws every chart,
 * the unit table has each lead unit's on-time rate, hot topics carry their trend against the period before, every
 * report links its CSV and spreadsheet export; the page is Chinese and fits the window.
 */
@ExtendWith(PostgresExtension.class)
class ReportsBrowserIT {

    @Test
    void aSupervisorReadsTheReportsWithChartsAndExports(TestDatabase db) throws Exception {
        assumeTrue(ScreenBrowser.available(), "no chromium: browser test skipped");
        try (ScreensServer s = ScreensServer.start(db, false, Map.of())) {
            WebClientSession agent = s.session("agent1");
            WebClientSession unit1 = s.session("unit1");
            String[] subjects = {"路灯不亮", "路灯不亮", "路灯不亮", "噪音扰民", "噪音扰民", "井盖缺失", "供暖不热", "占道经营"};
            for (int i = 0; i < subjects.length; i++) {
                long id = s.dispatched(agent, subjects[i], false, i % 3 == 0 ? "demo-unit-2" : "demo-unit").getLong("id");
                if (i % 2 == 0 && i % 3 != 0) {
                    unit1.post("/api/unit/matters/" + id + "/sign", "{}");
                    unit1.post("/api/unit/matters/" + id + "/reply", "{\"reply\":\"已处理\"}");
                    agent.post("/api/matters/" + id + "/revisit", "{\"satisfaction\":\"" + (i == 4 ? "dissatisfied" : "satisfied")
                            + "\",\"solved\":true}");
                }
            }
            // last month the lamps were the only topic: this month they stay, the noise is new
            s.server.db().query(dsl -> dsl.execute("update matter set created_at = created_at - interval '30 days', "
                    + "subject = '路灯不亮' where id in (select id from matter order by id limit 1)")).await();

            try (ScreenBrowser b = new ScreenBrowser(s.origin)) {
                b.open("/reports/");
                b.login("supervisor1");
                b.waitFor("the charts drawn", d -> d.findElements(By.cssSelector(".chart canvas")).size() >= 7);
                b.waitFor("the unit table", d -> d.findElement(By.id("unit-rows")).getText().contains("演示承办单位"));
                b.waitFor("hot topics", d -> d.findElement(By.id("hot-rows")).getText().contains("路灯不亮"));
                assertThat(b.text("hot-rows")).contains("噪音扰民").contains("新出现");
                assertThat(b.text("kpi-matters")).isEqualTo("7");
                List<WebElement> csv = b.all("section[data-report='volumes?by=category'] .exports a");
                assertThat(csv).hasSize(2);
                assertThat(csv.get(0).getAttribute("href")).contains("/api/reports/volumes?by=category&from=").contains("format=csv");
                assertThat(csv.get(1).getAttribute("href")).contains("format=xlsx");
                // the export answers with Chinese headers (fetched in the page, with its session)
                String exported = (String) b.js("const r = await fetch(arguments[0]); return await r.text();",
                        csv.get(0).getAttribute("href"));
                assertThat(exported).contains("类别").contains("事项数").contains("投诉");
                b.screenshot("reports.png");
                assertThat(b.latinWords()).isEmpty();
                assertThat(b.fitsWidth()).isTrue();
                // another period: the page reloads its reports for it
                b.css("button[data-range='7']").click();
                b.waitFor("period shown", d -> d.findElement(By.id("period")).getText().contains("至"));
                assertThat(b.text("result")).isEmpty();
            }
        }
    }
}
