package cn.hotline12345.cti.call.web;

import cn.hotline12345.cti.call.internal.RecordingService;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.Db;
import cn.hotline12345.cti.testing.TestConfigs;
import cn.hotline12345.cti.testing.FakeLiveQueues;
import cn.hotline12345.cti.platform.web.HttpVerticle;
import cn.hotline12345.cti.testing.RecordingAgentActions;
import cn.hotline12345.cti.platform.web.RouteContributor;
import cn.hotline12345.cti.testing.WebClientSession;
import cn.hotline12345.cti.testing.WebSlices;
import cn.hotline12345.cti.desk.internal.DefaultScreenPopEnricher;
import cn.hotline12345.schema.testing.PostgresExtension;
import cn.hotline12345.schema.testing.TestDatabase;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recording route over real HTTP with the real login, against a real database and a temporary recordings
 * directory: each role, byte ranges, unknown calls, missing files and hostile stored file names.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordingRoutesIT {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Vertx vertx;
    private Db db;
    private WebSlices module;
    private int port;
    private Path dir;
    private Path outside;
    private final byte[] audio = new byte[10_000];
    private final byte[] secret = "TOP SECRET - not a recording".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    void start(TestDatabase database) throws Exception {
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (byte) (i * 31 + 7);
        }
        Path root = Files.createTempDirectory("cti-rec");
        dir = Files.createDirectories(root.resolve("recordings"));
        outside = root.resolve("secret.wav");
        Files.write(outside, secret);
        Files.write(dir.resolve("1700000000.1.wav"), audio);
        Files.createDirectories(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("link.wav"), outside);
        Files.createSymbolicLink(dir.resolve("linkdir"), root);

        vertx = Vertx.vertx();
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        CtiConfig config = TestConfigs.forDatabase(database, Map.of("CTI_HTTP_PORT", String.valueOf(port),
                "CTI_HTTP_ALLOWED_ORIGINS", "http://127.0.0.1:" + port));
        db = new Db(vertx, database.dataSource(), 4);
        module = new WebSlices(vertx, db, config, new cn.hotline12345.cti.call.api.CallUpdateHub(), new FakeLiveQueues(),
                new RecordingAgentActions(), new DefaultScreenPopEnricher(), Clock.systemUTC());
        List<RouteContributor> routes = new ArrayList<>(module.routes());
        routes.add(new RecordingRoutes(new RecordingService(db, dir, Clock.systemUTC())));
        HttpVerticle http = new HttpVerticle(config.http(), routes);
        vertx.deployVerticle(http).await(30, TimeUnit.SECONDS);
    }

    @AfterAll
    void stop() throws Exception {
        module.close();
        vertx.close().await(20, TimeUnit.SECONDS);
        db.close();
    }

    /** Inserts a call record answered by {@code agent} with the given stored recording name; returns its linkedid. */
    private String call(String agent, String recordingFile) {
        String linkedid = "1700000" + SEQ.incrementAndGet() + ".5";
        db.query(dsl -> dsl.execute("insert into call (pbx_id, linkedid, started_at, answered_at, ended_at, agent,"
                + " recording_file, disposition) values ('pbx1', ?, now(), now(), now(), ?, ?, 'answered')",
                linkedid, agent, recordingFile)).await();
        return linkedid;
    }

    private WebClientSession login(String user) {
        return new WebClientSession(port, "http://127.0.0.1:" + port).login(user);
    }

    private HttpResponse<byte[]> get(WebClientSession s, String path, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).GET();
        if (s != null) {
            b.header("Cookie", "CTI_SESSION=" + s.sessionId);
        }
        if (range != null) {
            b.header("Range", range);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String path(String linkedid) {
        return "/api/calls/pbx1/" + linkedid + "/recording";
    }

    private int audits(String actor, String action, String linkedid) {
        return db.query(dsl -> dsl.fetchCount(dsl.selectOne().from("audit_log")
                .where("actor = ? and action = ? and subject = ?", actor, action, "call:pbx1/" + linkedid))).await();
    }

    @Test
    void supervisorHearsEveryRecordingAndTheAccessIsAudited() throws Exception {
        String id = call("PJSIP/1002", "1700000000.1.wav");
        HttpResponse<byte[]> r = get(login("supervisor1"), path(id), null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("audio/wav");
        assertThat(r.body()).isEqualTo(audio);
        assertThat(audits("supervisor1", RecordingService.AUDIT_PLAY, id)).isEqualTo(1);
    }

    @Test
    void agentHearsTheCallTheyTookWithByteRanges() throws Exception {
        String id = call("PJSIP/1001", "1700000000.1.wav");
        WebClientSession agent1 = login("agent1");
        HttpResponse<byte[]> full = get(agent1, path(id), null);
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(full.body()).isEqualTo(audio);

        HttpResponse<byte[]> part = get(agent1, path(id), "bytes=100-199");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("content-range")).hasValue("bytes 100-199/" + audio.length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(audio, 100, 200));

        HttpResponse<byte[]> tail = get(agent1, path(id), "bytes=-10");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(audio, audio.length - 10, audio.length));

        assertThat(get(agent1, path(id), "bytes=20000-").statusCode()).isEqualTo(416);
        assertThat(get(agent1, path(id), "bytes=abc").statusCode()).isEqualTo(416);
        assertThat(audits("agent1", RecordingService.AUDIT_PLAY, id)).isEqualTo(5);
    }

    @Test
    void anotherAgentAnEngineerAnAdminAndAUnitAreRefusedAndAudited() throws Exception {
        String id = call("PJSIP/1001", "1700000000.1.wav");
        HttpResponse<byte[]> unknown = get(login("supervisor1"), path("99999998.1"), null);
        for (String user : List.of("agent2", "engineer1", "admin", "unit1")) {
            HttpResponse<byte[]> r = get(login(user), path(id), null);
            // 404 like an unknown call (issue 20 item 11: a 403 told them the call exists and was recorded)
            assertThat(r.statusCode()).as(user).isEqualTo(404);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).as(user)
                    .isEqualTo(new String(unknown.body(), StandardCharsets.UTF_8));
            assertThat(audits(user, RecordingService.AUDIT_REFUSED, id)).as(user).isEqualTo(1);
        }
    }

    @Test
    void withoutLoginTheAnswerIs401() throws Exception {
        String id = call("PJSIP/1001", "1700000000.1.wav");
        assertThat(get(null, path(id), null).statusCode()).isEqualTo(401);
    }

    @Test
    void unknownCallMissingFileAndNoRecordingAre404() throws Exception {
        WebClientSession sup = login("supervisor1");
        assertThat(get(sup, path("99999999.9"), null).statusCode()).isEqualTo(404);
        assertThat(get(sup, path(call("PJSIP/1001", "not-there.wav")), null).statusCode()).isEqualTo(404);
        assertThat(get(sup, path(call("PJSIP/1001", null)), null).statusCode()).isEqualTo(404);
        assertThat(get(sup, path(call("PJSIP/1001", "sub")), null).statusCode()).as("a directory").isEqualTo(404);
        // control characters in a path are refused before any route (issue 20 item 11)
        assertThat(get(sup, "/api/calls/PBX%0D%0A/1.2/recording", null).statusCode()).isEqualTo(400);
        assertThat(get(sup, "/api/calls/pbx1/..%2F..%2Fsecret/recording", null).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret.wav", "sub/../../secret.wav", "/etc/passwd", "link.wav", "linkdir/secret.wav",
            "..\\secret.wav", "sub/..", "~/secret.wav", "a\u0000b.wav"})
    void hostileStoredFileNamesNeverLeaveTheRecordingsDirectory(String stored) throws Exception {
        String id = call("PJSIP/1001", stored.replace('\u0000', '\uFFFD'));
        if (stored.indexOf('\u0000') >= 0) {
            // PostgreSQL text cannot hold NUL: check the resolver itself with it
            assertThat(cn.hotline12345.cti.call.internal.RecordingFiles.resolve(dir, stored)).isEmpty();
        }
        HttpResponse<byte[]> r = get(login("supervisor1"), path(id), null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("TOP SECRET");
        assertThat(audits("supervisor1", RecordingService.AUDIT_REFUSED, id)).isEqualTo(1);
    }
}
