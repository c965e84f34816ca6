package cn.hotline12345.cti.screens;

import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The engineer's screen (issue 24) in headless Chromium at 1366×768 over pbx-sim: the PBX's AMI link up with its
 * event rate and resyncs, a live call and the queue members as the server tracks them, the FastAGI server and the
 * flows loaded, the call writer, and the configuration in effect with its secrets hidden. Chinese, fits the window.
 */
@ExtendWith(PostgresExtension.class)
class EngineerBrowserIT {

    @Test
    void anEngineerSeesTheLinksTheCallsTheIvrTheWriterAndTheConfiguration(TestDatabase db) throws Exception {
        assumeTrue(ScreenBrowser.available(), "no chromium: browser test skipped");
        try (ScreensServer s = ScreensServer.start(db, true, Map.of("CTI_AMI_SECRET", "ctisecret"))) {
            s.sim.placeCall(CallerSpec.of("13700001111").digits("5,1,1"));
            Http.await("the call answered", Duration.ofSeconds(30), () ->
                    s.count("select count(*) from call where answered_at is not null") >= 1);
            try (ScreenBrowser b = new ScreenBrowser(s.origin)) {
                b.open("/engineer/");
                b.login("engineer1");
                b.waitFor("the link", d -> d.findElement(By.cssSelector("#links [data-pbx='pbx1']")).getAttribute("data-state")
                        .equals("up"));
                assertThat(b.css("#links [data-pbx='pbx1']").getText()).contains("已连接").contains("条/秒");
                assertThat(Integer.parseInt(b.css("#links [data-pbx='pbx1'] .resyncs").getText())).isGreaterThanOrEqualTo(1);
                b.waitFor("the call", d -> d.findElement(By.id("call-rows")).getText().contains("137****1111"));
                assertThat(b.text("call-rows")).doesNotContain("13700001111").contains("PJSIP/100");
                b.waitFor("the members", d -> d.findElements(By.cssSelector("#member-rows tr")).size() >= 3);
                assertThat(b.text("member-rows")).contains("话务员一").contains("通话中");
                assertThat(b.text("agi")).contains("转入队列");
                assertThat(b.text("flow-rows")).contains("hotline");
                assertThat(b.text("writer")).contains("正常").contains("200000");
                b.waitFor("the configuration", d -> !d.findElements(By.cssSelector("#config-rows tr[data-key='pbxs[0].secret']")).isEmpty());
                assertThat(b.css("#config-rows tr[data-key='pbxs[0].secret']").getText()).contains("已隐藏").doesNotContain("ctisecret");
                assertThat(b.css("#config-rows tr[data-key='wallboard.standard.waitingAbove']").getText()).contains("排队人数");
                assertThat(b.driver.getPageSource()).doesNotContain("ctisecret");
                b.screenshot("engineer.png");
                assertThat(b.latinWords()).isEmpty();
                assertThat(b.fitsWidth()).isTrue();
            }
        }
    }
}
