package cn.hotline12345.cti.platform.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsWorkWithoutAnyFile() {
        CtiConfig c = new ConfigLoader(Map.of()).load(null);
        assertThat(c.http().port()).isEqualTo(8080);
        assertThat(c.agi().port()).isEqualTo(4573);
        assertThat(c.pbxs()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("pbx1");
            assertThat(p.host()).isEqualTo("127.0.0.1");
            assertThat(p.port()).isEqualTo(5038);
        });
        assertThat(c.database().mode()).isEqualTo(CtiConfig.Database.Mode.EMBEDDED);
    }

    @Test
    void fileValuesAndEnvironmentOverrides() throws Exception {
        Path f = write("""
                http:
                  port: 9090
                agi:
                  maxSessionDuration: 10m
                pbxs:
                  - id: east
                    host: 10.0.0.5
                  - id: west
                    port: 5039
                """);
        CtiConfig c = new ConfigLoader(Map.of("CTI_HTTP_PORT", "9191", "CTI_AMI_SECRET", "s3cret",
                "CTI_AGI_MAX_SESSIONS", "42")).load(f);
        assertThat(c.http().port()).isEqualTo(9191);
        assertThat(c.agi().maxSessionDuration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.agi().maxSessions()).isEqualTo(42);
        assertThat(c.pbxs()).extracting(CtiConfig.Pbx::id).containsExactly("east", "west");
        assertThat(c.pbxs().get(0).secret()).isEqualTo("s3cret");
        assertThat(c.pbxs().get(1).secret()).isEqualTo("ctisecret");
        assertThat(c.pbxs().get(1).port()).isEqualTo(5039);
    }

    @Test
    void externalDatabaseFromEnvironment() {
        CtiConfig c = new ConfigLoader(Map.of("CTI_DB_URL", "jdbc:postgresql://db:5432/cti",
                "CTI_DB_USER", "cti", "CTI_DB_PASSWORD", "pw")).load(null);
        assertThat(c.database().mode()).isEqualTo(CtiConfig.Database.Mode.EXTERNAL);
        assertThat(c.database().url()).isEqualTo("jdbc:postgresql://db:5432/cti");
        assertThat(c.database().user()).isEqualTo("cti");
        assertThat(c.database().toString()).doesNotContain("pw");
    }

    @Test
    void badPortNamesKeyAndValue() throws Exception {
        Path f = write("http:\n  port: 70000\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(f))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.port")
                .hasMessageContaining("70000");
    }

    @Test
    void badValuesFromEnvironmentNameTheKey() {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CTI_AGI_PORT", "forty")).load(null))
                .hasMessageContaining("agi.port").hasMessageContaining("forty");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CTI_AGI_MAX_SESSION_DURATION", "soon")).load(null))
                .hasMessageContaining("agi.maxSessionDuration").hasMessageContaining("soon");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CTI_DATABASE_MODE", "cloud")).load(null))
                .hasMessageContaining("database.mode").hasMessageContaining("cloud");
    }

    @Test
    void unknownKeysAreRefused() throws Exception {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(write("htp:\n  port: 1\n")))
                .hasMessageContaining("'htp'");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(write("http:\n  prot: 1\n")))
                .hasMessageContaining("http.prot");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(write("pbxs:\n  - id: a\n    hots: x\n")))
                .hasMessageContaining("pbxs[0].hots");
    }

    @Test
    void agiSourcesAreIpAddressesAndDefaultToAny() throws Exception {
        CtiConfig c = new ConfigLoader(Map.of()).load(write("pbxs:\n  - id: east\n    agiSources: [10.0.0.5, '::1']\n"
                + "  - id: west\n"));
        assertThat(c.pbxs().get(0).agiSources()).containsExactly("10.0.0.5", "::1");
        assertThat(c.pbxs().get(1).agiSources()).isEmpty();
        for (String bad : List.of("asterisk.local", "10.0.0.256", "10.0.0", "", "10.0.0.5/24")) {
            assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(write("pbxs:\n  - id: east\n    agiSources: ['"
                    + bad + "']\n"))).as(bad).hasMessageContaining("pbxs[0].agiSources").hasMessageContaining("not an IP address");
        }
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(write("pbxs:\n  - id: east\n    agiSources: 10.0.0.5\n")))
                .hasMessageContaining("pbxs[0].agiSources");
    }

    @Test
    void structuralErrorsAreClear() throws Exception {
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(write("pbxs: []\n")))
                .hasMessageContaining("pbxs");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(write("pbxs:\n  - id: a\n  - id: a\n")))
                .hasMessageContaining("pbxs[1].id").hasMessageContaining("'a'");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(write("pbxs:\n  - id: 'Bad Id'\n")))
                .hasMessageContaining("pbxs[0].id");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(write("http: [1, 2]\n")))
                .hasMessageContaining("http");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(write("http:\n  port: [1\n")))
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(dir.resolve("missing.yaml")))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(write("database:\n  mode: external\n  url: mysql://x\n")))
                .hasMessageContaining("database.url").hasMessageContaining("mysql://x");
    }

    @Test
    void secretsNeverPrinted() {
        CtiConfig c = new ConfigLoader(Map.of("CTI_AMI_SECRET", "topsecret")).load(null);
        assertThat(c.toString()).doesNotContain("topsecret");
    }

    @Test
    void envNameMapping() {
        assertThat(ConfigLoader.envName("http.port")).isEqualTo("CTI_HTTP_PORT");
        assertThat(ConfigLoader.envName("agi.maxSessionDuration")).isEqualTo("CTI_AGI_MAX_SESSION_DURATION");
        assertThat(List.of(ConfigLoader.envName("pbxs[0].host"))).containsExactly("CTI_PBXS_HOST");
    }

    @Test
    void routingAndRecordingsDefaultsFileAndEnvironment() throws Exception {
        CtiConfig d = new ConfigLoader(Map.of()).load(null);
        assertThat(d.routing()).isEqualTo(CtiConfig.Routing.defaults());
        assertThat(d.routing().overflowAfter()).isEqualTo(java.time.Duration.ofSeconds(120));
        assertThat(d.routing().overflowQueue()).isEqualTo("q-overflow");
        assertThat(d.recordings().dir()).isEqualTo(Path.of("data/recordings"));

        Path f = write("""
                routing:
                  overflowAfter: 45s
                  overflowQueue: q-backup
                  callbackMaxAttempts: 5
                recordings:
                  dir: /srv/rec
                """);
        CtiConfig c = new ConfigLoader(Map.of("CTI_ROUTING_CALLBACK_RETRY_AFTER", "30s",
                "CTI_RECORDINGS_DIR", "/mnt/monitor")).load(f);
        assertThat(c.routing().overflowAfter()).isEqualTo(java.time.Duration.ofSeconds(45));
        assertThat(c.routing().overflowQueue()).isEqualTo("q-backup");
        assertThat(c.routing().callbackMaxAttempts()).isEqualTo(5);
        assertThat(c.routing().callbackRetryAfter()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(c.recordings().dir()).isEqualTo(Path.of("/mnt/monitor"));
    }

    @Test
    void badRoutingAndRecordingsValuesNameTheKey() throws Exception {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CTI_ROUTING_OVERFLOW_AFTER", "0s")).load(null))
                .hasMessageContaining("routing.overflowAfter").hasMessageContaining("0s");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CTI_ROUTING_OVERFLOW_QUEUE", "q-x\r\nAction: Hangup")).load(null))
                .hasMessageContaining("routing.overflowQueue");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CTI_ROUTING_CALLBACK_MAX_ATTEMPTS", "0")).load(null))
                .hasMessageContaining("routing.callbackMaxAttempts");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CTI_RECORDINGS_DIR", "  ")).load(null))
                .hasMessageContaining("recordings.dir");
        Path f = write("routing:\n  overflowAfterr: 5s\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(f)).hasMessageContaining("routing.overflowAfterr");
    }

    private Path write(String yaml) throws Exception {
        Path f = Files.createTempFile(dir, "cti", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void clusterIsOffByDefaultWithANodeIdDrawnOncePerProcess() {
        CtiConfig.Cluster a = new ConfigLoader(Map.of()).load(null).cluster();
        CtiConfig.Cluster b = new ConfigLoader(Map.of()).load(null).cluster();
        assertThat(a.enabled()).isFalse();
        assertThat(a.nodeId()).matches("[A-Za-z0-9][A-Za-z0-9_.-]*-[0-9a-z]+").isEqualTo(b.nodeId());
        assertThat(a.leaseTtl()).isEqualTo(Duration.ofSeconds(6));
        assertThat(a.leaseRenew()).isEqualTo(Duration.ofSeconds(2));
        assertThat(a.members()).isEmpty();
    }

    @Test
    void clusterFromFileAndEnvironment() throws Exception {
        Path f = write("""
                cluster:
                  enabled: true
                  nodeId: cti-a
                  host: 10.0.0.1
                  port: 5801
                  members: [10.0.0.1:5801, "10.0.0.2:5801"]
                  leaseTtl: 10s
                """);
        CtiConfig.Cluster c = new ConfigLoader(Map.of("CTI_CLUSTER_LEASE_RENEW", "3s")).load(f).cluster();
        assertThat(c).isEqualTo(new CtiConfig.Cluster(true, "cti-a", "10.0.0.1", 5801,
                List.of("10.0.0.1:5801", "10.0.0.2:5801"), Duration.ofSeconds(10), Duration.ofSeconds(3)));
        CtiConfig.Cluster e = new ConfigLoader(Map.of("CTI_CLUSTER_ENABLED", "yes", "CTI_CLUSTER_NODE_ID", "b",
                "CTI_CLUSTER_MEMBERS", "127.0.0.1:5701, 127.0.0.1:5702")).load(null).cluster();
        assertThat(e.enabled()).isTrue();
        assertThat(e.nodeId()).isEqualTo("b");
        assertThat(e.members()).containsExactly("127.0.0.1:5701", "127.0.0.1:5702");
    }

    @Test
    void badClusterValuesNameTheKey() throws Exception {
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CTI_CLUSTER_ENABLED", "maybe")).load(null))
                .hasMessageContaining("cluster.enabled").hasMessageContaining("maybe");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CTI_CLUSTER_NODE_ID", "a b")).load(null))
                .hasMessageContaining("cluster.nodeId");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CTI_CLUSTER_MEMBERS", "10.0.0.1")).load(null))
                .hasMessageContaining("cluster.members").hasMessageContaining("10.0.0.1");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CTI_CLUSTER_MEMBERS", "10.0.0.1:99999")).load(null))
                .hasMessageContaining("cluster.members");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CTI_CLUSTER_PORT", "70000")).load(null))
                .hasMessageContaining("cluster.port");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CTI_CLUSTER_ENABLED", "true", "CTI_CLUSTER_PORT", "0")).load(null))
                .hasMessageContaining("cluster.port").hasMessageContaining("must know");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CTI_CLUSTER_LEASE_TTL", "0s")).load(null))
                .hasMessageContaining("cluster.leaseTtl");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("CTI_CLUSTER_LEASE_TTL", "4s", "CTI_CLUSTER_LEASE_RENEW", "3s"))
                .load(null)).hasMessageContaining("cluster.leaseRenew").hasMessageContaining("half");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(write("cluster:\n  hosts: [a]\n")))
                .hasMessageContaining("cluster.hosts");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(write("cluster:\n  members: 10.0.0.1:5701\n")))
                .hasMessageContaining("cluster.members").hasMessageContaining("expected a list");
    }
}
