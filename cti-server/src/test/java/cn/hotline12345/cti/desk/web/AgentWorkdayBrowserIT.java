package cn.hotline12345.cti.desk.web;

import cn.hotline12345.cti.app.CtiServer;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.ServerConfigs;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.cti.testing.WebFixture;
import cn.hotline12345.cti.testing.WsProbe;
import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.CallHandle;
import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.pbxsim.FarEndSpec;
import cn.hotline12345.pbxsim.PbxSim;
import cn.hotline12345.pbxsim.QueueConfig;
import cn.hotline12345.pbxsim.Strategy;
import cn.hotline12345.pbxsim.ami.AmiMessage;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.jooq.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 19's "done": an agent's whole job from the console, in real headless Chromium, against the whole server and
 * pbx-sim running the shipped docker/asterisk/extensions.conf (and features.conf, manager.conf). The agent takes a call
 * through the real IVR, writes, accepts and dispatches its matter, wraps up without being rung, takes the next call,
 * holds and retrieves it, transfers it to a busy colleague (the caller comes back) and to a free one (the colleague's
 * console pops it), and transfers a third call to 120. Every context the server sends calls to is also checked against
 * the file by DialplanTargetsTest. The screenshot of docs/console.png is taken here at 1366x768
 * ({@code -Dscreenshots.docs=true} writes it into docs/).
 */
@ExtendWith(PostgresExtension.class)
class AgentWorkdayBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration T = Duration.ofSeconds(30);

    private final List<AmiMessage> events = new CopyOnWriteArrayList<>();
    private WebDriver driver;

    @Test
    void anAgentsWholeJobFromTheConsole(TestDatabase db) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "no chromium: browser test skipped");
        int httpPort = ServerConfigs.freePort();
        int agiPort = ServerConfigs.freePort();
        String origin = ServerConfigs.origin(httpPort);
        Path profile = Files.createTempDirectory("chromium-profile");
        // the queue's own wrapuptime is 2 s here: only the desk's wrap-up pause keeps the agent from being rung longer
        QueueConfig.Member a1 = QueueConfig.Member.of("PJSIP/1001", "话务员一");
        QueueConfig.Member a2 = QueueConfig.Member.of("PJSIP/1002", "话务员二");
        QueueConfig.Member a3 = QueueConfig.Member.of("PJSIP/1003", "话务员三");
        try (PbxSim sim = PbxSim.builder().amiPort(0).amiCredentials("cti", "ctisecret")
                .agiTarget("127.0.0.1", agiPort).seed(19).eventListener(events::add)
                .queue(QueueConfig.of("q-consult", Strategy.RRMEMORY, a1, a2, a3).timing(30, 1, 2))
                .queue(QueueConfig.of("q-general", Strategy.RRMEMORY, a1).timing(30, 1, 2))
                .queue(QueueConfig.of("q-help", Strategy.RRMEMORY, a1).timing(30, 1, 2))
                .agent(AgentSpec.pjsip("1001").answerAfter(4000).talkFor(3_600_000))
                .agent(AgentSpec.pjsip("1002").answerAfter(1000).talkFor(3_600_000))
                .agent(AgentSpec.pjsip("1003").answerAfter(800).refuse())
                .farEnd(FarEndSpec.of("120").answerAfter(800).talkFor(3_600_000))
                .build().startBlocking();
             CtiServer server = CtiServer.start(ServerConfigs.config(db, httpPort, agiPort, sim.amiPort()))) {
            Http.await("ready", Duration.ofSeconds(20), () -> server.readiness().ready());
            String pbx = server.config().pbxs().get(0).id();
            // the colleagues take no queue calls (a meeting): transfers to them still ring their phones
            sim.queues().pause("PJSIP/1002", true, "meeting");
            sim.queues().pause("PJSIP/1003", true, "meeting");
            server.db().query(dsl -> dsl.execute("insert into knowledge_entry (title, body, tags) values "
                    + "('公积金提取政策咨询', '提取住房公积金需带身份证和购房合同到公积金中心办理。', '{咨询}')")).await();

            driver = browser(profile);
            driver.get(origin + "/console/");
            login("agent1");
            waitFor("desk up", d -> d.findElement(By.id("link-status")).getText().contains("已连接"));
            waitFor("seven queues' names, three of them the agent's", d -> d.findElements(By.cssSelector("#agent-queues .chip"))
                    .size() == 3 && text("agent-queues").contains("政策咨询"));
            WebClientSession colleague = new WebClientSession(httpPort, origin).login("agent2");

            // ---------------------------------------------------------------- call 1: take it, write, accept, dispatch
            CallHandle call1 = sim.placeCall(CallerSpec.of("13812345678").name("张先生").digits("5,1,1"));
            // the pop rings (WebAudio) until the phone answers, 4 s later
            waitFor("pop, ringing", d -> d.findElement(By.id("pop")).isDisplayed()
                    && "1".equals(js("return document.documentElement.dataset.ringing || ''")));
            assertThat(text("caller-number")).isEqualTo("138****5678");
            assertThat(text("caller-flags")).doesNotContain("重复来电");
            waitFor("the caller's name and number come from the call", d -> "张先生".equals(value("m-contact-name"))
                    && attr("m-contact-number", "placeholder").contains("138****5678"));
            assertThat(value("m-contact-number")).isEmpty();
            waitFor("knowledge suggested", d -> text("kb-suggestions").contains("公积金提取政策咨询"));
            waitFor("answered", d -> text("call-phase").equals("通话中"));
            assertThat((String) js("return document.documentElement.dataset.ringing || ''")).isEmpty();
            type("m-subject", "公积金提取");
            type("m-content", "咨询提取住房公积金需要哪些材料，在哪里办理");
            new Select(driver.findElement(By.id("m-area"))).selectByVisibleText("奎文区");
            new Select(driver.findElement(By.id("m-urgency"))).selectByVisibleText("紧急");
            driver.findElement(By.id("m-has-place")).click();
            type("m-place", "公积金中心");
            type("m-address", "奎文区东风东街 100 号");
            driver.findElement(By.id("btn-accept")).click();
            waitFor("accepted", d -> text("matter-status").equals("已受理"));
            assertThat(text("matter-deadline")).matches(".*\\d{4}/\\d{1,2}/\\d{1,2}.*");
            driver.findElement(By.id("btn-dispatch")).click();
            waitFor("units", d -> !d.findElements(By.cssSelector("#d-unit option")).isEmpty());
            new Select(driver.findElement(By.id("d-unit"))).selectByVisibleText("演示承办单位");
            driver.findElement(By.id("d-confirm")).click();
            waitFor("dispatched", d -> text("matter-status").equals("已派单"));
            Record m1 = server.db().query(dsl -> dsl.fetchOne("select status, area, place, urgency, channel, contact_name,"
                    + " contact_number, working_days, lead_unit_id, number from matter where origin_linkedid = ?",
                    call1.linkedid())).await();
            assertThat(m1.get("status", String.class)).isEqualTo("dispatched");
            assertThat(m1.get("area", String.class)).isEqualTo("奎文区");
            assertThat(m1.get("place", String.class)).isEqualTo("公积金中心");
            assertThat(m1.get("urgency", String.class)).isEqualTo("urgent");
            assertThat(m1.get("channel", String.class)).isEqualTo("phone");
            assertThat(m1.get("contact_name", String.class)).isEqualTo("张先生");
            assertThat(m1.get("contact_number", String.class)).as("the caller's number, never shown").isEqualTo("13812345678");
            assertThat(m1.get("working_days", Integer.class)).as("urgent: 2 working days").isEqualTo(2);
            assertThat(m1.get("lead_unit_id", String.class)).isEqualTo("demo-unit");
            assertThat(server.db().query(dsl -> dsl.fetchValue("select count(*) from matter")).await()).isEqualTo(1L);

            // ---------------------------------------------------------------- hang up (Alt+G): wrap-up holds the phone
            keys(Keys.chord(Keys.ALT, "g"));
            waitFor("wrap-up", d -> text("call-phase").equals("话后处理") && text("agent-state").equals("话后处理"));
            awaitEvent("paused for wrap-up", e -> e.name().equals("QueueMemberPause") && "PJSIP/1001".equals(e.get("Interface"))
                    && "1".equals(e.get("Paused")) && "after_call_work".equals(e.get("PausedReason")));
            CallHandle call2 = sim.placeCall(CallerSpec.of("13900139000").name("李女士").digits("5,1,1"));
            awaitEvent("call 2 waits", e -> e.name().equals("QueueCallerJoin") && call2.channel().equals(e.get("Channel")));
            // well past the queue's 2 s wrapuptime, and the agent is still not rung
            waitFor("wrap-up for 5 s", d -> seconds(text("state-time")) >= 5);
            assertThat(events).noneMatch(e -> e.name().equals("AgentCalled") && call2.channel().equals(e.get("Channel")));
            keys(Keys.chord(Keys.ALT, "w"));
            String call2Id = pbx + "/" + call2.linkedid();
            waitFor("call 2 pops", d -> text("caller-number").equals("139****9000"));
            waitFor("answered", d -> text("call-phase").equals("通话中"));
            assertThat(text("call-notices")).as("the last call's notices are gone").isEmpty();
            type("m-subject", "噪音投诉未写完");

            // ---------------------------------------------------------------- hold and retrieve
            driver.findElement(By.id("btn-hold")).click();
            waitFor("held", d -> d.findElement(By.id("hold-state")).isDisplayed());
            awaitEvent("music on hold for the caller", e -> e.name().equals("MusicOnHoldStart")
                    && call2.channel().equals(e.get("Channel")) && "hold".equals(e.get("Context")));
            driver.findElement(By.id("btn-unhold")).click();
            waitFor("retrieved", d -> !d.findElement(By.id("hold-state")).isDisplayed());
            awaitEvent("music stops", e -> e.name().equals("MusicOnHoldStop") && call2.channel().equals(e.get("Channel")));

            // ---------------------------------------------------------------- transfer to a busy colleague: back again
            transfer("1003");
            waitFor("busy, coming back", d -> text("call-notices").contains("1003 忙，转接未成功")
                    && text("call-notices").contains("来电正转回您的话机"));
            awaitEvent("1003 busy", e -> e.name().equals("DialEnd") && "BUSY".equals(e.get("DialStatus"))
                    && e.get("DestChannel") != null && e.get("DestChannel").startsWith("PJSIP/1003-"));
            waitFor("the caller is back", d -> text("call-phase").equals("通话中") && text("call-origin").contains("转回"));
            assertThat(value("m-subject")).as("the form of the call survived its return").isEqualTo("噪音投诉未写完");

            // ---------------------------------------------------------------- transfer to a free colleague: their pop
            try (WsProbe other = WsProbe.connect(server.vertx(), httpPort, "/ws/console", origin, colleague.sessionId)) {
                transfer("1002");
                other.await("the colleague's pop", f -> f.getString("type").equals("screen_pop")
                        && call2Id.equals(f.getJsonObject("data").getString("callId"))
                        && "transfer".equals(f.getJsonObject("data").getString("origin")));
                other.awaitType("call_active", call2Id);
                waitFor("handed over", d -> text("call-notices").contains("1002 已接听，转接完成")
                        && text("call-phase").equals("话后处理"));
            }
            // wrap-up done with an unsaved form: the console asks once more
            driver.findElement(By.id("btn-wrapup")).click();
            waitFor("unsaved warning", d -> text("action-result").contains("尚未保存"));
            driver.findElement(By.id("btn-wrapup")).click();

            // ---------------------------------------------------------------- call 3: the unsaved form is kept; to 120
            CallHandle call3 = sim.placeCall(CallerSpec.of("13700137000").name("王先生").digits("5,1,1"));
            waitFor("call 3 pops", d -> text("caller-number").equals("137****7000"));
            waitFor("call 2's form kept", d -> text("drafts-list").contains("139****9000")
                    && text("drafts-list").contains("噪音投诉未写完") && text("drafts-list").contains("未保存"));
            assertThat(value("m-subject")).as("call 3 has its own form").isEmpty();
            waitFor("answered", d -> text("call-phase").equals("通话中"));
            type("m-subject", "家中老人晕倒");
            type("m-content", "来电人称家中老人突然晕倒，已转 120 急救");
            driver.findElement(By.id("kb-query")).sendKeys("社");
            driver.findElement(By.id("btn-kb")).click();
            waitFor("two characters asked", d -> text("kb-results").contains("请至少输入两个字"));
            driver.findElement(By.id("search-query")).sendKeys(m1.get("number", String.class));
            driver.findElement(By.id("btn-search")).click();
            waitFor("call 1's matter found", d -> text("search-results").contains(m1.get("number", String.class))
                    && text("search-results").contains("已派单"));
            screenshot("console.png");
            driver.findElement(By.id("btn-transfer")).click();
            waitFor("dialog reset", d -> d.findElement(By.id("transfer-dialog")).isDisplayed() && value("t-value").isEmpty());
            driver.findElement(By.cssSelector("#transfer-dialog .quick[data-value='120']")).click();
            waitFor("120 answered", d -> text("call-notices").contains("120 已接听"));
            awaitEvent("dialled over the trunk from [transfer-out]", e -> e.name().equals("DialBegin")
                    && "120@trunk".equals(e.get("DialString")) && "transfer-out".equals(e.get("Context"))
                    && call3.channel().equals(e.get("Channel")));
            waitFor("wrap-up after 120", d -> text("call-phase").equals("话后处理"));
            assertThat(driver.getPageSource()).doesNotContain("13812345678").doesNotContain("13900139000")
                    .doesNotContain("13700137000");
            assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContainPattern("desk\\.[a-z_]+");
        } finally {
            if (driver != null) {
                driver.quit();
            }
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static WebDriver browser(Path profile) {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1366,768",
                "--lang=zh-CN", "--autoplay-policy=no-user-gesture-required", "--user-data-dir=" + profile);
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    private void transfer(String extension) {
        driver.findElement(By.id("btn-transfer")).click();
        waitFor("dialog", d -> d.findElement(By.id("transfer-dialog")).isDisplayed());
        assertThat(value("t-value")).as("the dialog opens empty").isEmpty();
        type("t-value", extension);
        driver.findElement(By.id("t-confirm")).click();
        waitFor("dialog closed", d -> !d.findElement(By.id("transfer-dialog")).isDisplayed());
    }

    private void login(String user) {
        waitFor("login form", d -> d.findElement(By.id("login-view")).isDisplayed());
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(WebFixture.PASSWORD);
        driver.findElement(By.id("login-btn")).click();
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private String value(String id) {
        return driver.findElement(By.id(id)).getAttribute("value");
    }

    private String attr(String id, String name) {
        String v = driver.findElement(By.id(id)).getAttribute(name);
        return v == null ? "" : v;
    }

    private void type(String id, String s) {
        driver.findElement(By.id(id)).sendKeys(s);
    }

    private void keys(CharSequence chord) {
        driver.findElement(By.tagName("body")).sendKeys(chord);
    }

    private Object js(String script) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(script);
    }

    /** "m:ss" or "h:mm:ss" of the state timer in seconds; -1 when there is none. */
    private static int seconds(String shown) {
        if (shown == null || !shown.matches("\\d+(:\\d\\d){1,2}")) {
            return -1;
        }
        int s = 0;
        for (String part : shown.split(":")) {
            s = s * 60 + Integer.parseInt(part);
        }
        return s;
    }

    private void awaitEvent(String what, Predicate<AmiMessage> p) {
        Http.await(what, T, () -> events.stream().anyMatch(p));
    }

    private <T> T waitFor(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, T).withMessage(what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    /** To target/screenshots; with {@code -Dscreenshots.docs=true} into docs/ (the one the documentation shows). */
    private void screenshot(String name) throws IOException {
        Path dir = Boolean.getBoolean("screenshots.docs")
                ? Path.of(System.getProperty("user.dir")).getParent().resolve("docs")
                : Path.of(System.getProperty("user.dir")).resolve("target/screenshots");
        js("window.scrollTo(0, 0)");
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(dir);
        Files.copy(shot.toPath(), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
