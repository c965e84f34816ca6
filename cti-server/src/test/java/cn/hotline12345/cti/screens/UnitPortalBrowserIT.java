package cn.hotline12345.cti.screens;

import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The unit portal (issue 24) in headless Chromium at 1366×768: the co-handling unit signs for and replies to its
 * share, the lead unit sees that reply, signs, starts, attaches its reply letter and replies; the list shows the
 * deadlines' colours (overdue, due soon, in time). Every page state is Chinese and fits the window.
 */
@ExtendWith(PostgresExtension.class)
class UnitPortalBrowserIT {

    @Test
    void aCoHandlingUnitAndTheLeadUnitHandleAMatterOnThePortal(TestDatabase db) throws Exception {
        assumeTrue(ScreenBrowser.available(), "no chromium: browser test skipped");
        try (ScreensServer s = ScreensServer.start(db, false, Map.of())) {
            WebClientSession agent = s.session("agent1");
            long shared = s.dispatched(agent, "东风街路灯夜间不亮", false, "demo-unit", "demo-unit-2").getLong("id");
            long overdue = s.dispatched(agent, "小区门口污水外溢", false, "demo-unit").getLong("id");
            long dueSoon = s.dispatched(agent, "举报夜间施工噪音", true, "demo-unit").getLong("id");
            s.server.db().query(dsl -> dsl.execute("update matter set deadline_at = now() - interval '2 days' where id = ?",
                    overdue)).await();
            s.server.db().query(dsl -> dsl.execute("update matter set deadline_at = now() + interval '3 hours' where id = ?",
                    dueSoon)).await();
            Path letter = Files.createTempFile("答复函", ".pdf");
            Files.write(letter, "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1));

            try (ScreenBrowser b = new ScreenBrowser(s.origin)) {
                assertThat(b.viewport().get(0)).isEqualTo(1366L);
                // ---- the co-handling unit's share
                b.open("/unit/");
                b.login("unit2");
                b.waitFor("the co-handling unit's list", d -> !d.findElements(By.cssSelector("#matter-rows tr[data-id='" + shared + "']")).isEmpty());
                assertThat(b.all("#matter-rows tr[data-id]")).hasSize(1); // only its own matter
                assertThat(b.text("unit-name")).contains("演示协办单位");
                b.css("#matter-rows tr[data-id='" + shared + "']").click();
                b.waitFor("detail", d -> d.findElement(By.id("detail")).isDisplayed());
                assertThat(b.text("d-contact")).contains("张先生").contains("13812345678"); // a unit calls the reporter back (art. 20)
                clickAction(b, "签收协办");
                b.waitFor("share signed", d -> d.findElement(By.id("result")).getText().contains("已签收协办部分"));
                WebElement box = b.waitFor("share reply box", d -> d.findElement(By.cssSelector("[data-action='share/reply'] textarea")));
                box.sendKeys("本单位已排查线路，故障在主办单位维护段，已通知其抢修。");
                clickAction(b, "提交协办意见");
                b.waitFor("share replied", d -> d.findElement(By.id("result")).getText().contains("协办意见已提交"));
                assertThat(b.latinWords()).isEmpty();
                assertThat(b.fitsWidth()).isTrue();
                b.css("#btn-logout").click();

                // ---- the lead unit
                b.login("unit1");
                b.waitFor("the lead unit's list", d -> d.findElements(By.cssSelector("#matter-rows tr[data-id]")).size() == 3);
                assertThat(b.css("#matter-rows tr[data-id='" + overdue + "']").getAttribute("data-due")).isEqualTo("overdue");
                assertThat(b.css("#matter-rows tr[data-id='" + dueSoon + "']").getAttribute("data-due")).isEqualTo("due_soon");
                assertThat(b.css("#matter-rows tr[data-id='" + shared + "']").getAttribute("data-due")).isEqualTo("in_time");
                assertThat(b.css("#matter-rows tr[data-id='" + overdue + "']").getText()).contains("已超期");
                // the confidential reporter is not shown to the unit
                b.css("#matter-rows tr[data-id='" + dueSoon + "']").click();
                b.waitFor("confidential detail", d -> d.findElement(By.id("d-contact")).getText().contains("保密"));
                assertThat(b.text("d-contact")).doesNotContain("张先生").doesNotContain("138");

                b.css("#matter-rows tr[data-id='" + shared + "']").click();
                b.waitFor("the co-unit's reply", d -> d.findElement(By.id("share-rows")).getText().contains("维护段"));
                clickAction(b, "签收");
                b.waitFor("signed", d -> d.findElement(By.id("d-status")).getText().equals("已签收"));
                clickAction(b, "开始办理");
                b.waitFor("in progress", d -> d.findElement(By.id("d-status")).getText().equals("办理中"));
                b.css("#file-input").sendKeys(letter.toString());
                b.waitFor("attachment listed", d -> d.findElement(By.id("attachments")).getText().contains(".pdf"));
                b.css("[data-action='reply'] textarea").sendKeys("经查，路灯线路老化，已于当日更换线路并恢复照明。");
                b.screenshot("unit-portal.png");
                assertThat(b.latinWords()).isEmpty();
                assertThat(b.fitsWidth()).isTrue();
                clickAction(b, "提交答复");
                b.waitFor("replied", d -> d.findElement(By.id("d-status")).getText().equals("已答复"));
                assertThat(b.text("d-lead-reply")).contains("更换线路");
                assertThat(b.text("actions")).contains("无需本单位操作");
            }
            assertThat(s.count("select count(*) from matter_attachment where matter_id = ? and unit_id = 'demo-unit'", shared))
                    .isEqualTo(1);
            assertThat(s.count("select count(*) from matter where id = ? and status = 'replied'", shared)).isEqualTo(1);
        }
    }

    private static void clickAction(ScreenBrowser b, String label) {
        b.waitFor("button " + label, d -> {
            for (WebElement e : d.findElements(By.cssSelector("#actions button"))) {
                if (e.getText().equals(label) && e.isEnabled()) {
                    e.click();
                    return true;
                }
            }
            return false;
        });
    }
}
