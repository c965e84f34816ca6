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
import org.openqa.selenium.interactions.Actions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static cn.hotline12345.cti.testing.SoftphonePages.login;
import static cn.hotline12345.cti.phone.SoftphoneBrowserIT.md5;
import static cn.hotline12345.cti.testing.SoftphonePages.panel;
import static cn.hotline12345.cti.testing.SoftphonePages.text;
import static cn.hotline12345.cti.testing.SoftphonePages.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console softphone over {@code wss://} against pbx-sim in real headless Chromium: registration over TLS, the
 * microphone level meter, the softphone's own blind transfer (直接转接: a REFER the simulator carries out as
 * res_pjsip_refer.c does), and the no-microphone-permission error.
 *
 * <p>TLS: pbx-sim makes a self-signed certificate at start, and the browsers here are told to accept it with
 * {@code --ignore-certificate-errors}. A real deployment must give Asterisk a certificate the agents' browsers trust
 * (docs/softphone.md "TLS certificate for Asterisk's WSS", docker/tls/README.md): a browser gives a page no way to
 * accept a bad certificate for a WebSocket.
 */
@ExtendWith(PostgresExtension.class)
class SoftphoneTransferBrowserIT {

    private static final String REALM = "hotline12345";
    private static final String CALLER_PW = "caller-page-pw-123";

    /** Chromium with the house flags, a fake microphone, the self-signed certificate accepted, and {@code extra}. */
    private static WebDriver chromium(Path profile, String... extra) {
        List<String> args = new ArrayList<>(List.of(extra));
        // pbx-sim's certificate is self-signed: a test-only acceptance (see the class comment)
        args.add("--ignore-certificate-errors");
        return cn.hotline12345.cti.testing.SoftphonePages.chromiumWith(profile, args.toArray(String[]::new));
    }

    private static double level(WebDriver d) {
        Object v = ((JavascriptExecutor) d).executeScript("return document.getElementById('sp-level').value;");
        return v instanceof Number n ? n.doubleValue() : -1;
    }

    /**
     * A caller page (SIP.js from our server) registers {@code number} over wss and calls 12345; window.callerState
     * follows the newest call.
     */
    private static Object callerCalls(WebDriver caller, String wsUrl, String number) {
        return ((JavascriptExecutor) caller).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; const pw = arguments[0]; const ws = arguments[1];"
                + "const n = arguments[2];"
                + "import('/vendor/sip.js/index.js').then(async (SIP) => {"
                + "  const ua = new SIP.UserAgent({ uri: SIP.UserAgent.makeURI('sip:' + n + '@127.0.0.1'),"
                + "    authorizationUsername: n, authorizationPassword: pw,"
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
                + "}).catch((e) => done('failed: ' + e));", CALLER_PW, wsUrl, number);
    }

    private static String callerState(WebDriver caller) {
        return String.valueOf(((JavascriptExecutor) caller).executeScript("return window.callerState;"));
    }

    @Test
    void overWssTheMeterMovesTheBlindTransferReachesTheColleagueAndADeniedMicrophoneIsSaidInChinese(TestDatabase db)
            throws Exception {
        assumeTrue(cn.hotline12345.cti.testing.SoftphonePages.chromiumInstalled(), "no chromium: browser test skipped");
        int httpPort = ServerConfigs.freePort();
        int agiPort = ServerConfigs.freePort();
        String origin = ServerConfigs.origin(httpPort);
        List<Path> profiles = new ArrayList<>();
        List<WebDriver> browsers = new ArrayList<>();
        List<AmiMessage> events = new CopyOnWriteArrayList<>();
        try (PbxSim sim = PbxSim.builder().amiPort(0).amiCredentials("cti", "ctisecret")
                .agiTarget("127.0.0.1", agiPort).seed(11)
                .queue(QueueConfig.of("q-consult", Strategy.RRMEMORY, QueueConfig.Member.of("PJSIP/1001", "坐席 1001"))
                        .timing(60, 1, 0))
                .agent(AgentSpec.pjsip("1001").answerAfter(3_000).talkFor(60_000))
                // the colleague the softphone transfers to: [agents] exten => _1XXX,1,Dial(PJSIP/${EXTEN},30)
                .agent(AgentSpec.pjsip("1002").answerAfter(500).talkFor(60_000))
                .eventListener(events::add)
                .build().startBlocking()) {
            SipWebSocketServer sip = sim.startSipWebSocketTls("127.0.0.1", REALM, null);
            assertThat(sip.url()).startsWith("wss://");
            Map<String, String> env = new HashMap<>(ServerConfigs.env(db, httpPort, agiPort, sim.amiPort()));
            env.put("CTI_SOFTPHONE_WS_URL", "wss://{host}:" + sip.port() + "/ws");
            try (CtiServer server = CtiServer.start(new ConfigLoader(env).load(null))) {
                Http.await("ready", Duration.ofSeconds(15), () -> server.readiness().ready());
                WebClientSession admin = new WebClientSession(httpPort, origin).login("admin");
                long agent1 = ((Number) server.db().query(dsl -> dsl.fetchValue(
                        "select id from app_user where username = 'agent1'")).await()).longValue();
                String pw = "Agent1-Softphone-Pw-2026";
                assertThat(admin.post("/api/admin/users/" + agent1 + "/sip", new JsonObject().put("password", pw)
                        .encode()).statusCode()).isEqualTo(200);
                sip.account("1001", md5("1001:" + REALM + ":" + pw));
                sip.account("13800138000", md5("13800138000:" + REALM + ":" + CALLER_PW));
                sip.account("13900139000", md5("13900139000:" + REALM + ":" + CALLER_PW));
                WebClientSession a1 = new WebClientSession(httpPort, origin).login("agent1");
                assertThat(a1.post("/api/phone/mode", "{\"mode\":\"softphone\"}").statusCode()).isEqualTo(200);
                assertThat(new JsonObject(a1.get("/api/phone/credentials").body()).getString("wsUrl"))
                        .isEqualTo(sip.url());

                // the console registers over wss://
                Path agentProfile = Files.createTempDirectory("chromium-agent");
                profiles.add(agentProfile);
                WebDriver agent = chromium(agentProfile, "--use-fake-ui-for-media-stream");
                browsers.add(agent);
                agent.get(origin + "/console/");
                login(agent, "agent1");
                waitFor(agent, "softphone registered over wss", d -> "1".equals(panel(d, "registered")));
                assertThat(sip.isRegistered("1001").toCompletionStage().toCompletableFuture().get()).isTrue();

                Path callerProfile = Files.createTempDirectory("chromium-caller");
                profiles.add(callerProfile);
                WebDriver caller = chromium(callerProfile, "--use-fake-ui-for-media-stream");
                browsers.add(caller);
                caller.get(origin + "/console/");
                waitFor(caller, "caller page loaded", d -> d.findElement(By.id("login-view")).isDisplayed());
                assertThat(callerCalls(caller, sip.url(), "13800138000")).isEqualTo("invited");
                waitFor(agent, "the softphone rings", d -> "ringing".equals(panel(d, "call")));
                new Actions(agent).keyDown(Keys.ALT).sendKeys("j").keyUp(Keys.ALT).perform();
                waitFor(agent, "talking", d -> "talking".equals(panel(d, "call")));
                waitFor(caller, "the caller's call is up", d -> "Established".equals(callerState(d)));

                // the microphone meter follows the fake device's beep; muted it reads 0, unmuted it moves again
                waitFor(agent, "the meter moves", d -> level(d) > 0);
                agent.findElement(By.id("sp-mute")).click();
                waitFor(agent, "the meter at 0 while muted", d -> level(d) == 0);
                agent.findElement(By.id("sp-mute")).click();
                waitFor(agent, "the meter moves again", d -> level(d) > 0);

                // 直接转接 to 1002: REFER, BlindTransfer, the caller dials the colleague who answers, the agent's call ends
                String agentChan = events.stream().filter(e -> e.name().equals("AgentConnect")).findFirst()
                        .orElseThrow().get("DestChannel");
                agent.findElement(By.id("sp-target")).sendKeys("1002");
                agent.findElement(By.id("sp-blind")).click();
                waitFor(agent, "the console says it transferred", d -> text(d, "sp-status").contains("已转接 1002"));
                waitFor(agent, "the agent's call is over", d -> "".equals(panel(d, "call")));
                Http.await("BlindTransfer", Duration.ofSeconds(15), () -> first(events, "BlindTransfer",
                        e -> true).isPresent());
                AmiMessage bt = first(events, "BlindTransfer", e -> true).orElseThrow();
                assertThat(bt.get("Result")).isEqualTo("Success");
                assertThat(bt.get("TransfererChannel")).isEqualTo(agentChan);
                assertThat(bt.get("Context")).isEqualTo("agents");
                assertThat(bt.get("Extension")).isEqualTo("1002");
                String callerUid = bt.get("TransfereeUniqueid");
                // the caller's channel connected to PJSIP/1002: a Dial from [agents], answered, and bridged (a Dial,
                // not the queue, so DialEnd ANSWER and BridgeEnter are the events; AgentConnect was the agent's)
                Http.await("the caller bridged with PJSIP/1002", Duration.ofSeconds(15), () ->
                        first(events, "DialEnd", e -> callerUid.equals(e.get("Uniqueid"))
                                && e.get("DestChannel").startsWith("PJSIP/1002-")
                                && "ANSWER".equals(e.get("DialStatus"))).isPresent()
                        && first(events, "BridgeEnter", e -> callerUid.equals(e.get("Uniqueid"))).isPresent());
                Http.await("the agent's channel hung up", Duration.ofSeconds(15), () ->
                        first(events, "Hangup", e -> agentChan.equals(e.get("Channel"))).isPresent());
                Http.await("AgentComplete transfer", Duration.ofSeconds(15), () -> first(events, "AgentComplete",
                        e -> "transfer".equals(e.get("Reason"))).isPresent());
                assertThat(callerState(caller)).isEqualTo("Established");
                assertThat(panel(agent, "registered")).isEqualTo("1");

                // the server holds the agent in wrap-up (话后处理, paused) after the call; done, the queue may ring again
                waitFor(agent, "the wrap-up button", d -> d.findElement(By.id("btn-wrapup")).isDisplayed());
                int before = events.size();
                agent.findElement(By.id("btn-wrapup")).click();
                Http.await("unpaused", Duration.ofSeconds(15), () -> events.subList(before, events.size()).stream()
                        .anyMatch(e -> e.name().equals("QueueMemberPause") && "0".equals(e.get("Paused"))));

                // a Chromium that denies the microphone (no fake-ui auto-accept, prompts denied): the agent answers
                // and the console says, in Chinese, that the microphone is not allowed; the phone stays registered
                agent.quit();
                browsers.remove(agent);
                Path deniedProfile = Files.createTempDirectory("chromium-denied");
                profiles.add(deniedProfile);
                WebDriver denied = chromium(deniedProfile, "--deny-permission-prompts");
                browsers.add(denied);
                denied.get(origin + "/console/");
                login(denied, "agent1");
                waitFor(denied, "registered again in the denying browser", d -> "1".equals(panel(d, "registered")));
                Http.await("1001 registered from the denying browser", Duration.ofSeconds(15),
                        () -> sip.isRegistered("1001").toCompletionStage().toCompletableFuture().join());
                // another citizen (a repeat caller may be routed elsewhere by the server's caller rules)
                assertThat(callerCalls(caller, sip.url(), "13900139000")).isEqualTo("invited");
                waitFor(denied, "the softphone rings", d -> "ringing".equals(panel(d, "call")));
                new Actions(denied).keyDown(Keys.ALT).sendKeys("j").keyUp(Keys.ALT).perform();
                waitFor(denied, "the no-microphone error", d -> "phone.error.no_microphone".equals(panel(d, "error")));
                assertThat(text(denied, "sp-status")).contains("无法使用麦克风");
                assertThat(panel(denied, "registered")).isEqualTo("1");
                assertThat(panel(denied, "call")).isNotEqualTo("talking");
            }
        } finally {
            for (WebDriver d : browsers) {
                d.quit();
            }
            for (Path p : profiles) {
                try (var files = Files.walk(p)) {
                    files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
            }
        }
    }

    private static Optional<AmiMessage> first(List<AmiMessage> events, String name, Predicate<AmiMessage> p) {
        return events.stream().filter(e -> e.name().equals(name) && p.test(e)).findFirst();
    }
}
