package cn.hotline12345.cti.phone;

import cn.hotline12345.cti.app.CtiServer;
import cn.hotline12345.cti.platform.config.ConfigLoader;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.ServerConfigs;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.pbxsim.PbxSim;
import cn.hotline12345.pbxsim.QueueConfig;
import cn.hotline12345.pbxsim.Strategy;
import cn.hotline12345.pbxsim.ami.AmiMessage;
import cn.hotline12345.pbxsim.sip.SipWebSocketServer;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static cn.hotline12345.cti.testing.SoftphonePages.bytesReceived;
import static cn.hotline12345.cti.testing.SoftphonePages.panel;
import static cn.hotline12345.cti.testing.SoftphonePages.stats;
import static cn.hotline12345.cti.testing.SoftphonePages.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 23, the demo's person at the keyboard: a <em>simulated</em> caller (no caller page) rung to the agent's
 * browser. pbx-sim's media end (ICE-lite, DTLS-SRTP, PCMU) offers in the INVITE and plays a recorded citizen; the
 * agent answers from the pop with Alt+J and hears the citizen (getStats inbound audio bytes growing, audio level
 * above 0), the microphone meter moves (the fake device's beep), a key on the softphone's keypad reaches the agent's
 * channel as Asterisk reports it (DTMFBegin/DTMFEnd, Direction Received, on PJSIP/1001-…), 保持 makes the media end
 * stop sending (its answer recvonly) and 恢复 starts it again, the hang-up from the pop ends the call as the agent's,
 * 话后处理完成 gives the phone back. On a second citizen's call 咨询转接 to colleague 1002 (the consultation INVITE
 * answered by the simulator's media end) and 完成转接 (REFER with Replaces) give Asterisk's AttendedTransfer.
 * With the simulator's caller media switched off, the next call is the agent script's again (the browser never rings).
 */
@ExtendWith(PostgresExtension.class)
class SoftphoneSimulatedCallerBrowserIT {

    private static final String REALM = "hotline12345";

    @Test
    void aSimulatedCitizensVoiceReachesTheBrowserAgentWhoseKeysHoldAndHangUpReachThePbx(TestDatabase db) throws Exception {
        assumeTrue(cn.hotline12345.cti.testing.SoftphonePages.chromiumInstalled(), "no chromium: browser test skipped");
        int httpPort = ServerConfigs.freePort();
        int agiPort = ServerConfigs.freePort();
        String origin = ServerConfigs.origin(httpPort);
        Path profile = Files.createTempDirectory("chromium-agent");
        List<AmiMessage> events = new CopyOnWriteArrayList<>();
        WebDriver agent = null;
        try (PbxSim sim = PbxSim.builder().amiPort(0).amiCredentials("cti", "ctisecret")
                .agiTarget("127.0.0.1", agiPort).seed(11)
                .queue(QueueConfig.of("q-consult", Strategy.RRMEMORY, QueueConfig.Member.of("PJSIP/1001", "坐席 1001"))
                        .timing(60, 1, 0))
                // the script would answer after 3 s and talk 20 s: while the browser is registered it does neither
                .agent(AgentSpec.pjsip("1001").answerAfter(3_000).talkFor(20_000))
                .agent(AgentSpec.pjsip("1002").answerAfter(1_000).talkFor(60_000))
                .eventListener(events::add)
                .build().startBlocking()) {
            SipWebSocketServer sip = sim.startSipWebSocket("127.0.0.1", REALM);
            Map<String, String> env = new HashMap<>(ServerConfigs.env(db, httpPort, agiPort, sim.amiPort()));
            env.put("CTI_SOFTPHONE_WS_URL", "ws://{host}:" + sip.port() + "/ws");
            try (CtiServer server = CtiServer.start(new ConfigLoader(env).load(null))) {
                Http.await("ready", Duration.ofSeconds(15), () -> server.readiness().ready());
                WebClientSession admin = new WebClientSession(httpPort, origin).login("admin");
                long agent1 = ((Number) server.db().query(dsl -> dsl.fetchValue(
                        "select id from app_user where username = 'agent1'")).await()).longValue();
                HttpResponse<String> set = admin.post("/api/admin/users/" + agent1 + "/sip", "{}");
                assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
                String pw = new JsonObject(set.body()).getString("password");
                sip.account("1001", cn.hotline12345.cti.phone.internal.SipAccountService.ha1("1001", REALM, pw));
                WebClientSession a1 = new WebClientSession(httpPort, origin).login("agent1");
                assertThat(a1.post("/api/phone/mode", "{\"mode\":\"softphone\"}").statusCode()).isEqualTo(200);

                agent = cn.hotline12345.cti.testing.SoftphonePages.chromium(profile);
                agent.get(origin + "/console/");
                cn.hotline12345.cti.testing.SoftphonePages.login(agent, "agent1");
                waitFor(agent, "softphone registered", d -> "1".equals(panel(d, "registered")));

                // a simulated citizen calls 12345 and reaches the consultation queue: the browser rings
                sim.placeCall(CallerSpec.of("13912340001").name("市民").digits("5,1,1").patience(Duration.ofMinutes(3)));
                waitFor(agent, "screen pop", Duration.ofSeconds(60), d -> d.findElement(By.id("pop")).isDisplayed());
                waitFor(agent, "the softphone rings", d -> "ringing".equals(panel(d, "call")));
                new Actions(agent).keyDown(Keys.ALT).sendKeys("j").keyUp(Keys.ALT).perform();
                waitFor(agent, "talking", d -> "talking".equals(panel(d, "call")));
                Http.await("AgentConnect", Duration.ofSeconds(15),
                        () -> events.stream().anyMatch(e -> e.name().equals("AgentConnect")));

                // the citizen's recorded voice arrives, with a level (speech, not silence)
                long first = waitFor(agent, "inbound audio", d -> bytesReceived(d) > 0 ? bytesReceived(d) : null);
                waitFor(agent, "inbound audio growing with a level", d -> {
                    Map<?, ?> s = stats(d);
                    return s != null && ((Number) s.get("bytesReceived")).longValue() > first + 4000
                            && ((Number) s.get("audioLevel")).doubleValue() > 0;
                });
                // the microphone meter shows the fake device's beep
                waitFor(agent, "microphone meter", d -> Double.parseDouble(
                        d.findElement(By.id("sp-level")).getDomProperty("value")) > 0);

                // a key on the softphone's keypad: RFC 4733 in RTP to the PBX, which reports it on the agent's channel
                int before = events.size();
                agent.findElement(By.cssSelector("#sp-keypad button[data-digit='5']")).click();
                java.util.function.Supplier<java.util.Optional<AmiMessage>> key = () -> events
                        .subList(before, events.size()).stream().filter(e -> e.name().equals("DTMFEnd")
                                && "Received".equals(e.get("Direction")) && "5".equals(e.get("Digit"))).findFirst();
                Http.await("DTMFEnd of the agent's key", Duration.ofSeconds(15), () -> key.get().isPresent());
                AmiMessage dtmf = key.get().orElseThrow();
                assertThat(dtmf.get("Channel")).startsWith("PJSIP/1001-");

                // 保持: the simulator's media end answers recvonly and stops sending; 恢复: it sends again
                agent.findElement(By.id("sp-hold")).click();
                waitFor(agent, "held", d -> "held".equals(panel(d, "call")));
                long held = waitFor(agent, "no more audio while held", Duration.ofSeconds(20), d -> {
                    long a = bytesReceived(d);
                    try {
                        Thread.sleep(1_000); // two readings a second apart: has anything arrived in between?
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return a > 0 && bytesReceived(d) == a ? a : null;
                });
                agent.findElement(By.id("sp-hold")).click();
                waitFor(agent, "talking again", d -> "talking".equals(panel(d, "call")));
                waitFor(agent, "audio again after resume", d -> bytesReceived(d) > held + 2000);

                // the agent hangs up from the pop: the call completes as the agent's
                agent.findElement(By.id("btn-hangup")).click();
                waitFor(agent, "call over", d -> "".equals(panel(d, "call")));
                Http.await("AgentComplete", Duration.ofSeconds(15), () -> events.stream()
                        .anyMatch(e -> e.name().equals("AgentComplete") && "agent".equals(e.get("Reason"))));

                endWrapUp(agent, events);

                // 咨询转接 on a second citizen's call: the consultation call to colleague 1002 (a scripted phone whose
                // media end, the simulator's, answers the page's offer), then 完成转接: REFER with Replaces, Asterisk's
                // AttendedTransfer, both of the agent's legs end and the caller stays with 1002
                sim.placeCall(CallerSpec.of("13912340003").digits("5,1,1").patience(Duration.ofMinutes(3)));
                waitFor(agent, "the second call rings", Duration.ofSeconds(60), d -> "ringing".equals(panel(d, "call")));
                new Actions(agent).keyDown(Keys.ALT).sendKeys("j").keyUp(Keys.ALT).perform();
                waitFor(agent, "talking (2)", d -> "talking".equals(panel(d, "call")));
                waitFor(agent, "the second citizen's voice", d -> bytesReceived(d) > 2000);
                agent.findElement(By.id("sp-target")).clear();
                agent.findElement(By.id("sp-target")).sendKeys("1002");
                agent.findElement(By.id("sp-consult-call")).click();
                waitFor(agent, "the consultation call is up", d -> "talking".equals(
                        d.findElement(By.id("sp-consult")).getDomAttribute("data-state")));
                int beforeTransfer = events.size();
                agent.findElement(By.id("sp-consult-complete")).click();
                Http.await("AttendedTransfer", Duration.ofSeconds(15), () -> events.subList(beforeTransfer,
                        events.size()).stream().anyMatch(e -> e.name().equals("AttendedTransfer")
                        && "Success".equals(e.get("Result"))));
                waitFor(agent, "the console says it transferred", d -> cn.hotline12345.cti.testing.SoftphonePages
                        .text(d, "sp-status").contains("已转接"));
                waitFor(agent, "the agent's calls are over", d -> "".equals(panel(d, "call")));
                endWrapUp(agent, events);

                // caller media off: the next simulated call is the script's (answered after 3 s), the browser stays idle
                sip.simulatedCallerMedia(false);
                long connects = events.stream().filter(e -> e.name().equals("AgentConnect")).count();
                sim.placeCall(CallerSpec.of("13912340002").digits("5,1,1").patience(Duration.ofMinutes(3))
                        .talk(Duration.ofSeconds(2)));
                Http.await("the script answers", Duration.ofSeconds(60),
                        () -> events.stream().filter(e -> e.name().equals("AgentConnect")).count() > connects);
                assertThat(panel(agent, "call")).isNotEqualTo("ringing").isNotEqualTo("talking");
            }
        } finally {
            if (agent != null) {
                agent.quit();
            }
            cn.hotline12345.cti.testing.SoftphonePages.deleteTree(profile);
        }
    }

    /** 话后处理完成 (pressed once more when the console says the matter form is unsaved), then the member unpaused. */
    private static void endWrapUp(WebDriver agent, List<AmiMessage> events) {
        int from = events.size();
        java.util.function.BooleanSupplier unpaused = () -> events.subList(from, events.size()).stream()
                .anyMatch(e -> e.name().equals("QueueMemberPause") && "0".equals(e.get("Paused")));
        waitFor(agent, "wrap-up", d -> d.findElement(By.id("btn-wrapup")).isDisplayed());
        agent.findElement(By.id("btn-wrapup")).click();
        // (a wait's condition answering false means "not yet": answer a word instead)
        String outcome = waitFor(agent, "wrap-up ended or asked again", d -> unpaused.getAsBoolean() ? "done"
                : cn.hotline12345.cti.testing.SoftphonePages.text(d, "action-result").contains("尚未保存") ? "again"
                : null);
        if (outcome.equals("again")) {
            agent.findElement(By.id("btn-wrapup")).click();
        }
        Http.await("the queue member unpaused", Duration.ofSeconds(15), unpaused);
    }
}
