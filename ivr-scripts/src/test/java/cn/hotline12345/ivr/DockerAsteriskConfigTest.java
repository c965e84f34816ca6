package cn.hotline12345.ivr;

import cn.hotline12345.ivr.flow.Flow;
import cn.hotline12345.ivr.flow.Node;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The Asterisk configs in ../docker/asterisk agree with the flows and the dialplan contract. */
class DockerAsteriskConfigTest {

    private static final Path DIR = Path.of("../docker/asterisk");
    private static final FlowSet FLOWS = TestFlows.shipped();

    private static AsteriskConf conf(String name) throws IOException {
        return AsteriskConf.read(DIR.resolve(name));
    }

    /** The sound files the dialplan plays with Playback(...) ({@code &} separates several). */
    static Set<String> dialplanPlaybackFiles() throws IOException {
        Set<String> files = new TreeSet<>();
        Matcher m = Pattern.compile("Playback\\(([^,)]+)").matcher(Files.readString(DIR.resolve("extensions.conf")));
        while (m.find()) {
            for (String f : m.group(1).split("&")) {
                files.add(f.strip());
            }
        }
        return files;
    }

    @Test
    void everySoundTheDialplanPlaysIsInTheCatalogueSoItGetsAudio() throws IOException {
        Set<String> files = dialplanPlaybackFiles();
        assertThat(files).contains("hotline/callback-confirmed");
        Set<String> catalogue = new TreeSet<>();
        FLOWS.catalogue().prompts().values().forEach(p -> catalogue.add(p.file()));
        assertThat(catalogue).containsAll(files);
    }

    @Test
    void theAsteriskImageCarriesThePromptsThisModuleBuildsAndTheEntrypointInstallsThem() throws IOException {
        String dockerfile = Files.readString(DIR.resolve("Dockerfile"));
        String pom = Files.readString(Path.of("pom.xml"));
        // the image is built only with audio (a missing espeak-ng fails the image build, not the IVR at night)
        assertThat(dockerfile).contains("apt-get install -y --no-install-recommends espeak-ng")
                .contains("-pl ivr-scripts -am").contains("-Divr.audio=required");
        assertThat(pom).contains("<ivr.audio.out>${project.build.directory}/asterisk-sounds/zh</ivr.audio.out>");
        Matcher copy = Pattern.compile("COPY --from=prompts /src/ivr-scripts/target/asterisk-sounds/ (\\S+)/").matcher(dockerfile);
        assertThat(copy.find()).as("the Dockerfile copies ivr-scripts/target/asterisk-sounds/").isTrue();
        String entrypoint = Files.readString(DIR.resolve("entrypoint.sh"));
        assertThat(entrypoint).contains("PROMPTS=" + copy.group(1) + "/zh").contains("SOUNDS=/var/lib/asterisk/sounds/zh")
                .contains("cp -R \"$PROMPTS/.\" \"$SOUNDS/\"");
        // the channels that reach the IVR speak zh, so Asterisk looks in sounds/zh (main/file.c fileexists_test:
        // snprintf(buf, buflen, "%s/%s", lang, filename))
        AsteriskConf pjsip = conf("pjsip.conf");
        assertThat(pjsip.sections("trunk").stream().map(pjsip::effective).filter(e -> "endpoint".equals(e.get("type"))))
                .singleElement().satisfies(e -> assertThat(e).containsEntry("language", "zh"));
        assertThat(Files.readString(DIR.resolve("Dockerfile.dockerignore"))).contains("**/target/");
    }

    @Test
    void agiHostIsAGlobalHostPort() throws IOException {
        String agiHost = conf("extensions.conf").section("globals").value("AGIHOST").orElseThrow();
        assertThat(agiHost).matches("[A-Za-z0-9.-]+:\\d+");
    }

    @Test
    void everyAgiScriptIsAFlowAndEveryFlowIsReachable() throws IOException {
        Set<String> scripts = new TreeSet<>();
        Matcher m = Pattern.compile("AGI\\(agi://\\$\\{AGIHOST}/([a-z0-9_-]+)\\?pbx=\\$\\{HOTLINE_PBX}\\)")
                .matcher(Files.readString(DIR.resolve("extensions.conf")));
        while (m.find()) {
            scripts.add(m.group(1));
        }
        assertThat(Files.readString(DIR.resolve("extensions.conf"))).doesNotContain("agi://127.").doesNotContain("AGI(agi://cti");
        assertThat(scripts).isEqualTo(new TreeSet<>(FLOWS.flows().keySet()));
    }

    @Test
    void inboundExtensionIsExactlyTheContractShape() throws IOException {
        String contract = Files.readString(Path.of("../docs/dialplan-contract.md"));
        int start = contract.indexOf("exten => 12345,1");
        String block = contract.substring(start, contract.indexOf("```", start)).strip();
        String dialplan = Files.readString(DIR.resolve("extensions.conf"));
        assertThat(dialplan).contains("[from-pstn]\n" + block + "\n");
    }

    @Test
    void contextsForRevisitStatusAndAgents() throws IOException {
        AsteriskConf ext = conf("extensions.conf");
        assertThat(ext.section("revisit").values("same")).contains("n,AGI(agi://${AGIHOST}/revisit?pbx=${HOTLINE_PBX})");
        assertThat(ext.section("revisit").values("exten")).anyMatch(v -> v.startsWith("s,1,"));
        assertThat(ext.section("from-pstn").values("same")).contains("n,AGI(agi://${AGIHOST}/status?pbx=${HOTLINE_PBX})");
        assertThat(ext.section("from-pstn").values("exten")).anyMatch(v -> v.startsWith("123451,1,"));
        assertThat(ext.section("agents").values("exten")).contains("_1XXX,1,Dial(PJSIP/${EXTEN},30)");
    }

    @Test
    void everyQueueInTheFlowsExistsInQueuesConf() throws IOException {
        AsteriskConf queues = conf("queues.conf");
        Set<String> defined = new HashSet<>();
        for (AsteriskConf.Section s : queues.sections()) {
            if (!s.template() && !s.name().equals("general")) {
                defined.add(s.name());
                assertThat(queues.effective(s)).as(s.name()).containsEntry("setinterfacevar", "yes")
                        .containsEntry("joinempty", "yes").containsEntry("leavewhenempty", "no")
                        .containsKeys("strategy", "timeout", "wrapuptime");
            }
        }
        Set<String> used = new HashSet<>();
        for (Flow f : FLOWS.flows().values()) {
            f.nodes().values().stream().filter(n -> n instanceof Node.Queue).map(n -> ((Node.Queue) n).queue())
                    .forEach(used::add);
        }
        assertThat(defined).containsAll(used).containsExactlyInAnyOrderElementsOf(HotlineNames.QUEUES);
    }

    @Test
    void noKeywordsRemovedFromAsterisk22() throws IOException {
        for (AsteriskConf.Section s : conf("queues.conf").sections()) {
            assertThat(s.entries()).extracting(AsteriskConf.Entry::key)
                    .doesNotContain("eventwhencalled", "eventmemberstatus", "monitor-type", "monitor-format");
        }
    }

    /**
     * The rights themselves are proven against the contract and Asterisk's rules by pbx-sim's
     * {@code ShippedManagerConfTest} (every consumed event passes read and filters, every action passes write).
     * Here only the shape: read holds {@code system} (FullyBooted, Shutdown, Reload are system events: without it a
     * real Asterisk 22 never sends FullyBooted and the server waits for ever), write never holds what could stop or
     * reconfigure Asterisk.
     */
    @Test
    void managerUserReadsSystemEventsAndWritesWithLeastRights() throws IOException {
        AsteriskConf.Section cti = conf("manager.conf").section("cti");
        List<String> read = List.of(cti.value("read").orElseThrow().split("\\s*,\\s*"));
        List<String> write = List.of(cti.value("write").orElseThrow().split("\\s*,\\s*"));
        assertThat(read).contains("system", "call", "agent", "dialplan").doesNotContain("all", "command", "config");
        assertThat(write).doesNotContain("system", "command", "config", "all").contains("call", "agent", "originate");
        assertThat(cti.value("writetimeout")).contains("100");
        assertThat(cti.values("permit")).isNotEmpty();
        assertThat(cti.value("deny")).contains("0.0.0.0/0.0.0.0");
    }

    @Test
    void eventFiltersUseTheAdvancedSyntax() throws IOException {
        AsteriskConf.Section cti = conf("manager.conf").section("cti");
        List<AsteriskConf.Entry> filters = cti.entries().stream().filter(e -> e.key().startsWith("eventfilter")).toList();
        assertThat(filters).isNotEmpty().allSatisfy(e -> assertThat(e.key())
                .matches("eventfilter\\((action\\((include|exclude)\\)|name\\([A-Za-z]+\\)|header\\([A-Za-z]+\\)"
                        + "|method\\((regex|exact|starts_with|ends_with|contains|none)\\)|,)+\\)"));
        assertThat(filters).extracting(AsteriskConf.Entry::key).contains("eventfilter(action(include),name(FullyBooted))",
                "eventfilter(action(include),name(AgentCalled))");
    }

    @Test
    void pjsipHasWebRtcAgentsAndATrunk() throws IOException {
        AsteriskConf pjsip = conf("pjsip.conf");
        for (int ext = 1001; ext <= 1010; ext++) {
            List<AsteriskConf.Section> s = pjsip.sections(Integer.toString(ext));
            List<String> types = s.stream().map(sec -> pjsip.effective(sec).get("type")).toList();
            assertThat(types).as("agent %d", ext).containsExactlyInAnyOrder("endpoint", "auth", "aor");
            AsteriskConf.Section endpoint = s.stream().filter(sec -> "endpoint".equals(pjsip.effective(sec).get("type")))
                    .findFirst().orElseThrow();
            assertThat(pjsip.effective(endpoint)).containsEntry("webrtc", "yes").containsEntry("transport", "transport-wss")
                    .containsEntry("context", "agents");
        }
        assertThat(pjsip.effective(pjsip.section("transport-wss"))).containsEntry("protocol", "wss");
        assertThat(pjsip.sections("trunk")).extracting(sec -> pjsip.effective(sec).get("type"))
                .contains("endpoint", "aor", "auth", "identify");
    }
}
