package cn.hotline12345.cti.screens;

import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The 热线词典 tab of the administrator's page (issue 26), in headless Chromium over the whole server: the words listed
 * and searched by kind; a new word added is segmented whole at once (the test sentence before and after, no restart)
 * and split again once removed; an empty word, one too long, one with a control character and a word already in the
 * dictionary each give a Chinese error and leave the dictionary as it was; a write without the session's CSRF token is
 * refused.
 */
@ExtendWith(PostgresExtension.class)
class DictionaryAdminBrowserIT {

    private static final String WORD = "飞线充电";
    private static final String SENTENCE = "楼道里有人飞线充电很危险";

    @Test
    void anAdministratorEditsTheDictionaryAndSeesTheSegmentationChange(TestDatabase db) throws Exception {
        assumeTrue(ScreenBrowser.available(), "no chromium: browser test skipped");
        try (ScreensServer s = ScreensServer.start(db, false, Map.of())) {
            WebClientSession admin = s.session("admin");
            Http.await("the text engine built", Duration.ofSeconds(60), () -> admin.get("/api/text/model").statusCode() == 200);
            try (ScreenBrowser b = new ScreenBrowser(s.origin)) {
                b.open("/admin/");
                b.waitFor("login form", d -> d.findElement(By.id("login-view")).isDisplayed());
                b.driver.findElement(By.id("username")).sendKeys("admin");
                b.driver.findElement(By.id("password")).sendKeys(cn.hotline12345.cti.testing.WebFixture.PASSWORD);
                b.driver.findElement(By.id("login-btn")).click();
                b.waitFor("the tabs", d -> d.findElement(By.id("tab-btn-dictionary")).isDisplayed());
                assertThat(b.css("#tab-dictionary").isDisplayed()).isFalse();
                b.css("#tab-btn-dictionary").click();
                b.waitFor("the words listed", d -> !d.findElements(By.cssSelector("#dict-rows tr[data-word]")).isEmpty());
                assertThat(b.css("#tab-calendar").isDisplayed()).isFalse();
                assertThat(b.text("admin-title")).isEqualTo("12345 热线管理 · 热线词典");

                // by kind: 地名 lists place names only, shown in Chinese
                new Select(b.css("#dict-kind")).selectByValue("place");
                b.waitFor("places only", d -> {
                    List<WebElement> rows = d.findElements(By.cssSelector("#dict-rows tr[data-word]"));
                    return !rows.isEmpty() && rows.stream().allMatch(r -> "place".equals(r.getAttribute("data-kind")));
                });
                assertThat(b.css("#dict-rows tr[data-word] td.kind").getText()).isEqualTo("地名");
                new Select(b.css("#dict-kind")).selectByValue("");
                search(b, "油烟");
                assertThat(b.all("#dict-rows tr[data-word]")).allMatch(r -> r.getText().contains("油烟"));

                // before: the sentence's new word is split by the general dictionary
                List<String> before = segment(b);
                assertThat(before).doesNotContain(WORD);
                long version = version(admin);

                // bad input: a Chinese error each time, the dictionary unchanged
                addTyped(b, "", "term");
                assertThat(error(b)).contains("词条");
                addTyped(b, "长".repeat(21), "term");
                assertThat(error(b)).contains("词条").containsPattern("20");
                b.js("document.getElementById('dict-word').value = arguments[0];", "飞线\u0007充电");
                b.css("#dict-add-btn").click();
                assertThat(error(b)).contains("控制字符");
                addTyped(b, "油烟", "place");
                assertThat(error(b)).contains("油烟").contains("已在词典中");
                assertThat(version(admin)).isEqualTo(version);
                assertThat(new JsonObject(admin.get("/api/text/dictionary?q=" + java.net.URLEncoder.encode("油烟", java.nio.charset.StandardCharsets.UTF_8)).body()).getJsonArray("entries")
                        .stream().map(e -> ((JsonObject) e)).filter(e -> "油烟".equals(e.getString("word")))
                        .map(e -> e.getString("kind")).toList()).containsExactly("term");
                // an attack: a write without the session's CSRF token changes nothing
                assertThat(admin.send("POST", "/api/text/dictionary", new JsonObject().put("word", WORD).encode(), false)
                        .statusCode()).isEqualTo(403);
                assertThat(version(admin)).isEqualTo(version);

                // add: listed, in force for the next sentence without a restart
                b.css("#dict-concept").sendKeys("电动车充电");
                addTyped(b, WORD, "term");
                b.waitFor("added", d -> d.findElement(By.id("dict-status")).getText().contains("已添加"));
                assertThat(b.text("dict-error")).isEmpty();
                search(b, "飞线");
                assertThat(b.css("#dict-rows tr[data-word='" + WORD + "'] td.concept").getText()).isEqualTo("电动车充电");
                assertThat(version(admin)).isGreaterThan(version);
                List<String> after = segment(b);
                assertThat(after).contains(WORD);
                assertThat(b.css("#seg-result span.token.hotline[data-pos='term']").getText()).isEqualTo(WORD);
                b.screenshot("admin-dictionary.png");
                assertThat(b.latinWords()).isEmpty();
                assertThat(b.fitsWidth()).isTrue();

                // remove: gone from the list, split again
                b.css("#dict-rows tr[data-word='" + WORD + "'] button.remove").click();
                b.waitFor("removed", d -> d.findElement(By.id("dict-status")).getText().contains("已删除"));
                b.waitFor("gone from the list", d -> d.findElements(By.cssSelector("#dict-rows tr[data-word='" + WORD + "']")).isEmpty());
                assertThat(segment(b)).isEqualTo(before);
            }
        }
    }

    private static void search(ScreenBrowser b, String q) {
        WebElement box = b.css("#dict-q");
        box.clear();
        box.sendKeys(q);
        b.css("#dict-search-btn").click();
        b.waitFor("the search answered", d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#dict-rows tr[data-word]"));
            return !rows.isEmpty() && rows.stream().allMatch(r -> r.getText().contains(q));
        });
    }

    private static void addTyped(ScreenBrowser b, String word, String kind) {
        b.js("document.getElementById('dict-error').textContent = ''; document.getElementById('dict-status').textContent = '';");
        WebElement w = b.css("#dict-word");
        w.clear();
        w.sendKeys(word);
        new Select(b.css("#dict-new-kind")).selectByValue(kind);
        b.css("#dict-add-btn").click();
    }

    private static String error(ScreenBrowser b) {
        String e = b.waitFor("the error", d -> {
            String t = d.findElement(By.id("dict-error")).getText();
            return t.isEmpty() ? null : t;
        });
        assertThat(e).containsPattern("\\p{IsHan}");
        assertThat(b.text("dict-status")).isEmpty();
        return e;
    }

    /** The test sentence's tokens as the page shows them (after the dictionary version the page names). */
    private static List<String> segment(ScreenBrowser b) {
        b.js("document.getElementById('seg-result').textContent = '';");
        WebElement box = b.css("#seg-text");
        box.clear();
        box.sendKeys(SENTENCE);
        b.css("#seg-btn").click();
        b.waitFor("the tokens", d -> !d.findElements(By.cssSelector("#seg-result span.token")).isEmpty());
        assertThat(b.text("seg-result")).contains("分词结果");
        return b.all("#seg-result span.token").stream().map(WebElement::getText).toList();
    }

    private static long version(WebClientSession admin) {
        return new JsonObject(admin.get("/api/text/dictionary?limit=1").body()).getLong("version");
    }
}
