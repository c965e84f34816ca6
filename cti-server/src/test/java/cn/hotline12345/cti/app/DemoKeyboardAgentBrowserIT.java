package cn.hotline12345.cti.app;

import cn.hotline12345.cti.platform.config.ConfigLoader;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.ServerConfigs;
import cn.hotline12345.cti.testing.SoftphonePages;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static cn.hotline12345.cti.testing.SoftphonePages.bytesReceived;
import static cn.hotline12345.cti.testing.SoftphonePages.panel;
import static cn.hotline12345.cti.testing.SoftphonePages.stats;
import static cn.hotline12345.cti.testing.SoftphonePages.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 23's last item, as the demo's user meets it: demo mode exactly as {@code cti-server demo} starts it (pbx-sim,
 * its hotline traffic, its SIP WebSocket), a person logs in to the console as {@link DemoMode#KEYBOARD_AGENT} in
 * real Chromium, and nothing else is set up by the test: the console is already in softphone mode, registers with
 * the account the demo made, a simulated citizen's call rings the browser with the pop, Alt+J answers, the
 * citizen's recorded voice arrives (inbound bytes growing, audio level above 0), the hang-up from the pop ends it.
 */
@ExtendWith(PostgresExtension.class)
class DemoKeyboardAgentBrowserIT {

    @Test
    void theKeyboardAgentTakesASimulatedCallWithTheBrowsersSoftphone(TestDatabase db) throws Exception {
        assumeTrue(SoftphonePages.chromiumInstalled(), "no chromium: browser test skipped");
        int httpPort = ServerConfigs.freePort();
        int agiPort = ServerConfigs.freePort();
        Map<String, String> env = new HashMap<>(ServerConfigs.env(db, httpPort, agiPort, 1));
        // a small, busy day: two agents (1001 is the keyboard agent's), calls every few seconds, nothing seeded
        env.put("CTI_DEMO_AGENTS", "2");
        env.put("CTI_DEMO_CALLS_PER_SECOND", "0.3");
        env.put("CTI_DEMO_HISTORY", "false");
        env.put("CTI_DEMO_BACK_OFFICE", "false");
        env.put("CTI_DEMO_DAY_START", "10:00");
        Path profile = Files.createTempDirectory("chromium-demo-agent");
        WebDriver agent = null;
        try (CtiServer server = DemoMode.start(new ConfigLoader(env).demoDefaults(true).load(null))) {
            Http.await("ready", Duration.ofSeconds(30), () -> server.readiness().ready());
            agent = SoftphonePages.chromium(profile);
            agent.get(ServerConfigs.origin(httpPort) + "/console/");
            SoftphonePages.login(agent, DemoMode.KEYBOARD_AGENT);
            waitFor(agent, "the demo's softphone registers by itself", d -> "1".equals(panel(d, "registered")));
            assertThat(panel(agent, "mode")).isEqualTo("softphone");

            // the next call the queue gives 1001 rings the browser, with the pop
            // (a call 1001's script answered before the browser registered ends in wrap-up, which holds the phone
            // until 话后处理完成: the person presses it, twice when the console says the form is unsaved)
            waitFor(agent, "a simulated citizen's call rings the browser", Duration.ofSeconds(150), d -> {
                if ("ringing".equals(panel(d, "call"))) {
                    return true;
                }
                if (SoftphonePages.text(d, "call-phase").equals("话后处理")) {
                    d.findElement(By.id("btn-wrapup")).click();
                }
                return false;
            });
            waitFor(agent, "screen pop", d -> d.findElement(By.id("pop")).isDisplayed());
            new Actions(agent).keyDown(Keys.ALT).sendKeys("j").keyUp(Keys.ALT).perform();
            waitFor(agent, "talking", d -> "talking".equals(panel(d, "call")));
            long first = waitFor(agent, "the citizen's voice", d -> bytesReceived(d) > 0 ? bytesReceived(d) : null);
            waitFor(agent, "the voice goes on, with a level", d -> {
                Map<?, ?> s = stats(d);
                return s != null && ((Number) s.get("bytesReceived")).longValue() > first + 4000
                        && ((Number) s.get("audioLevel")).doubleValue() > 0;
            });
            agent.findElement(By.id("btn-hangup")).click();
            waitFor(agent, "call over", d -> "".equals(panel(d, "call")));
        } finally {
            if (agent != null) {
                agent.quit();
            }
            SoftphonePages.deleteTree(profile);
        }
    }
}
