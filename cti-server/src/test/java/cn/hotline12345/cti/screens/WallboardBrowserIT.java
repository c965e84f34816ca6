package cn.hotline12345.cti.screens;

import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The wallboard (issue 24) in headless Chromium at 1366×768 over pbx-sim: callers waiting beyond the configured
 * thresholds raise one alarm each (waiting, longest wait), dated and naming the queue by its name; the queue line
 * shows 政策咨询, not q-consult; the KPI strip tells calls that reached the hotline from queue entries; the PBX's link
 * is listed; the live marker is readable. Chinese, fits the window.
 */
@ExtendWith(PostgresExtension.class)
class WallboardBrowserIT {

    @Test
    void callersWaitingBeyondTheThresholdsAlarmOnceEachWithTheQueuesName(TestDatabase db) throws Exception {
        assumeTrue(ScreenBrowser.available(), "no chromium: browser test skipped");
        try (ScreensServer s = ScreensServer.start(db, true, Map.of("CTI_WALLBOARD_WAITING_ABOVE", "1",
                "CTI_WALLBOARD_LONGEST_WAIT_ABOVE", "2s"))) {
            // three agents talk for minutes: the fourth and fifth callers wait in the queue
            for (int i = 0; i < 5; i++) {
                s.sim.placeCall(CallerSpec.of("1350000000" + i).digits("5,1,1").patience(Duration.ofMinutes(5)));
            }
            WebClientSession supervisor = s.session("supervisor1");
            Http.await("two callers waiting past the thresholds", Duration.ofSeconds(90), () -> {
                JsonObject board = new JsonObject(supervisor.get("/api/wallboard").body());
                return board.getJsonArray("alarms").stream().map(a -> ((JsonObject) a).getString("kind")).toList()
                        .containsAll(List.of("waiting", "longest_wait"));
            });
            try (ScreenBrowser b = new ScreenBrowser(s.origin)) {
                b.open("/wallboard/");
                b.login("supervisor1");
                b.waitFor("the queue line", d -> !d.findElements(By.cssSelector("#queue-rows tr[data-queue='q-consult']")).isEmpty());
                assertThat(b.css("#queue-rows tr[data-queue='q-consult'] td.name").getText()).isEqualTo("政策咨询");
                assertThat(b.text("queue-rows")).doesNotContain("q-consult");
                b.waitFor("the alarms", d -> d.findElements(By.cssSelector("#alarms li[data-kind='waiting']")).size() == 1
                        && d.findElements(By.cssSelector("#alarms li[data-kind='longest_wait']")).size() == 1);
                assertThat(stableText(b, "#alarms li[data-kind='waiting']")).contains("政策咨询").contains("排队 2 人")
                        .contains("超过阈值 1 人").contains("自 ");
                // one alarm per fact: no kind shown twice for the same queue
                // read in one script: the list is re-rendered every second, and elements found one call earlier go stale
                @SuppressWarnings("unchecked")
                List<String> keys = (List<String>) b.js("return Array.from(document.querySelectorAll('#alarms li[data-kind]'))"
                        + ".map((e) => e.getAttribute('data-kind') + '|' + e.getAttribute('data-subject'));");
                assertThat(keys).isNotEmpty().doesNotHaveDuplicates();
                assertThat(stableText(b, "#links li[data-pbx='pbx1']")).contains("正常");
                String live = b.waitFor("live", d -> d.findElement(By.id("link-status")).getAttribute("class"));
                assertThat(live).contains("on");
                b.waitFor("calls counted", d -> Integer.parseInt(d.findElement(By.id("kpi-calls")).getText()) >= 5);
                assertThat(Integer.parseInt(b.text("kpi-queued"))).isGreaterThanOrEqualTo(5);
                assertThat(b.text("chart-title")).contains("含在语音导航中结束");
                b.screenshot("wallboard-alarms.png");
                assertThat(b.latinWords()).isEmpty();
                assertThat(b.fitsWidth()).isTrue();
            }
        }
    }

    /** The text of an element the wallboard re-renders every second: read again when the render replaced it. */
    private static String stableText(ScreenBrowser b, String css) {
        return b.waitFor(css, d -> {
            try {
                return d.findElement(By.cssSelector(css)).getText();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return null;
            }
        });
    }
}
