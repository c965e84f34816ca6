package cn.hotline12345.cti.testing;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;

/** The console's softphone in real headless Chromium (issue 23's browser tests): the browser, and what the page shows. */
public final class SoftphonePages {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private SoftphonePages() {
    }

    public static boolean chromiumInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Chromium with a fake microphone (a beep) allowed without asking, and host ICE candidates as IPs, not mDNS names. */
    public static WebDriver chromium(Path profile) {
        return chromiumWith(profile, "--use-fake-ui-for-media-stream");
    }

    /**
     * Chromium with the house flags and a fake microphone device, but no answer to the page's permission prompt
     * unless {@code extra} gives one ({@code --use-fake-ui-for-media-stream} allows, {@code --deny-permission-prompts}
     * refuses), plus anything else in {@code extra}.
     */
    public static WebDriver chromiumWith(Path profile, String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--lang=zh-CN", "--user-data-dir=" + profile, "--use-fake-device-for-media-stream",
                "--autoplay-policy=no-user-gesture-required", "--disable-features=WebRtcHideLocalIpsWithMdns"));
        args.addAll(java.util.List.of(extra));
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(args);
        return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    /** Logs in on the console's login form with the test password. */
    public static void login(WebDriver driver, String user) {
        waitFor(driver, "login form", d -> d.findElement(By.id("login-view")).isDisplayed());
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(WebFixture.PASSWORD);
        driver.findElement(By.id("login-btn")).click();
    }

    /** One data-* attribute of the softphone panel ({@code registered}, {@code call}, {@code error}). */
    public static String panel(WebDriver d, String key) {
        return d.findElement(By.id("softphone-panel")).getDomAttribute("data-" + key);
    }

    public static String text(WebDriver d, String id) {
        return d.findElement(By.id(id)).getText();
    }

    /** The softphone's inbound audio statistics ({@code bytesReceived}, {@code audioLevel}), null without a call. */
    public static Map<?, ?> stats(WebDriver d) {
        Object o = ((JavascriptExecutor) d).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import('/console/softphone.js').then((m) => m.stats()).then(done, () => done(null));");
        return o instanceof Map<?, ?> m ? m : null;
    }

    public static long bytesReceived(WebDriver d) {
        Map<?, ?> s = stats(d);
        return s == null ? -1 : ((Number) s.get("bytesReceived")).longValue();
    }

    public static <T> T waitFor(WebDriver driver, String what, Function<WebDriver, T> condition) {
        return waitFor(driver, what, Duration.ofSeconds(30), condition);
    }

    public static <T> T waitFor(WebDriver driver, String what, Duration atMost, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, atMost).withMessage(what).until(condition);
    }

    public static void deleteTree(Path p) throws IOException {
        if (p == null || !Files.exists(p)) {
            return;
        }
        try (var files = Files.walk(p)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
