package cn.hotline12345.cti.call.web;

import cn.hotline12345.cti.call.internal.CallLogService;
import cn.hotline12345.cti.call.internal.RecordingService;
import cn.hotline12345.cti.caller.api.PhoneNumbers;
import cn.hotline12345.cti.desk.DeskModule;
import cn.hotline12345.cti.desk.internal.DefaultScreenPopEnricher;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.testing.WebFixture;
import cn.hotline12345.cti.user.api.AuthSettings;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The call log page (/calls/) in real headless Chromium: a supervisor filters, pages, opens a call's timeline (with the
 * reconciler's change in people's words) and plays its recording; an agent sees only their own calls; hostile text
 * from the PBX renders as text.
 */
@ExtendWith(PostgresExtension.class)
class CallLogBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String XSS = "<img src=x onerror=alert(1)>";

    private WebFixture web;
    private Vertx vertx;
    private WebDriver driver;
    private Path profile;
    private Path recordings;

    @BeforeEach
    void start(TestDatabase db) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no /usr/bin/chromium: browser tests skipped");
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "no /usr/bin/chromedriver: browser tests skipped");
        recordings = Files.createTempDirectory("recordings");
        Files.write(recordings.resolve("L1.wav"), silentWav(8_000));
        vertx = Vertx.vertx();
        Db calls = new Db(vertx, db.dataSource(), 2);
        CallLogService service = new CallLogService(calls, recordings, n -> PhoneNumbers.normalise(n).normalised(),
                Clock.systemUTC());
        web = new WebFixture(db, AuthSettings.defaults(), DeskModule.DEFAULT_MAX_PENDING_FRAMES,
                new DefaultScreenPopEnricher(), List.of(new CallLogRoutes(service), new CallLogPage(),
                        new RecordingRoutes(new RecordingService(calls, recordings, Clock.systemUTC()))));
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("delete from call_event; delete from call"); // each test starts from the same calls
            st.execute(CallLogRoutesIT.call("L1", "13800138000", "张三", "1 hour", "answered", "PJSIP/1001", "q-general",
                    "'L1.wav'", "ami"));
            st.execute(CallLogRoutesIT.call("L2", "13900139000", XSS, "2 hours", "abandoned_in_queue", null, "q-help",
                    "null", "ami"));
            st.execute(CallLogRoutesIT.call("L3", "13700137000", "", "3 hours", "answered", "PJSIP/1002", "q-general",
                    "null", "cel"));
            st.execute("update call set reconciled_at = now() where linkedid = 'L1'");
            st.execute("insert into call_event (pbx_id, linkedid, event_key, kind, at, data) values "
                    + "('pbx1', 'L1', 'Reconciled:disposition:answered', 'reconciled', now() - interval '50 minutes',"
                    + " '{\"field\":\"disposition\",\"from\":\"abandoned_in_queue\",\"to\":\"answered\",\"source\":\"queue_log\"}'),"
                    + "('pbx1', 'L1', 'Transfer:x', 'transfer', now() - interval '55 minutes', '{\"target\":\"" + XSS.replace("\"", "\\\"") + "\"}')");
        }
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--lang=zh-CN", "--autoplay-policy=no-user-gesture-required", "--user-data-dir=" + profile);
        // the page's console, shown when a wait fails
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(driverService, options);
    }

    @AfterEach
    void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (web != null) {
            web.close();
        }
        if (vertx != null) {
            vertx.close();
        }
        for (Path p : new Path[] {profile, recordings}) {
            if (p != null) {
                try (var files = Files.walk(p)) {
                    files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
            }
        }
    }

    private <T> T waitFor(String what, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(15)).withMessage(what)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            StringBuilder log = new StringBuilder();
            driver.manage().logs().get("browser").forEach(l -> log.append(l).append('\n'));
            throw new AssertionError(what + "; browser console:\n" + log + "\npage:\n" + driver.getPageSource(), e);
        }
    }

    private void login(String user) {
        waitFor("login form", d -> d.findElement(By.id("login-view")).isDisplayed());
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(WebFixture.PASSWORD);
        driver.findElement(By.id("login-btn")).click();
    }

    private List<WebElement> rows() {
        return driver.findElements(By.cssSelector("#calls-rows tr"));
    }

    @Test
    void aSupervisorFiltersOpensATimelineAndPlaysTheRecording() throws IOException {
        driver.get(web.origin() + "/calls/");
        waitFor("the catalogue loaded", d -> d.getTitle().equals("通话记录"));
        login("supervisor1");
        waitFor("the last day's calls", d -> rows().size() == 3);
        assertThat(rows().get(0).getText()).contains("138****8000").contains("综合咨询").contains("PJSIP/1001")
                .contains("已接听").contains("已按交换机记录修正");
        assertThat(rows().get(2).getText()).contains("交换机记录补录");
        assertThat(driver.getPageSource()).doesNotContain("13800138000");

        new Select(driver.findElement(By.id("f-queue"))).selectByVisibleText("求助服务");
        driver.findElement(By.id("btn-search")).click();
        waitFor("filtered", d -> rows().size() == 1 && rows().get(0).getText().contains("排队中放弃"));
        assertThat(driver.findElement(By.id("btn-export")).getAttribute("href")).endsWith("/api/calls/export.csv?queue=q-help");

        driver.findElement(By.id("btn-reset")).click();
        waitFor("all again", d -> rows().size() == 3);
        rows().get(0).click();
        waitFor("timeline", d -> d.findElement(By.id("detail-timeline")).getText().contains("按交换机记录修正"));
        String timeline = driver.findElement(By.id("detail-timeline")).getText();
        assertThat(timeline).contains("呼叫结果：排队中放弃 → 已接听").contains("核对修正").contains("转接至：" + XSS);
        assertThat(driver.findElements(By.cssSelector("#detail img"))).isEmpty();
        assertThat(driver.findElement(By.id("detail-summary")).getText()).contains("L1").contains("150秒").contains("正常结束");

        WebElement audio = waitFor("recording", d -> d.findElement(By.id("recording")));
        assertThat(audio.getAttribute("src")).endsWith("/api/calls/pbx1/L1/recording");
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript("const a = document.getElementById('recording'); a.preload = 'auto'; a.load();");
        waitFor("the browser loaded the recording", d -> ((Number) js.executeScript(
                "return document.getElementById('recording').readyState")).intValue() >= 1);
        assertThat(((Number) js.executeScript("return document.getElementById('recording').duration")).doubleValue())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.1));
        screenshot("calls.png");

        // a call without a recording says so
        rows().get(1).click();
        waitFor("no recording", d -> d.findElement(By.id("detail-recording")).getText().contains("无可播放的录音"));
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void anAgentSeesOnlyTheirOwnCalls() {
        driver.get(web.origin() + "/calls/");
        login("agent2");
        waitFor("own calls", d -> d.findElement(By.id("calls-status")).getText().contains("已显示"));
        assertThat(rows()).hasSize(1);
        assertThat(rows().get(0).getText()).contains("PJSIP/1002");
        assertThat(driver.findElement(By.id("agent-note")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("agent-filter")).isDisplayed()).isFalse();
        driver.findElement(By.id("f-number")).sendKeys("abc");
        driver.findElement(By.id("btn-search")).click();
        waitFor("refused in Chinese", d -> d.findElement(By.id("search-error")).getText().contains("号码：取值无效"));
    }

    /** A second of 8 kHz 16-bit mono silence as a WAV file. */
    static byte[] silentWav(int samples) {
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(8_000).putInt(16_000).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(samples * 2);
        return b.array();
    }

    private void screenshot(String name) throws IOException {
        Path docs = Boolean.getBoolean("screenshots.docs")
                ? Path.of(System.getProperty("user.dir")).getParent().resolve("docs")
                : Path.of(System.getProperty("user.dir")).resolve("target/screenshots");
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(docs);
        Files.copy(shot.toPath(), docs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
