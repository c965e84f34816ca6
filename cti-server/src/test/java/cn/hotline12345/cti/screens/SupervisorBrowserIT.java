package cn.hotline12345.cti.screens;

import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
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
 * The supervisor's screen (issue 24) in headless Chromium at 1366×768 over pbx-sim: the live agent list with a call
 * on it, pausing an agent (its state changes on the list from the PBX's own events), listen/whisper/barge disabled
 * with their reason on agents without an answered call, the supervision list with an extension request approved, an audited unmask, and the review queue
 * of nuisance measures. Every tab is Chinese and fits the window.
 */
@ExtendWith(PostgresExtension.class)
class SupervisorBrowserIT {

    @Test
    void aSupervisorWatchesTheAgentsAndWorksTheSupervisionList(TestDatabase db) throws Exception {
        assumeTrue(ScreenBrowser.available(), "no chromium: browser test skipped");
        try (ScreensServer s = ScreensServer.start(db, true, Map.of())) {
            WebClientSession agent = s.session("agent1");
            WebClientSession supervisorApi = s.session("supervisor1");
            WebClientSession unit1 = s.session("unit1");
            Http.await("three agents on the list", Duration.ofSeconds(20), () -> new JsonObject(supervisorApi
                    .get("/api/supervisor/agents").body()).getJsonArray("agents").size() == 3);
            s.sim.placeCall(CallerSpec.of("13912345678").name("李女士").digits("5,1,1"));
            Http.await("a call on an agent", Duration.ofSeconds(30), () -> supervisorApi.get("/api/supervisor/agents").body()
                    .contains("139****5678"));

            long overdue = s.dispatched(agent, "小区门口污水外溢", false, "demo-unit").getLong("id");
            s.server.db().query(dsl -> dsl.execute("update matter set deadline_at = now() - interval '1 day' where id = ?",
                    overdue)).await();
            long extension = s.dispatched(agent, "老旧小区加装电梯", false, "demo-unit").getLong("id");
            assertThat(unit1.post("/api/unit/matters/" + extension + "/sign", "{}").statusCode()).isEqualTo(200);
            assertThat(unit1.post("/api/unit/matters/" + extension + "/extension",
                    "{\"explanation\":\"需协调住建、规划部门联合审批\",\"extraWorkingDays\":10}").statusCode()).isEqualTo(200);
            long returned = s.dispatched(agent, "河道垃圾清理", false, "demo-unit").getLong("id");
            assertThat(unit1.post("/api/unit/matters/" + returned + "/return", "{\"reason\":\"河道属水利局管辖\"}")
                    .statusCode()).isEqualTo(200);
            java.net.http.HttpResponse<String> imposed = supervisorApi.post("/api/callers/13912345678/measures",
                    new JsonObject().put("level", "warning").put("reason", "一日内来电二十次且辱骂坐席")
                            .put("evidence", new JsonArray()).encode());
            HttpResponseCheck.created(imposed);
            // the caller appeals through an agent: the measure comes back to the supervisors' review queue
            long measure = new JsonObject(imposed.body()).getLong("id");
            assertThat(agent.post("/api/caller-measures/" + measure + "/appeal", "{\"note\":\"来电人称系家人误拨，申请解除\"}")
                    .statusCode()).isEqualTo(200);

            try (ScreenBrowser b = new ScreenBrowser(s.origin)) {
                b.open("/supervisor/");
                b.login("supervisor1");
                b.waitFor("agent rows", d -> d.findElements(By.cssSelector("#agent-rows tr[data-member]")).size() == 3);
                String withCall = b.waitFor("the call on the list", d -> {
                    for (WebElement r : d.findElements(By.cssSelector("#agent-rows tr[data-member]"))) {
                        if (r.getText().contains("139****5678")) {
                            return r.getText();
                        }
                    }
                    return null;
                });
                assertThat(withCall).contains("通话：139****5678").contains("政策咨询").doesNotContain("13912345678");
                // issue 23: listen/whisper/barge are live on the agent with the answered call only
                for (WebElement r : b.all("#agent-rows tr[data-member]")) {
                    WebElement listen = r.findElement(By.cssSelector("button.monitor[data-mode='listen']"));
                    boolean onCall = r.getText().contains("通话：139****5678");
                    if (!onCall) {
                        assertThat(listen.isEnabled()).isFalse();
                        assertThat(listen.getAttribute("title")).contains("没有已接通的通话");
                    }
                }
                // pause an agent from the list: its state comes back from the PBX (QueueMemberPause)
                b.css("#agent-rows tr[data-member='PJSIP/1003'] td.actions button").click();
                b.waitFor("paused on the list", d -> d.findElement(By.cssSelector("#agent-rows tr[data-member='PJSIP/1003']"))
                        .getAttribute("data-state").equals("paused"));
                assertThat(b.text("result")).contains("示忙");
                assertThat(b.css("#agent-rows tr[data-member='PJSIP/1003']").getText()).contains("会议");
                b.screenshot("supervisor-agents.png");
                assertThat(b.latinWords()).isEmpty();
                assertThat(b.fitsWidth()).isTrue();

                // ---- supervision
                b.css("#tab-supervision").click();
                b.waitFor("supervision rows", d -> d.findElements(By.cssSelector("#supervision-rows tr[data-id]")).size() >= 3);
                assertThat(b.css("#supervision-rows tr[data-id='" + overdue + "']").getText()).contains("已超期");
                assertThat(b.css("#supervision-rows tr[data-id='" + returned + "']").getText()).contains("被退回");
                b.css("#supervision-rows tr[data-id='" + extension + "']").click();
                b.waitFor("the request", d -> d.findElement(By.id("m-requests")).getText().contains("需协调住建"));
                b.css("#unmask-reason").sendKeys("核实反映人联系方式以便回访");
                b.css("#btn-unmask").click();
                b.waitFor("unmasked", d -> d.findElement(By.id("unmask-result")).getText().contains("13812345678"));
                b.screenshot("supervisor-supervision.png");
                assertThat(b.latinWords()).isEmpty();
                assertThat(b.fitsWidth()).isTrue();
                for (WebElement btn : b.all("#m-requests button")) {
                    if (btn.getText().equals("批准")) {
                        btn.click();
                        break;
                    }
                }
                b.waitFor("decided", d -> d.findElement(By.id("result")).getText().contains("已处理该申请"));
                b.waitFor("no request left", d -> d.findElement(By.id("m-requests")).getText().contains("没有待审核的申请"));

                // ---- nuisance measures
                b.css("#tab-measures").click();
                b.waitFor("measure rows", d -> !d.findElements(By.cssSelector("#measure-rows tr[data-measure]")).isEmpty());
                assertThat(b.text("measure-rows")).contains("139****5678").contains("警示提示音").doesNotContain("13912345678");
                b.screenshot("supervisor-measures.png");
                assertThat(b.latinWords()).isEmpty();
                assertThat(b.fitsWidth()).isTrue();
            }
            assertThat(s.count("select count(*) from matter_request where matter_id = ? and status = 'approved'", extension))
                    .isEqualTo(1);
            assertThat(s.count("select count(*) from audit_log where action = 'unmask' and detail->>'purpose' = ?",
                    "matter:" + extension)).isEqualTo(1);
        }
    }

    /** The answer's status, with its body when it is not the one expected. */
    static final class HttpResponseCheck {
        static void created(java.net.http.HttpResponse<String> r) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
    }
}
