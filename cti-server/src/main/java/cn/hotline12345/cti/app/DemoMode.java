package cn.hotline12345.cti.app;

import cn.hotline12345.cti.app.demo.DemoBackOffice;
import cn.hotline12345.cti.app.demo.DemoSeeder;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.config.HotlineTime;
import cn.hotline12345.cti.platform.db.DatabaseRuntime;
import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.PbxSim;
import cn.hotline12345.pbxsim.scenario.HotlineTraffic;
import cn.hotline12345.pbxsim.scenario.LoadGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

/**
 * Demo mode (issue 22 item 2: "a well-run hotline day"): the server on embedded PostgreSQL with an in-process PBX
 * simulator (pbx-sim) speaking real AMI and FastAGI over loopback and running the shipped dialplan and queues.
 *
 * <ol>
 *   <li>The traffic is {@link HotlineTraffic}: a compressed hotline day ({@code demo.dayLength} of real time) with a
 *   morning peak of {@code demo.callsPerSecond}, a citizen population whose IVR choices reach all the queues, and as
 *   many simulated agents as Erlang C asks for 85 % answered within 20 s at the peak ({@code demo.agents: 0}), so
 *   the wallboard shows a hotline that keeps up; {@code demo.rushHour} (or {@code demo --rush-hour}) overloads it
 *   on purpose for a while (overflow, callbacks, alarms).</li>
 *   <li>Before the first call {@link DemoSeeder} fills an empty database through the real services: units, a matter
 *   history, the knowledge base, two nuisance callers under measures. Citizens with an open matter call back about
 *   it; the nuisance numbers call often.</li>
 *   <li>{@link DemoBackOffice} plays the staff and units nobody sits at: drafts nobody touched are completed, units
 *   sign for and reply, replies are revisited (an agent at the console still completes their own calls).</li>
 * </ol>
 */
final class DemoMode {

    private static final Logger LOG = LoggerFactory.getLogger(DemoMode.class);
    /** The demo supervisor's extension (schema's demo_users.sql), outside every queue. */
    static final String SUPERVISOR_PHONE = "2001";
    /**
     * The demo agent a person can be (issue 23): agent1's extension. Its console is in softphone mode; while its
     * browser is registered with the simulator's SIP WebSocket, the queues ring the browser (pbx-sim's media end
     * plays the simulated caller's voice to it) instead of the agent's script; when no browser is registered the
     * script answers, as for every other demo agent.
     */
    static final String KEYBOARD_AGENT = "agent1";
    /** Erlang C target of the automatic agent count: answered within 20 s (queues.conf servicelevel). */
    static final double SERVICE_TARGET = 0.85;

    private DemoMode() {
    }

    /** The day's traffic the configuration asks for (numbers of returning and nuisance callers added later). */
    static HotlineTraffic.Options traffic(CtiConfig.Demo d, Clock clock) {
        int agents = d.agents() > 0 ? d.agents() : Math.max(3, HotlineTraffic.agentsFor(d.callsPerSecond(), SERVICE_TARGET));
        LocalTime start = d.dayStart() != null ? d.dayStart() : LocalTime.now(clock.withZone(HotlineTime.ZONE));
        HotlineTraffic.Options o = HotlineTraffic.Options.defaults(agents, d.callsPerSecond()).withSeed(d.seed())
                .withDay(d.dayLength(), start);
        if (d.rushHour()) {
            o = o.withRush(new HotlineTraffic.RushHour(d.rushAfter(), d.rushLength(), d.rushFactor()));
        }
        return o;
    }

    static CtiServer start(CtiConfig config) {
        CtiConfig.Demo d = config.demo();
        HotlineTraffic.Options options = traffic(d, Clock.systemUTC());
        // the agents and queues depend on the options' seed and agent count only: the same with the callers added
        HotlineTraffic layout = new HotlineTraffic(options);
        PbxSim.Builder b = PbxSim.builder().amiPort(0).amiCredentials("cti", "ctisecret")
                .agiTarget("127.0.0.1", config.agi().port()).seed(d.seed())
                .promptSamples(options.prompt().toMillis() * 8);
        layout.queues().forEach(b::queue);
        layout.agents().forEach(b::agent);
        // supervisor1's own phone (demo_users.sql): 监听/耳语/强插 ring it into ChanSpy; it answers, as a person would
        b.agent(AgentSpec.pjsip(SUPERVISOR_PHONE).answerAfter(1_500).talkFor(3_600_000));
        PbxSim sim = b.build().startBlocking();
        CtiConfig.Pbx first = config.pbxs().get(0);
        // one node, one simulated PBX whose FastAGI connections come from loopback, its host
        CtiConfig demoConfig = config.withPbxs(List.of(new CtiConfig.Pbx("demo", "127.0.0.1", sim.amiPort(), "cti",
                "ctisecret", first.pingInterval(), first.actionTimeout())), CtiConfig.Cluster.disabled());
        // the console's softphone registers with the simulator's SIP over WebSocket (Asterisk's http.conf /ws)
        cn.hotline12345.pbxsim.sip.SipWebSocketServer sip;
        try {
            String realm = cn.hotline12345.cti.phone.api.SoftphoneSettings.from(config.section("softphone")).realm();
            sip = sim.startSipWebSocket("127.0.0.1", realm);
            demoConfig = demoConfig.withSection(config.section("softphone").with("wsUrl", "ws://{host}:" + sip.port()
                    + "/ws"));
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
        CtiServer server;
        try {
            // demo mode only: the demo users of the README (password Demo-12345!)
            server = CtiServer.start(demoConfig, true);
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
        try {
            writeAsteriskRecords(sim, server);
            Features f = server.features();
            keyboardAgent(server, f, sip);
            Instant now = Instant.now();
            DemoSeeder.Seeded seeded = DemoSeeder.seed(server.db(), f.knowledge().knowledge(), f.callers().nuisance(),
                    d.seed(), d.historyDays(), d.history(), now);
            if (f.text() != null) {
                // the text engine trained at start on an empty database: it learns the seeded history now
                f.text().retrain().onFailure(e -> LOG.warn("demo: the text engine did not learn the history: {}",
                        e.toString()));
            }
            HotlineTraffic traffic = new HotlineTraffic(options.withCallers(seeded.openMatterNumbers(),
                    List.of(DemoSeeder.WARNED_NUMBER), List.of(DemoSeeder.DEDICATED_NUMBER)));
            LoadGenerator generator = traffic.generator(sim);
            generator.start(sim.vertx());
            DemoBackOffice backOffice = d.backOffice() ? new DemoBackOffice(server.vertx(), f.matters(),
                    Clock.systemUTC(), now, d.seed(), seeded.unitIds(), seeded.liveTexts()) : null;
            if (backOffice != null) {
                backOffice.start();
            }
            server.onClose(() -> {
                if (backOffice != null) {
                    backOffice.close();
                }
                generator.stop(sim.vertx());
                sim.close();
            });
            LOG.info("demo: pbx-sim AMI on 127.0.0.1:{}, {} agents, peak {} calls/s (Erlang C service level at the"
                            + " peak {}%), a hotline day every {}{}; console on http://localhost:{}/", sim.amiPort(),
                    layout.agents().size(), d.callsPerSecond(), Math.round(traffic.peakServiceLevel() * 100),
                    d.dayLength(), d.rushHour() ? ", rush hour after " + d.rushAfter() : "", server.httpPort());
        } catch (Exception e) {
            server.close();
            sim.close();
            throw new IllegalStateException("demo: cannot seed or start the traffic: " + e.getMessage(), e);
        }
        return server;
    }

    /**
     * Gives {@link #KEYBOARD_AGENT} a SIP account (a password made at each start, known to nobody: the softphone logs
     * in with the HA1 the server hands its owner) and the softphone mode, and tells the simulator the same HA1, as
     * Asterisk would read it from the realtime ps_auths view.
     */
    private static void keyboardAgent(CtiServer server, Features f, cn.hotline12345.pbxsim.sip.SipWebSocketServer sip)
            throws Exception {
        var accounts = f.phone().accounts();
        Long id = accounts.activeUserId(KEYBOARD_AGENT).toCompletionStage().toCompletableFuture()
                .get(30, java.util.concurrent.TimeUnit.SECONDS).orElse(null);
        if (id == null) {
            LOG.warn("demo: no user {}: nobody can take the demo's calls with the browser's softphone", KEYBOARD_AGENT);
            return;
        }
        var change = accounts.set(id, null, "demo").toCompletionStage().toCompletableFuture()
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        if (!(change instanceof cn.hotline12345.cti.phone.internal.SipAccountService.Change.Done done)) {
            LOG.warn("demo: {} got no SIP account ({}): the softphone will not register", KEYBOARD_AGENT, change);
            return;
        }
        sip.account(done.account().extension(), done.account().ha1());
        accounts.setMode(id, cn.hotline12345.cti.phone.api.PhoneMode.SOFTPHONE).toCompletionStage()
                .toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        LOG.info("demo: {} (extension {}) answers with the browser's softphone at {} once logged in to the console",
                KEYBOARD_AGENT, done.account().extension(), sip.url());
    }

    /**
     * Issue 21: the simulated PBX writes Asterisk's own CEL and queue_log rows into the server's database (schema
     * asterisk), as a real Asterisk with docker/asterisk's cel_pgsql.conf does, so the demo runs the reconciler and the
     * call log on the whole path. Its own connection, tagged with the demo PBX's id.
     */
    private static void writeAsteriskRecords(PbxSim sim, CtiServer server) {
        try {
            DatabaseRuntime.Login login = server.database().login();
            sim.writeAsteriskRecords(login.jdbcUrl(), login.user(), login.password(), "demo");
        } catch (RuntimeException e) {
            LOG.warn("demo: pbx-sim writes no CEL/queue_log rows, the reconciler has nothing to read: {}", e.toString());
        }
    }
}
