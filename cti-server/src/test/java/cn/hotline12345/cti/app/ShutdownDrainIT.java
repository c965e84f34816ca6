package cn.hotline12345.cti.app;

import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.platform.db.DatabaseRuntime;
import cn.hotline12345.cti.testing.Http;
import cn.hotline12345.cti.testing.ServerConfigs;
import cn.hotline12345.cti.testing.TestSql;
import cn.hotline12345.pbxsim.AgentSpec;
import cn.hotline12345.pbxsim.CallerSpec;
import cn.hotline12345.pbxsim.PbxSim;
import cn.hotline12345.pbxsim.QueueConfig;
import cn.hotline12345.pbxsim.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM drains in order (issue 20 item 10): the server ({@code run} in its own JVM, on its embedded PostgreSQL,
 * pbx-sim over real AMI and FastAGI) gets SIGTERM while twelve callers are in the IVR. FastAGI stops taking calls,
 * the running sessions end within {@code agi.closeGrace} and their IVR paths are written, the AMI link and the HTTP
 * listener stop, the call writer flushes and writes the last queue statistics, and only then does PostgreSQL stop.
 *
 * <p>Seen failing before the fix: the embedded PostgreSQL's own JVM hook stopped the database a few milliseconds
 * into the shutdown, so the IVR paths, the last queue statistics and a callback pass all failed.
 */
class ShutdownDrainIT {

    private static final Pattern ACTIVE = Pattern.compile("(?m)^cti_agi_sessions_active(?:\\{[^}]*})? ([0-9.]+)$");

    @Test
    void sigtermWhileCallsAreInTheIvrKeepsEveryPathAndEveryWrite(@TempDir Path dir) throws Exception {
        int httpPort = ServerConfigs.freePort();
        int agiPort = ServerConfigs.freePort();
        QueueConfig.Member[] members = {QueueConfig.Member.of("PJSIP/1001", "坐席 1001")};
        PbxSim.Builder sb = PbxSim.builder().amiPort(0).amiCredentials("cti", "ctisecret")
                .agiTarget("127.0.0.1", agiPort).seed(7)
                .queue(QueueConfig.of("q-general", Strategy.RRMEMORY, members).timing(15, 1, 0))
                .agent(AgentSpec.pjsip("1001").answerAfter(200).talkFor(60_000));
        Path log = dir.resolve("server.log");
        try (PbxSim sim = sb.build().startBlocking()) {
            Map<String, String> env = new HashMap<>();
            env.put("CTI_DATABASE_DATA_DIR", dir.resolve("pg").toString());
            env.put("CTI_DATABASE_JOURNAL_DIR", dir.resolve("journal").toString());
            env.put("CTI_HTTP_HOST", "127.0.0.1");
            env.put("CTI_HTTP_PORT", Integer.toString(httpPort));
            env.put("CTI_AGI_HOST", "127.0.0.1");
            env.put("CTI_AGI_PORT", Integer.toString(agiPort));
            env.put("CTI_AGI_CLOSE_GRACE", "2s");
            env.put("CTI_AMI_PORT", Integer.toString(sim.amiPort()));
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run");
            pb.environment().putAll(env);
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            Process server = pb.start();
            try {
                Http.await("server ready", Duration.ofSeconds(90), () -> {
                    if (!server.isAlive()) {
                        throw new AssertionError("server exited: " + TestSql.tail(log, 4000));
                    }
                    try {
                        return Http.get(httpPort, "/ready").statusCode() == 200;
                    } catch (IllegalStateException notYet) {
                        return false;
                    }
                });
                for (int i = 0; i < 12; i++) {
                    // callers who take their time at every prompt: they are in the IVR when the server is stopped
                    sim.placeCall(CallerSpec.of(String.format("1390000%04d", i)).digits("1,1,1,1").think(Duration.ofSeconds(60)));
                }
                Http.await("twelve IVR sessions running", Duration.ofSeconds(30), () -> active(httpPort) >= 12);
                server.destroy(); // SIGTERM
                assertThat(server.waitFor(90, TimeUnit.SECONDS)).as("stopped within 90 s").isTrue();
            } finally {
                if (server.isAlive()) {
                    server.destroyForcibly().waitFor();
                }
            }
        }
        String out = Files.readString(log);
        assertThat(out).contains("shutting down").contains("stopped");
        assertThat(out).doesNotContain("cannot keep the IVR path").doesNotContain("could not write the last queue statistics")
                .doesNotContain("callbacks: pass failed").doesNotContain("did not stop cleanly")
                .doesNotContain("IVR paths still being written");
        // the database, opened again: every session's path was kept
        try (DatabaseRuntime db = DatabaseRuntime.start(new CtiConfig.Database(CtiConfig.Database.Mode.EMBEDDED,
                dir.resolve("pg"), 0, null, null, null, 2, dir.resolve("journal2")), null)) {
            assertThat(TestSql.count(db.dataSource(), "select count(*) from call where ivr_path is not null"))
                    .as("calls with their IVR path\n" + TestSql.tail(log, 3000)).isGreaterThanOrEqualTo(12);
        }
    }

    private static double active(int port) {
        try {
            Matcher m = ACTIVE.matcher(Http.get(port, "/metrics").body());
            return m.find() ? Double.parseDouble(m.group(1)) : 0;
        } catch (IllegalStateException e) {
            return 0;
        }
    }
}
