package cn.hotline12345.cti.deploy;

import cn.hotline12345.cti.platform.config.ConfigLoader;
import cn.hotline12345.cti.platform.config.CtiConfig;
import cn.hotline12345.cti.telephony.TelephonyModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The production Docker files (docker/compose.yaml, docker/cti-server/Dockerfile, docker/asterisk/*)
 * checked statically, since the build machines cannot run Docker: structure, pinned images, health
 * checks, and every name the three services share (AGI address, AMI user/port/secret, queues, ports,
 * configuration keys) agreeing with the server's defaults and code.
 */
class DockerFilesTest {

    /** Surefire runs in the module directory (cti-server/). */
    private static final Path REPO = Path.of("..");
    private static final Path DOCKER = REPO.resolve("docker");
    private static final Path ASTERISK = DOCKER.resolve("asterisk");
    private static final Path DOCKERFILE = DOCKER.resolve("cti-server/Dockerfile");
    private static final CtiConfig DEFAULTS = new ConfigLoader(Map.of()).load(null);
    /** Read by logback.xml, not by ConfigLoader. */
    private static final String LOG_LEVEL_VARIABLE = "CTI_LOG_LEVEL";

    private static ComposeFile compose() throws IOException {
        return ComposeFile.read(DOCKER.resolve("compose.yaml"), DOCKER.resolve(".env.example"));
    }

    private static AsteriskConfFile conf(String name) throws IOException {
        return AsteriskConfFile.read(ASTERISK.resolve(name));
    }

    private static List<String> dockerfileLines() throws IOException {
        // join continuation lines so each instruction is one line
        String text = Files.readString(DOCKERFILE, StandardCharsets.UTF_8).replaceAll("\\\\\\n\\s*", " ");
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static List<String> instructions(String keyword) throws IOException {
        return dockerfileLines().stream().filter(l -> l.startsWith(keyword + " ")).map(l -> l.substring(keyword.length() + 1).strip())
                .toList();
    }

    // ---- compose structure ----------------------------------------------------------------------

    @Test
    void composeHasTheThreeServicesAndEveryOneHasAHealthcheck() throws IOException {
        ComposeFile c = compose();
        assertThat(c.services()).containsOnlyKeys("postgres", "asterisk", "cti-server");
        for (String name : List.of("postgres", "asterisk")) {
            Map<String, Object> hc = ComposeFile.map(c.service(name).get("healthcheck"), name + ".healthcheck");
            assertThat(ComposeFile.list(hc.get("test"), name + ".healthcheck.test")).as(name).isNotEmpty();
        }
        assertThat(c.service("postgres").get("healthcheck").toString()).contains("pg_isready");
        assertThat(ComposeFile.list(ComposeFile.map(c.service("asterisk").get("healthcheck"), "hc").get("test"), "test"))
                .containsExactly("CMD", "asterisk", "-rx", "core show uptime");
        // cti-server's health check is in its image (the Dockerfile), not repeated in compose
        assertThat(c.service("cti-server")).doesNotContainKey("healthcheck");
        assertThat(instructions("HEALTHCHECK")).singleElement().asString()
                .contains("http://127.0.0.1:" + DEFAULTS.http().port() + "/health");
    }

    @Test
    void theServerWaitsForHealthyDatabaseAndAsterisk() throws IOException {
        ComposeFile c = compose();
        Map<String, Object> dependsOn = ComposeFile.map(c.service("cti-server").get("depends_on"), "depends_on");
        assertThat(dependsOn).containsOnlyKeys("postgres", "asterisk");
        dependsOn.forEach((service, condition) -> {
            assertThat(ComposeFile.map(condition, service)).containsEntry("condition", "service_healthy");
            assertThat(c.service(service)).as("%s has a healthcheck to wait for", service).containsKey("healthcheck");
        });
    }

    @Test
    void pulledImagesArePinnedToAVersion() throws IOException {
        ComposeFile c = compose();
        Map<String, String> images = new LinkedHashMap<>();
        c.services().forEach((name, s) -> {
            Map<String, Object> service = ComposeFile.map(s, name);
            if (!service.containsKey("build")) {
                images.put(name, String.valueOf(service.get("image")));
            }
        });
        assertThat(images).containsOnlyKeys("postgres");
        images.values().forEach(DockerFilesTest::assertPinned);
        assertThat(images.get("postgres")).matches("postgres:\\d+\\.\\d+");
        // the server is built and tested against PostgreSQL 17 (embedded binaries 17.x)
        assertThat(images.get("postgres")).startsWith("postgres:17.");
        for (String from : instructions("FROM")) {
            assertPinned(from.split("\\s+")[0]);
        }
        // Asterisk is built (docker/asterisk/Dockerfile: the IVR's prompts added) on a pinned upstream 22 release
        List<String> asteriskFrom = Files.readString(ASTERISK.resolve("Dockerfile"), StandardCharsets.UTF_8).lines()
                .map(String::strip).filter(l -> l.startsWith("FROM ")).map(l -> l.substring(5).strip().split("\\s+")[0]).toList();
        assertThat(asteriskFrom).isNotEmpty();
        asteriskFrom.forEach(DockerFilesTest::assertPinned);
        assertThat(asteriskFrom.get(asteriskFrom.size() - 1)).matches("andrius/asterisk:22\\.\\d+\\.\\d+_debian-[a-z]+");
        assertThat(ComposeFile.map(c.service("asterisk").get("build"), "asterisk.build"))
                .containsEntry("dockerfile", "docker/asterisk/Dockerfile");
    }

    @Test
    void thePinCheckRefusesFloatingTags() {
        for (String floating : List.of("postgres", "postgres:latest", "postgres:17", "andrius/asterisk:stable", "x:22-latest")) {
            assertThatThrownBy(() -> assertPinned(floating)).as(floating).isInstanceOf(AssertionError.class);
        }
    }

    private static void assertPinned(String image) {
        assertThat(image).as("image %s", image).contains(":");
        String tag = image.substring(image.lastIndexOf(':') + 1);
        assertThat(tag).as("tag of %s", image).doesNotContain("latest").matches("v?\\d+\\.\\d+.*");
    }

    @Test
    void dataLivesInNamedVolumesAndConfigsAreMountedReadOnly() throws IOException {
        ComposeFile c = compose();
        Set<String> declared = ComposeFile.map(c.root().get("volumes"), "volumes").keySet();
        Set<String> used = new TreeSet<>();
        Map<String, List<String>> mounts = new HashMap<>();
        c.services().forEach((name, s) -> {
            Object v = ComposeFile.map(s, name).get("volumes");
            List<String> list = v == null ? List.of() : ComposeFile.list(v, name + ".volumes").stream().map(String::valueOf).toList();
            mounts.put(name, list);
            for (String mount : list) {
                String source = mount.split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    assertThat(DOCKER.resolve(source)).as("bind mount source %s of %s", source, name).exists();
                } else {
                    used.add(source);
                }
            }
        });
        assertThat(used).containsExactlyInAnyOrderElementsOf(declared);
        assertThat(mounts.get("postgres")).contains("pgdata:/var/lib/postgresql/data");
        assertThat(mounts.get("cti-server")).contains("cti-data:/var/lib/cti");
        assertThat(mounts.get("asterisk")).contains("./asterisk:/etc/asterisk-hotline:ro", "./tls:/etc/asterisk/keys:ro");
        assertThat(ComposeFile.list(c.service("asterisk").get("entrypoint"), "entrypoint"))
                .containsExactly("/bin/sh", "/etc/asterisk-hotline/entrypoint.sh");
        assertThat(ASTERISK.resolve("entrypoint.sh")).isRegularFile();
        // the journal directory the image sets lies on the cti-data volume
        assertThat(dockerEnv().get("CTI_DATABASE_JOURNAL_DIR")).startsWith("/var/lib/cti/");
    }

    // ---- Asterisk configs -----------------------------------------------------------------------

    @Test
    void everyAsteriskConfigFileParses() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(ASTERISK)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".conf")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("extensions.conf", "queues.conf", "manager.conf", "pjsip.conf", "http.conf", "rtp.conf");
        for (Path f : files) {
            assertThat(AsteriskConfFile.read(f).sections()).as("%s", f).isNotEmpty();
        }
    }

    @Test
    void theConfParserRefusesMalformedLines() {
        for (String bad : List.of("key = value\n", "[general]\njust words\n", "[general\nx = 1\n", "[s](\nx = 1\n",
                "[s]\n= value\n", "[s]\n#exec /bin/sh\n", "[s]()\n")) {
            assertThatThrownBy(() -> AsteriskConfFile.parse("bad.conf", bad)).as(bad).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("bad.conf:");
        }
    }

    @Test
    void agiHostIsTheServerServiceOnTheServersDefaultFastAgiPort() throws IOException {
        String agiHost = conf("extensions.conf").section("globals").value("AGIHOST").orElseThrow();
        int agiPort = DEFAULTS.agi().port();
        assertThat(agiPort).isEqualTo(4573);
        assertThat(agiHost).isEqualTo("cti-server:" + agiPort);
        ComposeFile c = compose();
        assertThat(c.services()).containsKey(agiHost.substring(0, agiHost.indexOf(':')));
        assertThat(c.environment("cti-server")).doesNotContainKeys("CTI_AGI_PORT", "CTI_AGI_HOST");
        assertThat(instructions("EXPOSE")).singleElement().asString().contains(Integer.toString(agiPort));
    }

    @Test
    void everyFastAgiUrlNamesThisPbxByTheIdTheServerGivesItsFirstPbx() throws IOException {
        String pbx = conf("extensions.conf").section("globals").value("HOTLINE_PBX").orElseThrow();
        assertThat(pbx).isEqualTo(compose().environment("cti-server").getOrDefault("CTI_PBXS_ID", DEFAULTS.pbxs().get(0).id()))
                .matches("[a-z0-9][a-z0-9_-]{0,31}");
        String text = Files.readString(ASTERISK.resolve("extensions.conf"), StandardCharsets.UTF_8);
        Matcher agi = Pattern.compile("AGI\\(([^)]*)\\)").matcher(text);
        Set<String> scripts = new TreeSet<>();
        while (agi.find()) {
            Matcher url = Pattern.compile("agi://\\$\\{AGIHOST}/([a-z]+)\\?pbx=\\$\\{HOTLINE_PBX}").matcher(agi.group(1));
            assertThat(url.matches()).as("AGI(%s) names the PBX", agi.group(1)).isTrue();
            scripts.add(url.group(1));
        }
        assertThat(scripts).containsExactlyInAnyOrder("hotline", "status", "survey", "revisit");
    }

    @Test
    void amiUserPortAndSecretMatchTheServer() throws IOException {
        AsteriskConfFile manager = conf("manager.conf");
        CtiConfig.Pbx pbx = DEFAULTS.pbxs().get(0);
        ComposeFile c = compose();
        Map<String, String> env = c.environment("cti-server");

        assertThat(manager.section("general").value("enabled")).contains("yes");
        String port = env.getOrDefault("CTI_AMI_PORT", Integer.toString(pbx.port()));
        assertThat(port).isEqualTo("5038");
        assertThat(manager.section("general").value("port")).contains(port);

        String user = env.getOrDefault("CTI_AMI_USER", pbx.user());
        assertThat(user).isEqualTo("cti");
        AsteriskConfFile.Section cti = manager.section(user);
        assertThat(env.get("CTI_AMI_HOST")).isEqualTo("asterisk");
        assertThat(c.services()).containsKey(env.get("CTI_AMI_HOST"));

        // the committed secret is the demo value the server defaults to (demo mode, tests) ...
        assertThat(cti.values("secret")).containsExactly(pbx.secret());
        // ... and in Docker the entrypoint replaces exactly that line by the value cti-server also gets
        String script = Files.readString(ASTERISK.resolve("entrypoint.sh"));
        assertThat(script).contains("DEMO_SECRET_LINE='secret = " + pbx.secret() + "'");
        assertThat(Files.readString(ASTERISK.resolve("manager.conf")).lines().filter(l -> l.equals("secret = " + pbx.secret())))
                .hasSize(1);
        assertThat(c.rawEnvironment("asterisk").get("CTI_AMI_SECRET")).isEqualTo(c.rawEnvironment("cti-server").get("CTI_AMI_SECRET"));
        assertThat(c.environment("asterisk").get("CTI_AMI_SECRET")).matches("[A-Za-z0-9._-]{12,}");
        // AMI stays on the compose network
        assertThat(String.valueOf(c.service("asterisk").get("ports"))).doesNotContain("5038");
    }

    @Test
    void queuesConfDefinesExactlyTheContractQueues() throws IOException {
        AsteriskConfFile queues = conf("queues.conf");
        Set<String> defined = queues.sections().stream().filter(s -> !s.template() && !s.name().equals("general"))
                .map(AsteriskConfFile.Section::name).collect(Collectors.toSet());
        assertThat(defined).isEqualTo(TelephonyModule.CONTRACT_QUEUES);
    }

    @Test
    void webRtcAgentsReachAsteriskOverThePublishedWssPort() throws IOException {
        AsteriskConfFile pjsip = conf("pjsip.conf");
        assertThat(pjsip.effective(pjsip.section("transport-wss"))).containsEntry("type", "transport").containsEntry("protocol", "wss");
        List<AsteriskConfFile.Section> agents = pjsip.sections().stream()
                .filter(s -> s.name().matches("1\\d{3}") && "endpoint".equals(pjsip.effective(s).get("type"))).toList();
        assertThat(agents).isNotEmpty().allSatisfy(s -> assertThat(pjsip.effective(s))
                .containsEntry("webrtc", "yes").containsEntry("transport", "transport-wss"));

        AsteriskConfFile httpConf = conf("http.conf");
        Map<String, String> http = httpConf.effective(httpConf.section("general"));
        assertThat(http).containsEntry("enabled", "yes").containsEntry("tlsenable", "yes")
                .containsEntry("tlscertfile", "/etc/asterisk/keys/asterisk.crt");
        String wssPort = http.get("tlsbindaddr").substring(http.get("tlsbindaddr").lastIndexOf(':') + 1);
        assertThat(ports("asterisk")).contains(wssPort + ":" + wssPort + "/tcp");
        String udpBind = pjsip.effective(pjsip.section("transport-udp")).get("bind");
        String sipPort = udpBind.substring(udpBind.lastIndexOf(':') + 1);
        assertThat(ports("asterisk")).contains(sipPort + ":" + sipPort + "/udp");
    }

    @Test
    void thePublishedRtpRangeIsRtpConfsRange() throws IOException {
        Map<String, String> rtp = conf("rtp.conf").effective(conf("rtp.conf").section("general"));
        String range = rtp.get("rtpstart") + "-" + rtp.get("rtpend");
        assertThat(ports("asterisk")).contains(range + ":" + range + "/udp");
        assertThat(Integer.parseInt(rtp.get("rtpend")) - Integer.parseInt(rtp.get("rtpstart"))).isGreaterThanOrEqualTo(99);
    }

    private static List<String> ports(String service) throws IOException {
        return ComposeFile.list(compose().service(service).get("ports"), service + ".ports").stream().map(String::valueOf).toList();
    }

    // ---- cti-server image -----------------------------------------------------------------------

    @Test
    void theDockerfileBuildsWithMavenAndRunsTheShadedJarOnAJre17AsNonRoot() throws Exception {
        List<String> from = instructions("FROM");
        assertThat(from).hasSize(2);
        assertThat(from.get(0)).startsWith("maven:").contains("temurin-17").endsWith(" AS build");
        assertThat(from.get(1)).startsWith("eclipse-temurin:17.").contains("-jre");
        assertThat(instructions("RUN")).anySatisfy(r -> assertThat(r).contains("mvn -B -DskipTests install"));

        String jar = "cti-server/target/" + shadeFinalName() + ".jar";
        assertThat(instructions("COPY")).anySatisfy(c -> assertThat(c).startsWith("--from=build ").contains("/" + jar + " "));

        List<String> users = instructions("USER");
        assertThat(users.get(users.size() - 1)).isNotIn("root", "0").isEqualTo("cti");
        assertThat(dockerfileLines().indexOf("USER cti")).isGreaterThan(dockerfileLines().indexOf(
                dockerfileLines().stream().filter(l -> l.startsWith("FROM eclipse-temurin")).findFirst().orElseThrow()));

        assertThat(instructions("EXPOSE")).containsExactly(DEFAULTS.http().port() + " " + DEFAULTS.agi().port());
        assertThat(instructions("ENTRYPOINT")).singleElement().asString().contains("/opt/cti/cti-server.jar");
        assertThat(Files.readString(DOCKER.resolve("cti-server/Dockerfile.dockerignore")).lines())
                .contains("**/target/", "docker/.env");
        // compose builds exactly this Dockerfile from the repository root
        Map<String, Object> build = ComposeFile.map(compose().service("cti-server").get("build"), "build");
        assertThat(build).containsEntry("context", "..").containsEntry("dockerfile", "docker/cti-server/Dockerfile");
    }

    private static String shadeFinalName() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(REPO.resolve("cti-server/pom.xml").toFile());
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (plugin.getElementsByTagName("artifactId").item(0).getTextContent().equals("maven-shade-plugin")) {
                return plugin.getElementsByTagName("finalName").item(0).getTextContent().strip();
            }
        }
        throw new AssertionError("no maven-shade-plugin in cti-server/pom.xml");
    }

    /** ENV lines of the Dockerfile as name -> value. */
    private static Map<String, String> dockerEnv() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Pattern p = Pattern.compile("([A-Z_][A-Z0-9_]*)=(\"[^\"]*\"|\\S+)");
        for (String env : instructions("ENV")) {
            Matcher m = p.matcher(env);
            while (m.find()) {
                out.put(m.group(1), m.group(2).replace("\"", ""));
            }
        }
        return out;
    }

    // ---- configuration keys and secrets ---------------------------------------------------------

    @Test
    void everyCtiVariableGivenToTheServerIsARealConfigurationKey() throws IOException {
        ComposeFile c = compose();
        Map<String, String> env = new LinkedHashMap<>();
        dockerEnv().forEach((k, v) -> {
            if (k.startsWith("CTI_")) {
                env.put(k, v);
            }
        });
        env.putAll(c.environment("cti-server"));
        assertThat(env).containsKeys("CTI_DB_URL", "CTI_DB_USER", "CTI_DB_PASSWORD", "CTI_AMI_HOST", "CTI_AMI_SECRET",
                "CTI_DATABASE_JOURNAL_DIR");
        assertThat(env.keySet()).allMatch(k -> k.startsWith("CTI_"), "only CTI_ variables");

        env.forEach((name, value) -> {
            if (name.equals(LOG_LEVEL_VARIABLE)) {
                assertThat(readQuietly(REPO.resolve("cti-server/src/main/resources/logback.xml"))).contains("${" + name + ":-");
            } else {
                assertChangesTheConfig(name, value);
            }
        });
        CtiConfig all = new ConfigLoader(env).load(null);
        assertThat(all.database().mode()).isEqualTo(CtiConfig.Database.Mode.EXTERNAL);
        assertThat(all.database().url()).isEqualTo("jdbc:postgresql://postgres:5432/cti");
        assertThat(c.services()).containsKey("postgres");

        // the server logs in to the database compose creates
        Map<String, String> pg = c.environment("postgres");
        assertThat(all.database().url()).endsWith("/" + pg.get("POSTGRES_DB"));
        assertThat(all.database().user()).isEqualTo(pg.get("POSTGRES_USER"));
        assertThat(all.database().password()).isEqualTo(pg.get("POSTGRES_PASSWORD"));
        assertThat(c.rawEnvironment("cti-server").get("CTI_DB_PASSWORD")).isEqualTo(c.rawEnvironment("postgres").get("POSTGRES_PASSWORD"));
    }

    @Test
    void theKeyCheckCatchesAMisspelledVariable() {
        assertThatThrownBy(() -> assertChangesTheConfig("CTI_DB_PASWORD", "x")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> assertChangesTheConfig("CTI_HTTP_PORT", "not-a-port")).isInstanceOf(AssertionError.class);
    }

    private static void assertChangesTheConfig(String name, String value) {
        CtiConfig loaded;
        try {
            loaded = new ConfigLoader(Map.of(name, value)).load(null);
        } catch (RuntimeException e) {
            throw new AssertionError(name + "=" + value + " is refused by the server: " + e.getMessage(), e);
        }
        assertThat(loaded).as("%s changes the server's configuration (a real key)", name).isNotEqualTo(DEFAULTS);
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void requiredSecretsFailWhenUnset(@TempDir Path dir) throws IOException {
        ComposeFile c = compose();
        String expression = c.rawEnvironment("cti-server").get("CTI_AMI_SECRET");
        ComposeFile empty = ComposeFile.read(DOCKER.resolve("compose.yaml"), Files.writeString(dir.resolve(".env"), "# nothing\n"));
        assertThatThrownBy(() -> empty.interpolate(expression)).hasMessageContaining("CTI_AMI_SECRET");
        assertThat(empty.interpolate("${CTI_DB_USER:-cti}")).isEqualTo("cti");
        assertThat(c.interpolate("$${POSTGRES_USER}")).isEqualTo("${POSTGRES_USER}");
    }

    @Test
    void theDotEnvReaderRefusesMalformedLines(@TempDir Path dir) throws IOException {
        for (String bad : List.of("JUST_A_NAME\n", "lower=case\n", "=value\n", "A=1\nA=2\n", "export A=1\n")) {
            Path f = Files.writeString(dir.resolve("bad.env"), bad);
            assertThatThrownBy(() -> ComposeFile.readDotEnv(f)).as(bad).isInstanceOf(IOException.class);
        }
    }

    @Test
    void noSecretIsCommittedExceptMarkedDemoValues() throws IOException {
        ComposeFile c = compose();
        Pattern secretKey = Pattern.compile("(?i).*(password|secret).*");
        c.services().keySet().forEach(service -> c.rawEnvironment(service).forEach((k, v) -> {
            if (secretKey.matcher(k).matches()) {
                assertThat(v).as("%s.%s comes from docker/.env and is required", service, k).matches("\\$\\{[A-Z_]+:\\?[^}]+}");
            }
        }));
        Map<String, String> example = ComposeFile.readDotEnv(DOCKER.resolve(".env.example"));
        example.forEach((k, v) -> {
            if (secretKey.matcher(k).matches()) {
                assertThat(v).as("%s in .env.example", k).startsWith("demo-change-me");
            }
        });
        assertThat(Files.readString(DOCKER.resolve(".gitignore")).lines()).contains(".env", "tls/*");

        AsteriskConfFile pjsip = conf("pjsip.conf");
        for (AsteriskConfFile.Section s : pjsip.sections()) {
            for (String pw : s.values("password")) {
                assertThat(pw).as("password of [%s]", s.name()).matches("demo-" + Pattern.quote(s.name()) + "|CHANGE_ME");
            }
        }
        assertThat(conf("manager.conf").section("cti").values("secret")).containsExactly("ctisecret");
        assertThat(Files.readString(ASTERISK.resolve("manager.conf"))).contains("demo/test secret");
        List<String> keyFiles = new ArrayList<>();
        try (Stream<Path> s = Files.walk(DOCKER)) {
            s.filter(p -> p.getFileName().toString().matches(".*\\.(key|pem|p12)$")).forEach(p -> keyFiles.add(p.toString()));
        }
        // a local docker/tls/asterisk.key is git-ignored; nothing else may hold a private key
        assertThat(keyFiles).allMatch(p -> p.contains("/tls/"), "private keys only in the ignored docker/tls");
    }
}
