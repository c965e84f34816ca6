package cn.hotline12345.cti.app;

import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.telephony.TelephonyModule;
import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.PbxSim;
import cn.hotline12345.pbxsim.QueueConfig;
import cn.hotline12345.pbxsim.Strategy;
import cn.hotline12345.pbxsim.scenario.Scenario;
import cn.hotline12345.pbxsim.scenario.ScenarioRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Demo mode: the server on embedded PostgreSQL with an in-process PBX simulator (pbx-sim) speaking real
 * AMI and FastAGI over loopback, generating calls at {@code demo.callsPerSecond} from scripted callers
 * who press menu digits, wait, or hang up, and agents 1001.. who answer and talk.
 */
final class DemoMode {

    private static final Logger LOG = LoggerFactory.getLogger(DemoMode.class);

    private DemoMode() {
    }

    static CtiServer start(CtiConfig config) {
        int agents = config.demo().agents();
        List<String> extensions = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            extensions.add(Integer.toString(1001 + i));
        }
        List<QueueConfig> queues = new ArrayList<>();
        for (String q : TelephonyModule.CONTRACT_QUEUES.stream().sorted().toList()) {
            QueueConfig.Member[] members = extensions.stream()
                    .map(e -> QueueConfig.Member.of("PJSIP/" + e, "坐席 " + e)).toArray(QueueConfig.Member[]::new);
            queues.add(QueueConfig.of(q, Strategy.RRMEMORY, members).timing(15, 2, 5));
        }
        Random random = new Random(config.demo().seed());
        List<AgentSpec> agentSpecs = new ArrayList<>();
        for (String e : extensions) {
            agentSpecs.add(AgentSpec.pjsip(e).answerAfter(1_500 + random.nextInt(3_000)).talkFor(15_000 + random.nextInt(45_000)));
        }
        List<Scenario.CallerProfile> callers = List.of(
                new Scenario.CallerProfile(30, "13#########", "市民", "1,1", Duration.ofSeconds(90), null),
                new Scenario.CallerProfile(15, "15#########", "市民", "1,4", Duration.ofSeconds(60), null),
                new Scenario.CallerProfile(15, "0536########", "", "0", Duration.ofSeconds(120), null),
                new Scenario.CallerProfile(10, "18#########", "", "2,#", Duration.ofSeconds(60), null),
                new Scenario.CallerProfile(10, "13800138000", "张三", "1,2", Duration.ofSeconds(60), null),
                new Scenario.CallerProfile(10, "17#########", "", "3,1", Duration.ofSeconds(30), null),
                new Scenario.CallerProfile(10, "13#########", "", "", Duration.ofSeconds(20), Duration.ofSeconds(8)));
        Scenario scenario = new Scenario(config.demo().seed(), config.demo().callsPerSecond(), Duration.ofDays(365),
                queues, agentSpecs, callers, List.of());

        PbxSim.Builder b = PbxSim.builder().amiPort(0).amiCredentials("cti", "ctisecret")
                .agiTarget("127.0.0.1", config.agi().port()).seed(config.demo().seed());
        queues.forEach(b::queue);
        agentSpecs.forEach(b::agent);
        PbxSim sim = b.build().startBlocking();
        CtiConfig.Pbx first = config.pbxs().get(0);
        // one node, one simulated PBX whose FastAGI connections come from loopback, its host
        CtiConfig demoConfig = config.withPbxs(List.of(new CtiConfig.Pbx("demo", "127.0.0.1", sim.amiPort(), "cti",
                "ctisecret", first.pingInterval(), first.actionTimeout())), CtiConfig.Cluster.disabled());
        CtiServer server;
        try {
            // demo mode only: the demo users of the README (password Demo-12345!)
            server = CtiServer.start(demoConfig, true);
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
        writeAsteriskRecords(sim, server, config);
        ScenarioRunner runner = new ScenarioRunner(sim, scenario);
        runner.start(sim.vertx());
        server.onClose(() -> {
            runner.stop(sim.vertx());
            sim.close();
        });
        LOG.info("demo: pbx-sim AMI on 127.0.0.1:{}, {} agents, {} new calls/s; console on http://localhost:{}/",
                sim.amiPort(), agents, config.demo().callsPerSecond(), server.httpPort());
        return server;
    }

    /**
     * Issue 21: the simulated PBX writes Asterisk's own CEL and queue_log rows into the server's database (schema
     * asterisk), as a real Asterisk with docker/asterisk's cel_pgsql.conf does, so the demo runs the reconciler and the
     * call log on the whole path. Its own connection, tagged with the demo PBX's id.
     */
    private static void writeAsteriskRecords(PbxSim sim, CtiServer server, CtiConfig config) {
        try {
            var target = new cn.hotline12345.cti.call.internal.AsteriskRecordRepository(server.db().dsl()).target();
            String password = config.database().mode() == CtiConfig.Database.Mode.EMBEDDED ? "postgres"
                    : config.database().password();
            sim.writeAsteriskRecords(target.jdbcUrl(), target.user(), password, "demo");
        } catch (RuntimeException e) {
            LOG.warn("demo: pbx-sim writes no CEL/queue_log rows, the reconciler has nothing to read: {}", e.toString());
        }
    }
}
