package cn.hotline12345.cti.desk.web;

import cn.hotline12345.cti.app.CtiServer;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.ServerConfigs;
import cn.hotline12345.cti.testing.WebFixture;
import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.CallHandle;
import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.pbxsim.PbxSim;
import cn.hotline12345.pbxsim.QueueConfig;
import cn.hotline12345.pbxsim.Strategy;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 8's scenario on the whole product in real headless Chromium: agent1 logs in on the console, a
 * pbx-sim call goes through the real IVR and rings agent1's phone, the pop shows the masked caller and the
 * IVR path, the agent completes the call's draft matter (saved by the real matter API), and the wallboard
 * counts the call.
 */
@ExtendWith(PostgresExtension.class)
class ConsoleWithPbxSimBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void aPbxSimCallPopsOnTheConsoleAndTheAgentCompletesItsMatter(TestDatabase db) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "no chromium: browser test skipped");
        int httpPort = ServerConfigs.freePort();
        int agiPort = ServerConfigs.freePort();
        String origin = ServerConfigs.origin(httpPort);
        Path profile = Files.createTempDirectory("chromium-profile");
        WebDriver driver = null;
        try (PbxSim sim = PbxSim.builder().amiPort(0).amiCredentials("cti", "ctisecret")
                .agiTarget("127.0.0.1", agiPort).seed(9).timeScale(0.25)
                .queue(QueueConfig.of("q-consult", Strategy.RRMEMORY, QueueConfig.Member.of("PJSIP/1001", "坐席 1001"))
                        .timing(30, 1, 0))
                .agent(AgentSpec.pjsip("1001").answerAfter(20_000).talkFor(2_000))
                .build().startBlocking();
             CtiServer server = CtiServer.start(ServerConfigs.config(db, httpPort, agiPort, sim.amiPort()))) {
            Http.await("ready", Duration.ofSeconds(15), () -> server.readiness().ready());
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1000",
                    "--lang=zh-CN", "--user-data-dir=" + profile);
            driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build(), options);
            WebDriver d0 = driver;
            Function<String, String> text = id -> d0.findElement(By.id(id)).getText();

            driver.get(origin + "/console/");
            login(driver, "agent1");
            waitFor(driver, "desk and live channel", d -> d.findElement(By.id("desk")).isDisplayed()
                    && d.findElement(By.id("link-status")).getText().contains("已连接"));

            CallHandle call = sim.placeCall(CallerSpec.of("13812345678").name("张先生").digits("5,1,1"));
            waitFor(driver, "screen pop", d -> d.findElement(By.id("pop")).isDisplayed());
            assertThat(text.apply("caller-number")).isEqualTo("138****5678");
            assertThat(text.apply("ivr-path")).contains("诉求类别：1"); // the IVR path in words (issue 22 item 1)
            assertThat(driver.getPageSource()).doesNotContain("13812345678");

            driver.findElement(By.id("m-subject")).sendKeys("公积金提取");
            driver.findElement(By.id("m-content")).sendKeys("咨询公积金提取需要的材料");
            driver.findElement(By.id("m-contact-name")).clear(); // the draft brings the name the IVR heard
            driver.findElement(By.id("m-contact-name")).sendKeys("张先生");
            driver.findElement(By.id("m-contact-number")).sendKeys("13812345678");
            driver.findElement(By.id("btn-save-matter")).click();
            waitFor(driver, "saved", d -> d.findElement(By.id("matter-saved")).getText().contains("草稿已保存")); // issue 19: a draft until 受理

            var row = server.db().query(dsl -> dsl.fetchOne(
                    "select subject, contact_name, category, status from matter where origin_linkedid = ?",
                    call.linkedid())).await();
            assertThat(row).as("the call's draft matter was completed, not a second one created").isNotNull();
            assertThat(row.get("subject", String.class)).isEqualTo("公积金提取");
            assertThat(row.get("contact_name", String.class)).isEqualTo("张先生");
            assertThat(row.get("category", String.class)).isEqualTo("consultation");
            assertThat(server.db().query(dsl -> dsl.fetchValue("select count(*) from matter")).await())
                    .isEqualTo(1L);

            driver.get(origin + "/wallboard/");
            login(driver, "supervisor1");
            waitFor(driver, "the call counted on the wallboard", d -> {
                var rows = d.findElements(By.cssSelector("#queue-rows tr[data-queue='q-consult'] td.offered"));
                return !rows.isEmpty() && rows.get(0).getText().equals("1");
            });
        } finally {
            if (driver != null) {
                driver.quit();
            }
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static void login(WebDriver driver, String user) {
        waitFor(driver, "login form", d -> d.findElement(By.id("login-view")).isDisplayed());
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(WebFixture.PASSWORD);
        driver.findElement(By.id("login-btn")).click();
    }

    private static <T> T waitFor(WebDriver driver, String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage(what).until(condition);
    }
}
