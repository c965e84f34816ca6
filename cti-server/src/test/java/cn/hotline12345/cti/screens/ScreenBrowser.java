package cn.hotline12345.cti.screens;

import cn.hotline12345.cti.testing.WebFixture;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium at 1366×768 for the screens' browser tests (the pattern of {@code desk/web/ConsoleBrowserIT}):
 * login, waits, the checks every screen must pass (no English word a user reads, nothing wider than the window) and
 * screenshots (to target/screenshots; with {@code -Dscreenshots.docs=true} to docs/).
 */
public final class ScreenBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Latin tokens a user may read: protocol and format names, units. */
    static final Set<String> ALLOWED = Set.of("ID", "AMI", "FastAGI", "CSV", "MB", "KB");
    private static final Pattern LATIN = Pattern.compile("[A-Za-z][A-Za-z]+");

    public final WebDriver driver;
    private final String origin;
    private final Path profile;

    public static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    public ScreenBrowser(String origin) throws IOException {
        this.origin = origin;
        this.profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1366,768",
                "--lang=zh-CN", "--user-data-dir=" + profile);
        // a Chinese user's browser: its own controls (date fields) in Chinese too
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "zh-CN,zh"));
        this.driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .withEnvironment(java.util.Map.of("LANG", "C.UTF-8", "LANGUAGE", "zh_CN:zh"))
                .usingAnyFreePort().build(), options);
    }

    public void open(String path) {
        driver.get(origin + path);
    }

    public void login(String user) {
        waitFor("login form", d -> d.findElement(By.id("login-view")).isDisplayed());
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(WebFixture.PASSWORD);
        driver.findElement(By.id("login-btn")).click();
        waitFor("the screen after login", d -> d.findElement(By.id("screen")).isDisplayed());
    }

    public <T> T waitFor(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage(what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class).until(condition);
    }

    public String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    public WebElement css(String selector) {
        return driver.findElement(By.cssSelector(selector));
    }

    public List<WebElement> all(String selector) {
        return driver.findElements(By.cssSelector(selector));
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * The Latin words a user reads on the page: its rendered text (innerText, so hidden parts and tooltips do not count)
     * with the identifiers the page shows verbatim ({@code .verbatim}: channel names, configuration keys, file names)
     * left out, less {@link #ALLOWED}.
     */
    public List<String> latinWords() {
        String text = (String) js("const v = [...document.querySelectorAll('.verbatim')];"
                + "v.forEach((n) => { n.dataset.vis = n.style.visibility; n.style.visibility = 'hidden'; });"
                + "const s = document.body.innerText;"
                + "v.forEach((n) => { n.style.visibility = n.dataset.vis; });"
                + "return s;");
        List<String> out = new ArrayList<>();
        Matcher m = LATIN.matcher(text);
        while (m.find()) {
            if (!ALLOWED.contains(m.group())) {
                out.add(m.group());
            }
        }
        return out;
    }

    /** Whether the page fits the window's width (no sideways scrolling at 1366 pixels). */
    public boolean fitsWidth() {
        return Boolean.TRUE.equals(js("return document.documentElement.scrollWidth <= window.innerWidth + 1;"));
    }

    /** The window's inner size, as [width, height]. */
    @SuppressWarnings("unchecked")
    public List<Long> viewport() {
        return (List<Long>) js("return [window.innerWidth, window.innerHeight];");
    }

    public void screenshot(String name) throws IOException {
        Path docs = Boolean.getBoolean("screenshots.docs")
                ? Path.of(System.getProperty("user.dir")).getParent().resolve("docs")
                : Path.of(System.getProperty("user.dir")).resolve("target/screenshots");
        js("window.scrollTo(0, 0)");
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(docs);
        Files.copy(shot.toPath(), docs.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
