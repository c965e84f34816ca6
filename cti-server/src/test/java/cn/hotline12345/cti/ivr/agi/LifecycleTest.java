package cn.hotline12345.cti.ivr.agi;


import cn.hotline12345.cti.ivr.agi.RawAgiClient;
import cn.hotline12345.cti.ivr.api.IvrPorts;
import cn.hotline12345.cti.ivr.api.IvrSessionEnded;
import cn.hotline12345.cti.ivr.api.RecordingPorts;
import cn.hotline12345.ivr.FlowRegistry;
import cn.hotline12345.ivr.FlowSource;
import cn.hotline12345.ivr.InvalidFlowsException;
import cn.hotline12345.ivr.engine.IvrOutcome.Ending;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reload during calls, invalid flows at start-up and on reload, lookup timeouts, max duration, busy, close. */
class LifecycleTest {

    private static Path copyFlows(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("flows"));
        Files.createDirectories(dir.resolve("prompts"));
        for (String f : List.of("flows/hotline.yaml", "flows/status.yaml", "flows/survey.yaml", "flows/revisit.yaml",
                "prompts/catalogue.yaml")) {
            try (InputStream in = LifecycleTest.class.getClassLoader().getResourceAsStream(f)) {
                Files.write(dir.resolve(f), in.readAllBytes());
            }
        }
        return dir;
    }

    private static void edit(Path file, String from, String to) throws Exception {
        String s = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(s).contains(from);
        Files.writeString(file, s.replace(from, to), StandardCharsets.UTF_8);
    }

    @Test
    void a_reload_during_calls_leaves_calls_in_progress_on_their_version_and_an_invalid_one_keeps_the_last_good(
            @TempDir Path tmp) throws Exception {
        Path dir = copyFlows(tmp);
        try (AgiFixture agi = new AgiFixture(IvrPorts.nothingKnown(), AgiFixture.fastSettings(),
                AgiFixture.config(Duration.ofMinutes(15), 100), FlowSource.directory(dir));
             RawAgiClient old = new RawAgiClient(agi.port)) {
            String v1 = agi.module.flows().current().version();
            old.sendEnv(RawAgiClient.env("hotline", "5.1", "13800138000"));
            assertThat(old.readCommand()).isEqualTo("ANSWER"); // the call is in progress on v1
            // operator priority 0 -> 3 in the new version
            edit(dir.resolve("flows/hotline.yaml"), "operator: {kind: queue, prompts: [to-operator], queue: q-general, priority: 0}",
                    "operator: {kind: queue, prompts: [to-operator], queue: q-general, priority: 3}");
            FlowRegistry.ReloadResult r = agi.module.reload().await(20, TimeUnit.SECONDS);
            assertThat(r.applied()).isTrue();
            String v2 = r.current().version();
            assertThat(v2).isNotEqualTo(v1);
            try (RawAgiClient fresh = new RawAgiClient(agi.port)) {
                fresh.sendEnv(RawAgiClient.env("hotline", "5.2", "13800138001"));
                assertThat(fresh.runLikeAsterisk(List.of("-", "0"), Map.of())).contains("SET VARIABLE HOTLINE_PRIORITY \"3\"");
            }
            IvrSessionEnded second = agi.nextEnded();
            assertThat(second.flowVersion()).isEqualTo(v2);
            old.reply("200 result=0");
            assertThat(old.runLikeAsterisk(List.of("-", "0"), Map.of())).contains("SET VARIABLE HOTLINE_PRIORITY \"0\"");
            IvrSessionEnded first = agi.nextEnded();
            assertThat(first.flowVersion()).isEqualTo(v1);
            assertThat(first.priority()).isZero();

            // an invalid edit is rejected, the last good set stays live
            edit(dir.resolve("flows/hotline.yaml"), "next: welcome\n", "next: no-such-node\n");
            FlowRegistry.ReloadResult bad = agi.module.reload().await(20, TimeUnit.SECONDS);
            assertThat(bad.applied()).isFalse();
            assertThat(bad.errors()).isNotEmpty();
            assertThat(agi.module.flows().current().version()).isEqualTo(v2);
        }
    }

    @Test
    void start_up_fails_on_invalid_flows_listing_the_errors(@TempDir Path tmp) throws Exception {
        Path dir = copyFlows(tmp);
        edit(dir.resolve("flows/hotline.yaml"), "queue: q-special", "queue: q-nowhere");
        edit(dir.resolve("flows/status.yaml"), "next: lookup-number", "next: missing-node");
        assertThatThrownBy(() -> new AgiFixture(IvrPorts.nothingKnown(), AgiFixture.fastSettings(),
                AgiFixture.config(Duration.ofMinutes(15), 100), FlowSource.directory(dir)))
                .isInstanceOf(InvalidFlowsException.class)
                .hasMessageContaining("missing-node").hasMessageContaining("q-nowhere");
    }

    @Test
    void a_lookup_that_never_answers_sends_the_flow_to_its_error_branch_within_the_timeout() throws Exception {
        RecordingPorts ports = new RecordingPorts();
        ports.hangingProfiles.add("13700137000");
        try (AgiFixture agi = new AgiFixture(ports.ports(), AgiFixture.fastSettings().withLookupTimeout(Duration.ofMillis(300)),
                AgiFixture.config(Duration.ofMinutes(15), 100), FlowSource.classpath(getClass().getClassLoader()));
             RawAgiClient c = new RawAgiClient(agi.port)) {
            c.sendEnv(RawAgiClient.env("hotline", "6.1", "13700137000"));
            assertThat(c.runLikeAsterisk(List.of("-", "0"), Map.of())).contains("SET VARIABLE HOTLINE_NEXT \"queue\"");
            IvrSessionEnded e = agi.nextEnded();
            assertThat(e.path()).isEqualTo("welcome>emergency>main-menu:0");
            assertThat(agi.registry.get("cti.ivr.service.calls").tag("outcome", "timeout").counter().count()).isEqualTo(1);
        }
    }

    @Test
    void a_session_past_the_maximum_duration_goes_to_the_fallback_queue_or_is_cut_off() throws Exception {
        try (AgiFixture agi = new AgiFixture(IvrPorts.nothingKnown(),
                AgiFixture.fastSettings().withCommandGrace(Duration.ofSeconds(1)),
                AgiFixture.config(Duration.ofMillis(700), 100), FlowSource.classpath(getClass().getClassLoader()))) {
            // slow caller: each reply after 150 ms; past 700 ms the interpreter routes to the fallback queue
            try (RawAgiClient c = new RawAgiClient(agi.port)) {
                c.sendEnv(RawAgiClient.env("hotline", "7.1", "13800138000"));
                String cmd;
                while ((cmd = c.readCommand()) != null) {
                    if (!cmd.startsWith("SET VARIABLE")) {
                        Thread.sleep(150);
                    }
                    c.reply(RawAgiClient.answer(cmd, "-", Map.of()));
                }
                assertThat(c.commands).contains("SET VARIABLE HOTLINE_QUEUE \"q-general\"", "SET VARIABLE HOTLINE_NEXT \"queue\"");
            }
            IvrSessionEnded slow = agi.nextEnded();
            assertThat(slow.ending()).isEqualTo(Ending.MAX_DURATION);
            // a peer that never answers a long command (GET DATA may legitimately take 12 s + grace): cut off at
            // max duration + grace, the socket closed
            try (RawAgiClient c = new RawAgiClient(agi.port)) {
                c.sendEnv(RawAgiClient.env("hotline", "7.2", "13800138000"));
                String cmd;
                while (!(cmd = c.readCommand()).startsWith("GET DATA")) {
                    c.reply(RawAgiClient.answer(cmd, "-", Map.of()));
                }
                assertThat(c.closedByServer()).isTrue();
            }
            IvrSessionEnded stuck = agi.nextEnded();
            assertThat(stuck.ending()).isEqualTo(Ending.MAX_DURATION);
            assertThat(agi.sessions("hotline", "max_duration")).isEqualTo(2);
        }
    }

    @Test
    void sessions_over_the_limit_are_refused_and_close_lets_running_sessions_finish() throws Exception {
        AgiFixture agi = new AgiFixture(IvrPorts.nothingKnown(), AgiFixture.fastSettings(),
                AgiFixture.config(Duration.ofMinutes(15), 1), FlowSource.classpath(getClass().getClassLoader()));
        try (RawAgiClient running = new RawAgiClient(agi.port)) {
            running.sendEnv(RawAgiClient.env("hotline", "8.1", "13800138000"));
            assertThat(running.readCommand()).isEqualTo("ANSWER");
            try (RawAgiClient second = new RawAgiClient(agi.port)) {
                second.sendEnv(RawAgiClient.env("hotline", "8.2", "13800138001"));
                assertThat(second.closedByServer()).isTrue();
            }
            AgiFixture.await("busy counted", () -> agi.refused(AgiRefusal.BUSY) == 1);
            var closing = agi.module.close();
            AgiFixture.await("not ready while closing", () -> !agi.readiness.isUp("agi"));
            running.reply("200 result=0");
            assertThat(running.runLikeAsterisk(List.of("-", "0"), Map.of())).contains("SET VARIABLE HOTLINE_NEXT \"queue\"");
            assertThat(agi.nextEnded().ending()).isEqualTo(Ending.QUEUE);
            closing.await(10, TimeUnit.SECONDS);
        } finally {
            agi.vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
