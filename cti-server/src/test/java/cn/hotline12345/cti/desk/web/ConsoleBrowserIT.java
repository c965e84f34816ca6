package cn.hotline12345.cti.desk.web;

import cn.hotline12345.cti.platform.config.HotlineTime;
import cn.hotline12345.cti.call.api.CallKey;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.LiveQueues;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.testing.WebFixture;
import cn.hotline12345.cti.user.api.AuthSettings;
import cn.hotline12345.cti.user.web.Authz;
import cn.hotline12345.cti.platform.web.RequestJson;
import cn.hotline12345.cti.user.api.Role;
import cn.hotline12345.cti.desk.internal.DefaultScreenPopEnricher;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console and the wallboard in real headless Chromium: an agent logs in, a call rings them, the pop
 * shows the caller (masked) and the history, the art. 11 checks guard the matter form, the matter is
 * saved; the wallboard shows the queue counts and the call. Hostile caller names and matter text render
 * as text. The matter and caller-history routes belong to other features: this test stubs them
 * (test-only routes below), so what is tested is the console's side of that contract.
 */
@ExtendWith(PostgresExtension.class)
class ConsoleBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String XSS_NAME = "<img src=x onerror=alert(1)>";
    private static final String XSS_TEXT = "<script>alert(2)</script>路灯不亮";

    private final List<JsonObject> savedMatters = new CopyOnWriteArrayList<>();
    private WebFixture web;
    private WebDriver driver;
    private Path profile;

    @BeforeEach
    void start(TestDatabase db) throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM), "no /usr/bin/chromium: browser tests skipped");
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "no /usr/bin/chromedriver: browser tests skipped");
        web = new WebFixture(db, AuthSettings.defaults(), 256, ConsoleBrowserIT::withHistory, List.of(stubs()));
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--lang=zh-CN", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (web != null) {
            web.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** Test-only stand-ins for the matter and caller features' routes. */
    private RouteContributor stubs() {
        return router -> {
            router.post("/api/matters").handler(Authz.require(Role.AGENT)).handler(ctx -> {
                savedMatters.add(ctx.body().asJsonObject());
                RequestJson.json(ctx, 201, new JsonObject().put("id", 42).put("number", "WF20250301-0042"));
            });
        };
    }

    /** The caller's story as the server's enricher gives it (earlier calls and matters ride on the pop). */
    private static io.vertx.core.Future<cn.hotline12345.cti.desk.api.PopDetails> withHistory(
            cn.hotline12345.cti.call.api.CallView view, cn.hotline12345.cti.user.api.Principal viewer) {
        var base = DefaultScreenPopEnricher.fromView(view);
        return io.vertx.core.Future.succeededFuture(new cn.hotline12345.cti.desk.api.PopDetails(base.callerName(),
                base.repeatReasons(), base.nuisanceReasons(),
                List.of(new cn.hotline12345.softphone.ws.EarlierCall("pbx1/1.1", Instant.parse("2025-02-27T02:00:00Z"),
                        "answered", "PJSIP/1002", "咨询公积金提取")),
                List.of(new cn.hotline12345.softphone.ws.EarlierMatter("17", "WF20250227-0017", XSS_TEXT, "dispatched",
                        Instant.parse("2025-02-27T02:05:00Z"))),
                base.draft()));
    }

    private <T> T waitFor(String what, Function<WebDriver, T> condition) {
        // the wallboard re-renders its rows every second: an element found a moment ago may be gone, so look again
        return new WebDriverWait(driver, Duration.ofSeconds(15)).withMessage(what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private void login(String user) {
        waitFor("login form", d -> d.findElement(By.id("login-view")).isDisplayed());
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(WebFixture.PASSWORD);
        driver.findElement(By.id("login-btn")).click();
    }

    private void assertNoAlert() {
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void anAgentTakesACallAndSavesTheMatterAndTheWallboardCountsIt() throws IOException {
        // ---- console
        driver.get(web.origin() + "/console/");
        login("agent1");
        waitFor("desk and live channel", d -> d.findElement(By.id("desk")).isDisplayed()
                && d.findElement(By.id("link-status")).getText().contains("已连接"));
        assertThat(text("agent-ext")).isEqualTo("1001");

        String lid = "1740800000.7";
        CallKey key = new CallKey("pbx1", lid);
        web.hub.publish(new CallUpdate.CallStarted(key, Instant.now(), WebFixture.view(key, "13812345678", XSS_NAME, null)));
        String callId = web.ring("1001", lid, "13812345678", XSS_NAME);
        waitFor("screen pop", d -> d.findElement(By.id("pop")).isDisplayed());
        assertThat(text("caller-number")).isEqualTo("138****5678");
        assertThat(text("caller-name")).isEqualTo(XSS_NAME);
        assertThat(text("ivr-path")).startsWith("欢迎语 → 紧急提示 → ");
        assertThat(text("caller-flags")).contains("重复来电");
        waitFor("caller history", d -> d.findElement(By.id("earlier-matters")).getText().contains("WF20250227-0017"));
        assertThat(text("earlier-matters")).contains(XSS_TEXT);
        assertThat(text("earlier-calls")).contains("咨询公积金提取");
        assertThat(driver.findElements(By.cssSelector("#desk img"))).isEmpty();
        assertThat(driver.findElements(By.tagName("script"))).hasSize(1); // only the module script of the page
        assertThat(driver.getPageSource()).doesNotContain("13812345678").doesNotContain("<img src=\"x\"");

        // ---- matter form: art. 11 checks in the browser before acceptance (the name heard is prefilled)
        assertThat(driver.findElement(By.id("m-contact-name")).getAttribute("value")).isEqualTo(XSS_NAME);
        driver.findElement(By.id("m-contact-name")).clear();
        driver.findElement(By.id("btn-accept")).click();
        waitFor("errors shown", d -> !d.findElement(By.id("matter-errors")).getText().isEmpty());
        assertThat(text("matter-errors")).contains("联系人").contains("联系电话");
        driver.findElement(By.id("m-category")).sendKeys("投诉");
        driver.findElement(By.id("m-subject")).sendKeys("路灯不亮");
        driver.findElement(By.id("m-content")).sendKeys(XSS_TEXT);
        driver.findElement(By.id("m-contact-name")).sendKeys("张先生");
        driver.findElement(By.id("m-contact-number")).sendKeys("13812345678");
        driver.findElement(By.id("m-has-place")).click();
        driver.findElement(By.id("btn-accept")).click();
        waitFor("address required", d -> d.findElement(By.id("matter-errors")).getText().contains("详细地址"));
        assertThat(savedMatters).isEmpty();
        driver.findElement(By.id("m-address")).sendKeys("奎文区东风东街 100 号");
        driver.findElement(By.id("m-confidential")).click();
        driver.findElement(By.id("btn-save-matter")).click();
        waitFor("saved", d -> d.findElement(By.id("matter-saved")).getText().contains("WF20250301-0042"));
        assertThat(savedMatters).hasSize(1);
        JsonObject saved = savedMatters.get(0);
        assertThat(saved.getString("content")).isEqualTo(XSS_TEXT);
        assertThat(saved.getBoolean("confidential")).isTrue();
        assertThat(saved.getString("address")).isEqualTo("奎文区东风东街 100 号");
        assertThat(saved.getString("callId")).isEqualTo(callId);
        assertThat(saved.getString("category")).isEqualTo("complaint");
        assertNoAlert();

        // ---- answer: the pop becomes the active call
        web.hub.publish(new CallUpdate.AgentConnected(key, Instant.now(),
                WebFixture.view(key, "13812345678", XSS_NAME, "PJSIP/1001"), "PJSIP/1001", "q-general", 2000));
        waitFor("active", d -> d.findElement(By.id("call-phase")).getText().equals("通话中"));
        // no catalogue key is ever shown instead of its text
        assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContainPattern("desk\\.[a-z_]+\\.");
        assertNoAlert();

        // ---- wallboard
        web.live.queues = List.of(
                new LiveQueues.QueueSnapshot("pbx1", "q-general", 3, 47_000, 4, 1, 2, 1, 0, 0.86, 20, 0.04, 8_000, 128, 119, 5),
                new LiveQueues.QueueSnapshot("pbx1", "q-complaint", 2, 95_000, 0, 0, 0, 0, 0, 0.62, 20, 0.12, 30_000, 40, 30, 5));
        web.live.agents = List.of(
                new LiveQueues.AgentSnapshot("pbx1", "PJSIP/1001", "话务员一", cn.hotline12345.cti.call.api.AgentState.ON_CALL, null, Instant.now(), List.of("q-general")),
                new LiveQueues.AgentSnapshot("pbx1", "PJSIP/1002", "话务员二", cn.hotline12345.cti.call.api.AgentState.PAUSED, "meal", Instant.now(), List.of("q-general")));
        web.live.alarms = List.of(new LiveQueues.Alarm("ami_link_down", "pbx2", "PBX pbx2 的 AMI 连接中断", Instant.now()));
        ZonedDateTime today = ZonedDateTime.now(cn.hotline12345.cti.platform.config.HotlineTime.ZONE).toLocalDate()
                .atStartOfDay(cn.hotline12345.cti.platform.config.HotlineTime.ZONE);
        int hoursSoFar = ZonedDateTime.now(cn.hotline12345.cti.platform.config.HotlineTime.ZONE).getHour();
        for (int h = 0; h < hoursSoFar; h++) {
            for (int i = 0; i < (h * 7) % 23; i++) {
                CallKey k = new CallKey("pbx1", "1700000000." + h + "" + i);
                web.hub.publish(new CallUpdate.CallStarted(k, today.plusHours(h).plusMinutes(i).toInstant(),
                        WebFixture.view(k, "13800000000", "x", null)));
            }
        }
        driver.get(web.origin() + "/wallboard/");
        login("supervisor1");
        waitFor("queue rows", d -> d.findElements(By.cssSelector("#queue-rows tr[data-queue='q-general']")).size() == 1);
        // read in one go from the row as it is now (the board is re-rendered every second)
        String waitingAndOffered = waitFor("queue row values", d -> {
            WebElement row = d.findElement(By.cssSelector("#queue-rows tr[data-queue='q-general']"));
            return row.findElement(By.cssSelector("td.waiting")).getText() + "/"
                    + row.findElement(By.cssSelector("td.offered")).getText();
        });
        assertThat(waitingAndOffered).isEqualTo("3/128");
        assertThat(text("alarms")).contains("投诉举报").contains("无坐席签入").contains("AMI 连接中断")
                .contains("服务水平");
        assertThat(text("agent-states")).contains("通话中：1").contains("示忙：1");
        // the call that rang the agent counts in this hour's bar
        String height = waitFor("this hour's bar", d -> d.findElement(
                By.cssSelector("#hour-chart rect[data-hour='" + hoursSoFar + "']")).getAttribute("height"));
        assertThat(Double.parseDouble(height)).isGreaterThan(0);
        int expectedTotal = 1;
        for (int h = 0; h < hoursSoFar; h++) {
            expectedTotal += (h * 7) % 23;
        }
        assertThat(text("calls-total")).isEqualTo(String.valueOf(expectedTotal));
        // live: a change in the queue view reaches the open page
        web.live.queues = List.of(
                new LiveQueues.QueueSnapshot("pbx1", "q-general", 5, 60_000, 4, 0, 3, 1, 0, 0.85, 20, 0.04, 8_000, 130, 120, 5),
                web.live.queues.get(1));
        waitFor("live update", d -> d.findElement(By.cssSelector("#queue-rows tr[data-queue='q-general'] td.waiting"))
                .getText().equals("5"));
        screenshot("wallboard.png");
        assertNoAlert();
        assertThat(callId).isNotNull();
    }

    /**
     * Screenshots go to target/screenshots; with {@code -Dscreenshots.docs=true} they also replace the ones
     * in docs/ (so an ordinary test run leaves the work tree clean).
     */
    private void screenshot(String name) throws IOException {
        Path docs = Boolean.getBoolean("screenshots.docs")
                ? Path.of(System.getProperty("user.dir")).getParent().resolve("docs")
                : Path.of(System.getProperty("user.dir")).resolve("target/screenshots");
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(docs);
        Files.copy(shot.toPath(), docs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
