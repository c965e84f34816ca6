package cn.hotline12345.cti.screens;

import cn.hotline12345.cti.app.CtiServer;
import cn.hotline12345.cti.platform.config.ConfigLoader;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.ServerConfigs;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.contract.HotlineQueue;
import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.PbxSim;
import cn.hotline12345.pbxsim.QueueConfig;
import cn.hotline12345.pbxsim.Strategy;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole server for the screens' tests (issue 24), on the test database: real sessions, CSRF, every slice's routes.
 * With a PBX it runs pbx-sim (the shipped dialplan) with agents 1001-1003 in every queue of the contract, answering
 * after a moment and talking long, so live calls stay on screen; without one the AMI link points at a closed port.
 */
public final class ScreensServer implements AutoCloseable {

    public final PbxSim sim;
    public final CtiServer server;
    public final int httpPort;
    public final String origin;

    private ScreensServer(PbxSim sim, CtiServer server, int httpPort) {
        this.sim = sim;
        this.server = server;
        this.httpPort = httpPort;
        this.origin = ServerConfigs.origin(httpPort);
    }

    public static ScreensServer start(TestDatabase db, boolean withPbx, Map<String, String> extraEnv) {
        int httpPort = ServerConfigs.freePort();
        int agiPort = ServerConfigs.freePort();
        PbxSim sim = null;
        if (withPbx) {
            PbxSim.Builder b = PbxSim.builder().amiPort(0).amiCredentials("cti", "ctisecret")
                    .agiTarget("127.0.0.1", agiPort).seed(24).timeScale(0.25);
            for (String q : HotlineQueue.ids()) {
                b.queue(QueueConfig.of(q, Strategy.RRMEMORY, QueueConfig.Member.of("PJSIP/1001", "话务员一"),
                        QueueConfig.Member.of("PJSIP/1002", "话务员二"), QueueConfig.Member.of("PJSIP/1003", "话务员三"))
                        .timing(30, 1, 0));
            }
            for (String ext : new String[] {"1001", "1002", "1003"}) {
                b.agent(AgentSpec.pjsip(ext).answerAfter(1_000).talkFor(600_000));
            }
            // a supervisor's phone (issue 23: listen, whisper, barge ring it into ChanSpy); in no queue
            b.agent(AgentSpec.pjsip("2001").answerAfter(300).talkFor(600_000));
            sim = b.build().startBlocking();
        }
        Map<String, String> env = new HashMap<>(ServerConfigs.env(db, httpPort, agiPort,
                sim == null ? ServerConfigs.freePort() : sim.amiPort()));
        env.putAll(extraEnv);
        CtiServer server;
        try {
            server = CtiServer.start(new ConfigLoader(env).load(null));
        } catch (RuntimeException e) {
            if (sim != null) {
                sim.close();
            }
            throw e;
        }
        ScreensServer s = new ScreensServer(sim, server, httpPort);
        if (withPbx) {
            Http.await("database, AMI and FastAGI ready", Duration.ofSeconds(20), () -> server.readiness().ready());
        }
        return s;
    }

    public WebClientSession session(String user) {
        return new WebClientSession(httpPort, origin).login(user);
    }

    public WebClientSession session(String user, String password) {
        return new WebClientSession(httpPort, origin).loginAs(user, password);
    }

    /** A matter taken by an agent, accepted and dispatched to {@code lead} with {@code co} units. */
    public JsonObject dispatched(WebClientSession agent, String subject, boolean confidential, String lead, String... co) {
        JsonObject body = new JsonObject().put("category", "complaint").put("subject", subject)
                .put("content", "居民反映：" + subject + "，已持续一周，请尽快处理。").put("area", "奎文区")
                .put("place", "东风东街").put("address", "奎文区东风东街 100 号").put("hasPlace", true)
                .put("contactName", "张先生").put("contactNumber", "13812345678").put("confidential", confidential);
        HttpResponse<String> created = agent.post("/api/matters", body.encode());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long id = new JsonObject(created.body()).getLong("id");
        HttpResponse<String> accepted = agent.post("/api/matters/" + id + "/accept", "{}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        HttpResponse<String> d = agent.post("/api/matters/" + id + "/dispatch", new JsonObject().put("leadUnitId", lead)
                .put("coUnitIds", new JsonArray(java.util.List.of((Object[]) co))).encode());
        assertThat(d.statusCode()).as(d.body()).isEqualTo(200);
        return new JsonObject(d.body());
    }

    /** Rows of a count query on the server's database. */
    public long count(String sql, Object... args) {
        return server.db().query(dsl -> ((Number) dsl.fetchValue(sql, args)).longValue()).await();
    }

    @Override
    public void close() {
        server.close();
        if (sim != null) {
            sim.close();
        }
    }
}
