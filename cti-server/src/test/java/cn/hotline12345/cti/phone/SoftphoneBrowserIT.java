package cn.hotline12345.cti.phone;

import cn.hotline12345.cti.app.CtiServer;
import cn.hotline12345.cti.platform.config.ConfigLoader;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.ServerConfigs;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.pbxsim.AgentSpec;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.interactions.Actions;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static cn.hotline12345.cti.testing.SoftphonePages.chromium;
import static cn.hotline12345.cti.testing.SoftphonePages.login;
import static cn.hotline12345.cti.testing.SoftphonePages.panel;
import static cn.hotline12345.cti.testing.SoftphonePages.stats;
import static cn.hotline12345.cti.testing.SoftphonePages.text;
import static cn.hotline12345.cti.testing.SoftphonePages.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 23 on the whole product in real headless Chromium, real WebRTC: the server, pbx-sim with its SIP WebSocket
 * side, the agent's console in softphone mode (SIP.js served by the server) and a caller page (a second Chromium
 * running SIP.js with its fake microphone). The caller page calls 12345, the queue rings agent1's browser, the pop
 * shows, the agent answers from the pop with Alt+J, and the caller's fake audio arrives at the agent page
 * (getStats() inbound-rtp audio bytesReceived growing, audioLevel above 0). Then: a second tab of the same agent
 * does not register, a dropped WebSocket shows the error and the phone registers again by itself, and a wrong
 * password (the PBX holding another HA1) shows the Chinese refusal.
 */
@ExtendWith(PostgresExtension.class)
class SoftphoneBrowserIT {

    private static final String REALM = "hotline12345";
    private static final String CALLER_PW = "caller-page-pw-123";

    static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theCallerPagesAudioReachesTheAgentWhoAnswersFromThePopAndThePhoneSurvivesDropsAndRefusals(TestDatabase db)
            throws Exception {
        assumeTrue(cn.hotline12345.cti.testing.SoftphonePages.chromiumInstalled(), "no chromium: browser test skipped");
        int httpPort = ServerConfigs.freePort();
        int agiPort = ServerConfigs.freePort();
        String origin = ServerConfigs.origin(httpPort);
        Path agentProfile = Files.createTempDirectory("chromium-agent");
        Path callerProfile = Files.createTempDirectory("chromium-caller");
        List<AmiMessage> events = new CopyOnWriteArrayList<>();
        WebDriver agent = null;
        WebDriver caller = null;
        try (PbxSim sim = PbxSim.builder().amiPort(0).amiCredentials("cti", "ctisecret")
                .agiTarget("127.0.0.1", agiPort).seed(9)
                .queue(QueueConfig.of("q-consult", Strategy.RRMEMORY, QueueConfig.Member.of("PJSIP/1001", "坐席 1001"))
                        .timing(60, 1, 0))
                // the script would answer after 3 s: the browser must be what answers
                .agent(AgentSpec.pjsip("1001").answerAfter(3_000).talkFor(60_000))
                .eventListener(events::add)
                .build().startBlocking()) {
            SipWebSocketServer sip = sim.startSipWebSocket("127.0.0.1", REALM);
            Map<String, String> env = new HashMap<>(ServerConfigs.env(db, httpPort, agiPort, sim.amiPort()));
            env.put("CTI_SOFTPHONE_WS_URL", "ws://{host}:" + sip.port() + "/ws");
            try (CtiServer server = CtiServer.start(new ConfigLoader(env).load(null))) {
                Http.await("ready", Duration.ofSeconds(15), () -> server.readiness().ready());

                // the administrator sets agent1's SIP password; the PBX holds the HA1 the server made
                WebClientSession admin = new WebClientSession(httpPort, origin).login("admin");
                long agent1 = ((Number) server.db().query(dsl -> dsl.fetchValue(
                        "select id from app_user where username = 'agent1'")).await()).longValue();
                assertThat(agent1).isPositive();
                String pw = "Agent1-Softphone-Pw-2026";
                HttpResponse<String> set = admin.post("/api/admin/users/" + agent1 + "/sip",
                        new JsonObject().put("password", pw).encode());
                assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
                sip.account("1001", md5("1001:" + REALM + ":" + pw));
                sip.account("13800138000", md5("13800138000:" + REALM + ":" + CALLER_PW));
                WebClientSession a1 = new WebClientSession(httpPort, origin).login("agent1");
                assertThat(a1.post("/api/phone/mode", "{\"mode\":\"softphone\"}").statusCode()).isEqualTo(200);
                JsonObject creds = new JsonObject(a1.get("/api/phone/credentials").body());
                assertThat(creds.getString("wsUrl")).isEqualTo(sip.url());

                // the agent's console registers the softphone
                agent = chromium(agentProfile);
                agent.get(origin + "/console/");
                login(agent, "agent1");
                waitFor(agent, "softphone registered", d -> "1".equals(panel(d, "registered")));
                assertThat(text(agent, "sp-status")).contains("软电话已就绪");
                assertThat(sip.isRegistered("1001").toCompletionStage().toCompletableFuture().get()).isTrue();

                // a second tab of the same agent does not register a second time, and says so
                String first = agent.getWindowHandle();
                agent.switchTo().newWindow(WindowType.TAB);
                agent.get(origin + "/console/");
                waitFor(agent, "the second tab says another tab has the phone",
                        d -> text(d, "sp-status").contains("已在其他标签页使用软电话"));
                assertThat(panel(agent, "registered")).isNotEqualTo("1");
                agent.close();
                agent.switchTo().window(first);

                // the caller page (SIP.js from our server, on a page whose policy lets it reach the PBX) calls 12345
                caller = chromium(callerProfile);
                caller.get(origin + "/console/");
                waitFor(caller, "caller page loaded", d -> d.findElement(By.id("login-view")).isDisplayed());
                Object placed = ((JavascriptExecutor) caller).executeAsyncScript(
                        "const done = arguments[arguments.length - 1]; const pw = arguments[0]; const ws = arguments[1];"
                        + "import('/vendor/sip.js/index.js').then(async (SIP) => {"
                        + "  const ua = new SIP.UserAgent({ uri: SIP.UserAgent.makeURI('sip:13800138000@127.0.0.1'),"
                        + "    authorizationUsername: '13800138000', authorizationPassword: pw,"
                        + "    transportOptions: { server: ws }, logLevel: 'warn' });"
                        + "  await ua.start();"
                        + "  await new SIP.Registerer(ua).register();"
                        + "  const inv = new SIP.Inviter(ua, SIP.UserAgent.makeURI('sip:12345@127.0.0.1'),"
                        + "    { sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },"
                        + "      extraHeaders: ['X-Sim-Digits: 5,1,1'] });"
                        + "  window.callerCall = inv;"
                        + "  inv.stateChange.addListener((s) => { window.callerState = s; });"
                        + "  await inv.invite();"
                        + "  done('invited');"
                        + "}).catch((e) => done('failed: ' + e));", CALLER_PW, sip.url());
                assertThat(placed).isEqualTo("invited");

                // the queue rings the agent's browser: the pop and the softphone ring together
                waitFor(agent, "screen pop", d -> d.findElement(By.id("pop")).isDisplayed());
                waitFor(agent, "the softphone rings", d -> "ringing".equals(panel(d, "call")));
                assertThat(events.stream().map(AmiMessage::name)).contains("AgentCalled").doesNotContain("AgentConnect");

                // one key in the pop: Alt+J answers the INVITE in this page
                new Actions(agent).keyDown(Keys.ALT).sendKeys("j").keyUp(Keys.ALT).perform();
                waitFor(agent, "talking", d -> "talking".equals(panel(d, "call")));
                Http.await("AgentConnect", Duration.ofSeconds(15),
                        () -> events.stream().anyMatch(e -> e.name().equals("AgentConnect")));
                waitFor(caller, "the caller's call is up", d -> "Established".equals(
                        String.valueOf(((JavascriptExecutor) d).executeScript("return window.callerState;"))));

                // the caller's fake microphone arrives at the agent page
                Map<?, ?> s1 = waitFor(agent, "inbound audio", d -> {
                    Map<?, ?> s = stats(d);
                    return s != null && ((Number) s.get("bytesReceived")).longValue() > 0 ? s : null;
                });
                long firstBytes = ((Number) s1.get("bytesReceived")).longValue();
                Map<?, ?> s2 = waitFor(agent, "inbound audio growing with a level", d -> {
                    Map<?, ?> s = stats(d);
                    return s != null && ((Number) s.get("bytesReceived")).longValue() > firstBytes + 2000
                            && ((Number) s.get("audioLevel")).doubleValue() > 0 ? s : null;
                });
                assertThat(((Number) s2.get("audioLevel")).doubleValue()).isGreaterThan(0);
                waitFor(agent, "call timer", d -> text(d, "sp-timer").matches("\\d\\d:\\d\\d"));

                // 保持 is a re-INVITE through the PBX (SIP.js offers a=sendonly): the caller page's side becomes
                // receive-only; 恢复 makes it two-way again
                agent.findElement(By.id("sp-hold")).click();
                waitFor(agent, "held", d -> "held".equals(panel(d, "call")));
                waitFor(caller, "the caller only receives (music on hold's place)", d -> "recvonly".equals(direction(d)));
                agent.findElement(By.id("sp-hold")).click();
                waitFor(agent, "talking again", d -> "talking".equals(panel(d, "call")));
                waitFor(caller, "two-way again", d -> "sendrecv".equals(direction(d)));

                // 静音: the agent's microphone sends silence, the caller hears nothing until it is switched back
                waitFor(caller, "the caller hears the agent", d -> callerLevel(d) > 0.001);
                agent.findElement(By.id("sp-mute")).click();
                assertThat(agent.findElement(By.id("sp-mute")).getDomAttribute("data-on")).isEqualTo("1");
                waitFor(caller, "silence at the caller while muted", d -> callerLevel(d) < 0.0005);
                agent.findElement(By.id("sp-mute")).click();
                waitFor(caller, "the caller hears the agent again", d -> callerLevel(d) > 0.001);

                // the agent hangs up from the pop: BYE, the call completes as an agent hang-up
                agent.findElement(By.id("btn-hangup")).click();
                waitFor(agent, "call over", d -> "".equals(panel(d, "call")));
                Http.await("AgentComplete", Duration.ofSeconds(15), () -> events.stream()
                        .anyMatch(e -> e.name().equals("AgentComplete") && "agent".equals(e.get("Reason"))));

                // the WebSocket drops: the page says so and registers again by itself
                sip.dropConnectionsOf("1001");
                waitFor(agent, "the WebSocket-lost error", d -> "phone.error.ws_lost".equals(panel(d, "error")));
                assertThat(text(agent, "sp-status")).contains("连接已断开");
                waitFor(agent, "registered again", d -> "1".equals(panel(d, "registered")) && panel(d, "error") == null);

                // the PBX's HA1 no longer matches (the password was rotated elsewhere): registration refused
                sip.account("1001", md5("1001:" + REALM + ":another-password-entirely"));
                sip.dropConnectionsOf("1001");
                waitFor(agent, "refused", d -> "phone.error.refused".equals(panel(d, "error")));
                assertThat(text(agent, "sp-status")).contains("分机注册被拒绝");
                assertThat(sip.isRegistered("1001").toCompletionStage().toCompletableFuture().get()).isFalse();
            }
        } finally {
            for (WebDriver d : new WebDriver[] {agent, caller}) {
                if (d != null) {
                    d.quit();
                }
            }
            for (Path p : new Path[] {agentProfile, callerProfile}) {
                try (var files = Files.walk(p)) {
                    files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
            }
        }
    }

    /** The caller page's audio transceiver direction as negotiated ({@code sendrecv}, {@code recvonly}, ...). */
    private static String direction(WebDriver d) {
        Object o = ((JavascriptExecutor) d).executeScript("const h = window.callerCall && window.callerCall"
                + ".sessionDescriptionHandler; if (!h || !h.peerConnection) return null;"
                + "const t = h.peerConnection.getTransceivers().find((x) => x.receiver.track.kind === 'audio');"
                + "return t ? t.currentDirection : null;");
        return o == null ? null : o.toString();
    }

    /** The audio level of what the caller page receives (getStats inbound-rtp), -1 without it. */
    private static double callerLevel(WebDriver d) {
        Object o = ((JavascriptExecutor) d).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const h = window.callerCall && window.callerCall.sessionDescriptionHandler;"
                + "if (!h || !h.peerConnection) { done(-1); return; }"
                // the level is measured where the audio plays out: the caller page plays what it receives, as a phone
                + "if (!window.callerAudio) { const ms = new MediaStream();"
                + "  h.peerConnection.getReceivers().forEach((x) => { if (x.track) ms.addTrack(x.track); });"
                + "  window.callerAudio = new Audio(); window.callerAudio.srcObject = ms; window.callerAudio.play(); }"
                + "h.peerConnection.getStats().then((r) => { let l = -1; r.forEach((s) => {"
                + "  if (s.type === 'inbound-rtp' && s.kind === 'audio') l = s.audioLevel || 0; }); done(l); },"
                + "  () => done(-1));");
        return o instanceof Number n ? n.doubleValue() : -1;
    }
}
