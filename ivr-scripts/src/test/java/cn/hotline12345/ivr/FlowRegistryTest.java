package cn.hotline12345.ivr;

import cn.hotline12345.ivr.engine.DigitsResult;
import cn.hotline12345.ivr.engine.Interpreter;
import cn.hotline12345.ivr.engine.IvrOutcome;
import cn.hotline12345.ivr.engine.SessionLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlowRegistryTest {

    private static final String V1 = """
            start: m
            nodes:
              m: {kind: menu, prompts: [p1], choices: {"1": a}, on_failure: a}
              a: {kind: queue, queue: q-consult}
            """;
    private static final String V2 = V1.replace("q-consult", "q-help");

    private static Path write(Path dir, String flow) throws IOException {
        Files.createDirectories(dir.resolve("flows"));
        Files.createDirectories(dir.resolve("prompts"));
        Files.writeString(dir.resolve("prompts/catalogue.yaml"), TestFlows.SMALL_CATALOGUE);
        Files.writeString(dir.resolve("flows/t.yaml"), flow);
        return dir;
    }

    @Test
    void startFailsOnAnInvalidSet(@TempDir Path dir) throws IOException {
        write(dir, V1.replace("q-consult", "q-nowhere"));
        assertThatThrownBy(() -> FlowRegistry.start(FlowSource.directory(dir), Set.of()))
                .isInstanceOf(InvalidFlowsException.class)
                .hasMessageContaining("flows/t.yaml: node 'a': queue 'q-nowhere'");
    }

    @Test
    void reloadAppliesAGoodSetAndKeepsTheLastGoodOneOtherwise(@TempDir Path dir) throws Exception {
        write(dir, V1);
        FlowRegistry registry = FlowRegistry.start(FlowSource.directory(dir), Set.of());
        FlowSet first = registry.current();
        assertThat(first.generation()).isEqualTo(1);

        Files.writeString(dir.resolve("flows/t.yaml"), V2);
        FlowRegistry.ReloadResult ok = registry.reload();
        assertThat(ok.applied()).isTrue();
        assertThat(registry.current().generation()).isEqualTo(2);
        assertThat(registry.current().digest()).isNotEqualTo(first.digest());
        FlowSet good = registry.current();

        Files.writeString(dir.resolve("flows/t.yaml"), V2.replace("next", "nxt").replace("on_failure: a", "on_failure: gone"));
        FlowRegistry.ReloadResult bad = registry.reload();
        assertThat(bad.applied()).isFalse();
        assertThat(bad.errors()).anySatisfy(e -> assertThat(e.toString()).contains("flows/t.yaml", "gone"));
        assertThat(registry.current()).isSameAs(good);
        assertThat(bad.current()).isSameAs(good);

        Files.writeString(dir.resolve("flows/t.yaml"), "\u0000garbage: [");
        assertThat(registry.reload().applied()).isFalse();
        assertThat(registry.current()).isSameAs(good);
    }

    @Test
    void aSessionInProgressKeepsTheFlowVersionItStartedWith(@TempDir Path dir) throws Exception {
        write(dir, V1);
        FlowRegistry registry = FlowRegistry.start(FlowSource.directory(dir), Set.of());
        CompletableFuture<DigitsResult> caller = new CompletableFuture<>();
        ScriptedChannel ch = new ScriptedChannel() {
            @Override
            public CompletionStage<DigitsResult> collect(String f, int t, int m) {
                super.collect(f, t, m);
                return caller; // the caller is still thinking while the flows are reloaded
            }
        };
        Interpreter interpreter = new Interpreter(new FakeServices(), SessionLimits.defaults());
        CompletionStage<IvrOutcome> running = interpreter.run(registry.current(), "t", ch, Map.of());

        Files.writeString(dir.resolve("flows/t.yaml"), V2);
        assertThat(registry.reload().applied()).isTrue();
        IvrOutcome fresh = TestFlows.run(registry.current(), "t", new ScriptedChannel("1"), new FakeServices(), Map.of());
        assertThat(fresh.queue()).isEqualTo("q-help");

        caller.complete(DigitsResult.entered("1"));
        IvrOutcome old = running.toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(old.queue()).isEqualTo("q-consult");
        assertThat(old.flowSetVersion()).startsWith("1:");
        assertThat(fresh.flowSetVersion()).startsWith("2:");
    }

    @Test
    void classpathAndDirectoryCopiesOfTheShippedFlowsAreIdentical() throws Exception {
        FlowSet cp = FlowRegistry.start(FlowSource.classpath(getClass().getClassLoader()), HotlineNames.SERVICES).current();
        FlowSet disk = FlowRegistry.start(FlowSource.directory(TestFlows.RESOURCES), HotlineNames.SERVICES).current();
        assertThat(cp.digest()).isEqualTo(disk.digest());
        assertThat(cp.flows().keySet()).containsExactly("hotline", "revisit", "status", "survey");
    }

    @Test
    void unknownServiceNamesAreRejectedAtStart() {
        assertThatThrownBy(() -> FlowRegistry.start(FlowSource.classpath(getClass().getClassLoader()),
                Set.of("caller_profile")))
                .isInstanceOf(InvalidFlowsException.class)
                .satisfies(e -> assertThat(((InvalidFlowsException) e).errors())
                        .anySatisfy(err -> assertThat(err.message()).contains("lookup 'matter_status'")));
    }
}
