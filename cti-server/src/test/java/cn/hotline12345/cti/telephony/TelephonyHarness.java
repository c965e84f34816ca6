package cn.hotline12345.cti.telephony;

import cn.hotline12345.cti.call.CallModule;
import cn.hotline12345.cti.call.api.CallUpdate;
import cn.hotline12345.cti.call.api.CallUpdateHub;
import cn.hotline12345.cti.call.internal.CallRecordRepository;
import cn.hotline12345.cti.platform.config.ConfigLoader;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.platform.health.Readiness;
import cn.hotline12345.cti.testing.FakeAgiResponder;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.PbxSim;
import cn.hotline12345.pbxsim.QueueConfig;
import cn.hotline12345.pbxsim.Strategy;
import cn.hotline12345.schema.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * pbx-sim over real TCP, a fake IVR, and the telephony module on a real PostgreSQL: one per test.
 */
final class TelephonyHarness implements AutoCloseable {

    private static final AtomicInteger PBX_SEQ = new AtomicInteger();

    final Vertx vertx = Vertx.vertx();
    final Readiness readiness = new Readiness();
    final CallUpdateHub hub = new CallUpdateHub();
    final List<CallUpdate> updates = new CopyOnWriteArrayList<>();
    final FakeAgiResponder ivr;
    final PbxSim sim;
    final Db db;
    final CallModule calls;
    final TelephonyModule telephony;
    final String pbxId = "t" + PBX_SEQ.incrementAndGet() + "-" + ProcessHandle.current().pid();

    TelephonyHarness(TestDatabase database, Function<String, Map<String, String>> ivrVars, List<AgentSpec> agents,
                     QueueConfig... queues) {
        this(database, ivrVars, b -> {
            // the shipped docker/asterisk/extensions.conf (the sim's default), with these queues and phones
            for (QueueConfig q : queues) {
                b.queue(q);
            }
            for (AgentSpec a : agents) {
                b.agent(a);
            }
        });
    }

    /** With the simulator set up by the caller (dialplan, queues, agents), e.g. the captures' own setup. */
    TelephonyHarness(TestDatabase database, Function<String, Map<String, String>> ivrVars,
                     java.util.function.Consumer<PbxSim.Builder> simSetup) {
        this(database, ivrVars, simSetup, true);
    }

    /**
     * @param awaitReady false: only wait for the link's first resync (a misconfigured PBX keeps /ready down while
     *                   the link works)
     */
    TelephonyHarness(TestDatabase database, Function<String, Map<String, String>> ivrVars,
                     java.util.function.Consumer<PbxSim.Builder> simSetup, boolean awaitReady) {
        this.ivr = new FakeAgiResponder(vertx, ivrVars);
        PbxSim.Builder b = PbxSim.builder().amiPort(0).amiCredentials("cti", "ctisecret")
                .agiTarget("127.0.0.1", ivr.port()).seed(7);
        simSetup.accept(b);
        this.sim = b.build().startBlocking();
        String journal;
        try {
            journal = java.nio.file.Files.createTempDirectory("cti-journal").toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        CtiConfig config = new ConfigLoader(Map.of()).bind(Map.of("database", Map.of("journalDir", journal), "pbxs", List.of(Map.of(
                "id", pbxId, "host", "127.0.0.1", "port", sim.amiPort(), "user", "cti", "secret", "ctisecret",
                "pingInterval", "1s", "actionTimeout", "3s"))));
        this.db = new Db(vertx, database.dataSource(), 4);
        hub.subscribe(updates::add);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        this.calls = new CallModule(vertx, db, config.database(), List.of(pbxId), config.recordings().dir(), hub, readiness,
                registry, Clock.systemUTC(), n -> null);
        calls.start();
        this.telephony = new TelephonyModule(vertx, config.pbxs(), calls, readiness, registry, Clock.systemUTC());
        telephony.start();
        if (awaitReady) {
            awaitLinkUp();
        } else {
            Http.await("AMI link resynced", Duration.ofSeconds(15), () -> telephony.connectors().get(pbxId).resyncs() > 0);
        }
    }

    /** What /ready says of this PBX's link. */
    String readinessDetail() {
        var c = readiness.snapshot().get("ami:" + pbxId);
        return c == null ? "" : (c.up() ? "UP " : "DOWN ") + c.detail();
    }

    static QueueConfig generalQueue(String... extensions) {
        QueueConfig.Member[] members = new QueueConfig.Member[extensions.length];
        for (int i = 0; i < extensions.length; i++) {
            members[i] = QueueConfig.Member.of("PJSIP/" + extensions[i], "Agent " + extensions[i]);
        }
        return QueueConfig.of("q-general", Strategy.RRMEMORY, members).timing(2, 1, 0);
    }

    void awaitLinkUp() {
        Http.await("AMI link up and resynced", Duration.ofSeconds(10),
                () -> readiness.isUp("ami:" + pbxId) && telephony.connectors().get(pbxId).resyncs() > 0);
    }

    long resyncs() {
        return telephony.connectors().get(pbxId).resyncs();
    }

    CallRecordRepository.StoredCall storedCall(String linkedid) {
        return db.query(dsl -> new CallRecordRepository(dsl).find(new cn.hotline12345.cti.call.api.CallKey(pbxId, linkedid)))
                .await().orElse(null);
    }

    int countRows(String sql) {
        return db.query(dsl -> dsl.fetchValue(sql.replace("$pbx", "'" + pbxId + "'")))
                .map(v -> ((Number) v).intValue()).await();
    }

    void flush() throws InterruptedException {
        if (!calls.writer().awaitIdle(10_000)) {
            throw new AssertionError("writer did not drain");
        }
    }

    <T extends CallUpdate> List<T> updatesOf(Class<T> type) {
        return updates.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
        telephony.close();
        calls.close();
        sim.close();
        ivr.close();
        db.close();
        try {
            vertx.close().await();
        } catch (Exception e) {
            // best effort in tests
        }
    }
}
