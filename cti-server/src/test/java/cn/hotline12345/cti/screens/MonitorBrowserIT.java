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
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 23 on the supervisor's screen in headless Chromium over pbx-sim: 监听 on the agent with the answered call rings
 * the supervisor's phone (2001) into ChanSpy; the screen shows 监听 坐席 … 进行中 once ChanSpyStart came, 结束监听 ends
 * it, and the use is in the audit log (started, ended). All in Chinese, within the window.
 */
@ExtendWith(PostgresExtension.class)
class MonitorBrowserIT {

    @Test
    void aSupervisorListensToAnAgentsCallFromTheAgentList(TestDatabase db) throws Exception {
        assumeTrue(ScreenBrowser.available(), "no chromium: browser test skipped");
        try (ScreensServer s = ScreensServer.start(db, true, Map.of())) {
            s.server.db().query(dsl -> dsl.execute("update app_user set extension = '2001' where username = 'supervisor1'"))
                    .await();
            WebClientSession api = s.session("supervisor1");
            s.sim.placeCall(CallerSpec.of("13912345678").name("李女士").digits("5,1,1"));
            Http.await("an answered call on an agent", Duration.ofSeconds(40), () -> new JsonObject(api
                    .get("/api/supervisor/agents").body()).getJsonArray("agents").stream().map(JsonObject.class::cast)
                    .anyMatch(a -> a.getJsonObject("call") != null && !a.getJsonObject("call").getBoolean("ringing")));
            try (ScreenBrowser b = new ScreenBrowser(s.origin)) {
                b.open("/supervisor/");
                b.login("supervisor1");
                String idle = b.waitFor("no monitoring yet", d -> {
                    String text = d.findElement(By.id("monitor")).getText();
                    return text.isEmpty() ? null : text;
                });
                assertThat(idle).contains("当前没有进行中的监听");
                WebElement row = b.waitFor("the agent on the call", d -> {
                    for (WebElement r : d.findElements(By.cssSelector("#agent-rows tr[data-member]"))) {
                        if (r.getText().contains("通话：139****5678")) {
                            return r;
                        }
                    }
                    return null;
                });
                String member = row.getAttribute("data-member");
                String agentExt = member.substring("PJSIP/".length());
                WebElement listen = row.findElement(By.cssSelector("button.monitor[data-mode='listen']"));
                assertThat(listen.getText()).isEqualTo("监听");
                assertThat(row.findElement(By.cssSelector("button.monitor[data-mode='whisper']")).getText()).isEqualTo("耳语");
                assertThat(row.findElement(By.cssSelector("button.monitor[data-mode='barge']")).getText()).isEqualTo("强插");
                listen.click();
                b.waitFor("started", d -> d.findElement(By.id("result")).getText().contains("请接听您的电话（分机 2001）"));
                b.waitFor("spying", d -> "spying".equals(d.findElement(By.id("monitor")).getAttribute("data-state")));
                assertThat(b.text("monitor")).contains("监听坐席 " + agentExt).contains("进行中").contains("结束监听");
                b.screenshot("supervisor-monitor.png");
                assertThat(b.latinWords()).isEmpty();
                assertThat(b.fitsWidth()).isTrue();
                for (WebElement btn : b.all("#monitor button")) {
                    if (btn.getText().equals("结束监听")) {
                        btn.click();
                    }
                }
                b.waitFor("stopped", d -> "ended".equals(d.findElement(By.id("monitor")).getAttribute("data-state")));
                assertThat(b.text("monitor")).contains("已结束");
                assertThat(b.text("result")).contains("已结束监听");
            }
            Http.await("both audit rows", Duration.ofSeconds(20), () -> s.count(
                    "select count(*) from audit_log where action = 'monitor' and actor = 'supervisor1'") == 2);
            assertThat(s.count("select count(*) from audit_log where action = 'monitor' and actor = 'supervisor1'"
                    + " and detail->>'outcome' = 'started' and detail->>'mode' = 'listen' and detail->>'phone' = '2001'"))
                    .isEqualTo(1);
            assertThat(s.count("select count(*) from audit_log where action = 'monitor' and actor = 'supervisor1'"
                    + " and detail->>'outcome' = 'ended'")).isEqualTo(1);
        }
    }
}
