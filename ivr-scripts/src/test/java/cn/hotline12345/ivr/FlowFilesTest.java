package cn.hotline12345.ivr;

import cn.hotline12345.ivr.flow.Flow;
import cn.hotline12345.ivr.flow.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped files: index, catalogue coverage, Mandarin texts, and the lint command. */
class FlowFilesTest {

    @Test
    void flowsListNamesExactlyTheFlowFiles() throws IOException {
        Set<String> listed = new HashSet<>();
        for (String line : Files.readAllLines(TestFlows.RESOURCES.resolve("flows/flows.list"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                listed.add(line.strip());
            }
        }
        Set<String> files = new HashSet<>();
        try (Stream<Path> s = Files.list(TestFlows.RESOURCES.resolve("flows"))) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).forEach(files::add);
        }
        assertThat(listed).isEqualTo(files);
    }

    @Test
    void everyCataloguePromptIsUsedAndIsMandarin() throws IOException {
        FlowSet set = TestFlows.shipped();
        Set<String> used = new HashSet<>();
        for (Flow f : set.flows().values()) {
            f.nodes().values().forEach(n -> used.addAll(n.promptIds()));
        }
        // the prompts the dialplan plays itself (Playback in docker/asterisk/extensions.conf)
        Set<String> dialplanFiles = DockerAsteriskConfigTest.dialplanPlaybackFiles();
        set.catalogue().prompts().values().stream().filter(p -> dialplanFiles.contains(p.file())).forEach(p -> used.add(p.id()));
        assertThat(set.catalogue().prompts().keySet()).isEqualTo(used);
        set.catalogue().prompts().values().forEach(p ->
                assertThat(p.text().codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                        .as(p.id()).isTrue());
    }

    @Test
    void noFlowEverSaysClosedAndEveryMenuFallsBackToAPerson() {
        FlowSet set = TestFlows.shipped();
        set.catalogue().prompts().values().forEach(p -> assertThat(p.text()).doesNotContain("下班", "休息时间", "暂停服务"));
        Flow hotline = set.flow("hotline").orElseThrow();
        for (Node n : hotline.nodes().values()) {
            if (n instanceof Node.Menu m) {
                Node fallback = hotline.nodes().get(m.onFailure());
                assertThat(fallback).as("fallback of %s", m.id()).isInstanceOfAny(Node.Queue.class, Node.Menu.class);
            }
        }
    }

    private static int lint(List<String> args, ByteArrayOutputStream out, ByteArrayOutputStream err) {
        return FlowLint.run(args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void lintPassesOnTheShippedFlowsFromDirectoryAndClasspath() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(lint(List.of(TestFlows.RESOURCES.toString()), out, err)).isZero();
        assertThat(lint(List.of(), out, err)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("OK: 4 flows");
    }

    @Test
    void lintFailsWithFileAndNodeOnABadDirectory(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("flows"));
        Files.createDirectories(dir.resolve("prompts"));
        Files.writeString(dir.resolve("prompts/catalogue.yaml"), TestFlows.SMALL_CATALOGUE);
        Files.writeString(dir.resolve("flows/x.yaml"), "start: a\nnodes: {a: {kind: hangup, prompts: [missing]}}\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(lint(List.of(dir.toString()), out, err)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("ERROR flows/x.yaml: node 'a': prompt 'missing' is not in the catalogue");
        assertThat(lint(List.of("a", "b"), out, err)).isEqualTo(2);
        assertThat(lint(List.of(dir.resolve("nope").toString()), out, err)).isEqualTo(1);
    }
}
