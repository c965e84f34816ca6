package cn.hotline12345.cti.deploy;

import cn.hotline12345.cti.platform.config.ConfigLoader;
import cn.hotline12345.pbxsim.conf.ConfFile;
import cn.hotline12345.pbxsim.records.CelConf;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21: the shipped Asterisk configuration writes CEL and the queue log into the server's PostgreSQL, where the
 * reconciler reads them, and the names the files share agree (tables, schema, database, host, role, the PBX id each
 * row is tagged with, UTC times, the modules that must load). Static: the build machines run no Asterisk.
 */
class AsteriskRecordsConfigTest {

    private static final Path DOCKER = Path.of("..").resolve("docker");
    private static final Path ASTERISK = DOCKER.resolve("asterisk");

    private static AsteriskConfFile conf(String name) throws IOException {
        return AsteriskConfFile.read(ASTERISK.resolve(name));
    }

    private static ComposeFile compose() throws IOException {
        return ComposeFile.read(DOCKER.resolve("compose.yaml"), DOCKER.resolve(".env.example"));
    }

    @Test
    void celIsOnForTheEventsAndApplicationsTheReconcilerReads() {
        // main/cel.c: enable (default no), apps (cel_track_app), events; pbx-sim reads the same file
        CelConf cel = CelConf.load(ConfFile.read(ASTERISK.resolve("cel.conf")));
        assertThat(cel.enabled()).isTrue();
        for (String event : List.of("CHAN_START", "ANSWER", "HANGUP", "CHAN_END", "APP_START", "APP_END", "BRIDGE_ENTER",
                "BRIDGE_EXIT", "BLINDTRANSFER", "ATTENDEDTRANSFER", "LINKEDID_END")) {
            assertThat(cel.tracks(event)).as(event).isTrue();
        }
        assertThat(cel.tracksApp("Queue")).isTrue();
        assertThat(cel.tracksApp("AGI")).isTrue();
        assertThat(cel.tracksApp("Dial")).isTrue();
    }

    @Test
    void celPgsqlAndResPgsqlWriteIntoTheServersDatabaseTaggedWithThePbxId() throws IOException {
        Map<String, String> cel = conf("cel_pgsql.conf").effective(conf("cel_pgsql.conf").section("global"));
        Map<String, String> rt = conf("res_pgsql.conf").effective(conf("res_pgsql.conf").section("general"));
        ComposeFile c = compose();
        String pbx = conf("extensions.conf").section("globals").value("HOTLINE_PBX").orElseThrow();
        assertThat(pbx).isEqualTo(new ConfigLoader(Map.of()).load(null).pbxs().get(0).id());
        for (Map<String, String> m : List.of(cel, rt)) {
            assertThat(c.services()).containsKey(m.get("hostname"));
            assertThat(m.get("port")).isEqualTo("5432");
            assertThat(m.get("dbname")).isEqualTo(c.rawEnvironment("postgres").get("POSTGRES_DB"));
            assertThat(m.get("user")).isEqualTo("asterisk");
            // the column default of pbx_id is the connection's application_name (V80)
            assertThat(m.get("appname")).isEqualTo(pbx);
        }
        // cel_pgsql inserts into "table" as written and reads its columns in "schema"
        assertThat(cel.get("table")).isEqualTo("asterisk.cel");
        assertThat(cel.get("schema")).isEqualTo("asterisk");
        assertThat(cel.get("usegmtime")).isEqualTo("yes");
        assertThat(rt.get("requirements")).isEqualTo("warn");
        for (String f : List.of("cel_pgsql.conf", "res_pgsql.conf")) {
            assertThat(Files.readString(ASTERISK.resolve(f), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.equals("password = asterisk-demo"))).as(f + ": the line entrypoint.sh replaces").hasSize(1);
        }
    }

    @Test
    void theQueueLogGoesToRealtimeOnlyInUtc() throws IOException {
        assertThat(conf("extconfig.conf").section("settings").value("queue_log")).hasValue("pgsql,general,asterisk.queue_log");
        AsteriskConfFile logger = conf("logger.conf");
        Map<String, String> general = logger.effective(logger.section("general"));
        assertThat(general).containsEntry("queue_log", "yes").containsEntry("queue_log_to_file", "no")
                .containsEntry("queue_log_realtime_use_gmt", "yes");
        assertThat(logger.section("logfiles").entries()).isNotEmpty();
        AsteriskConfFile modules = conf("modules.conf");
        AsteriskConfFile.Section m = modules.section("modules");
        assertThat(m.value("autoload")).hasValue("yes");
        assertThat(m.values("preload-require")).contains("res_config_pgsql.so");
        assertThat(m.values("require")).contains("cel_pgsql.so");
    }

    @Test
    void composeGivesAsteriskItsRoleAndTheDatabaseFirst() throws IOException {
        ComposeFile c = compose();
        assertThat(c.rawEnvironment("asterisk").get("ASTERISK_DB_PASSWORD"))
                .isEqualTo(c.rawEnvironment("postgres").get("ASTERISK_DB_PASSWORD"))
                .contains(":?");
        assertThat(c.service("asterisk").get("depends_on").toString()).contains("postgres").contains("service_healthy");
        assertThat(c.service("postgres").get("volumes").toString()).contains("./postgres/initdb:/docker-entrypoint-initdb.d:ro");
        String init = Files.readString(DOCKER.resolve("postgres/initdb/10-asterisk-role.sh"), StandardCharsets.UTF_8);
        assertThat(init).contains("create role asterisk login").contains("nosuperuser nocreatedb nocreaterole");
        String entry = Files.readString(ASTERISK.resolve("entrypoint.sh"), StandardCharsets.UTF_8);
        assertThat(entry).contains("ASTERISK_DB_PASSWORD").contains("cel_pgsql.conf res_pgsql.conf");
    }
}
