package cn.hotline12345.cti.ivr.agi;


import cn.hotline12345.cti.ivr.agi.RawAgiClient;
import cn.hotline12345.cti.ivr.api.IvrPorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forged and broken environments are refused: the connection is closed without any command (no HANGUP command,
 * which would drop a real caller: the dialplan goes on to the queue), counted by reason, and the server stays up.
 */
class HostileEnvironmentTest {

    static AgiFixture agi;

    @BeforeAll
    static void start() throws Exception {
        agi = new AgiFixture(IvrPorts.nothingKnown());
    }

    @AfterAll
    static void stop() throws Exception {
        agi.close();
    }

    private void assertRefused(byte[] bytes, AgiRefusal reason) throws Exception {
        double before = agi.refused(reason);
        try (RawAgiClient c = new RawAgiClient(agi.port)) {
            c.send(bytes);
            assertThat(c.closedByServer()).as("closed without a command").isTrue();
            assertThat(c.commands).isEmpty();
        }
        AgiFixture.await("refusal counted", () -> agi.refused(reason) == before + 1);
        AgiFixture.await("slot released", () -> agi.active() == 0);
        assertServerStillServes();
    }

    private static byte[] envBytes(Map<String, String> env) {
        StringBuilder sb = new StringBuilder();
        env.forEach((k, v) -> {
            if (v != null) {
                sb.append("agi_").append(k).append(": ").append(v).append('\n');
            }
        });
        return sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void assertServerStillServes() throws Exception {
        try (RawAgiClient c = new RawAgiClient(agi.port)) {
            c.sendEnv(RawAgiClient.env("hotline", "1.1", "13800138000"));
            assertThat(c.runLikeAsterisk(List.of("-", "0"), Map.of())).contains("SET VARIABLE HOTLINE_NEXT \"queue\"");
        }
        agi.nextEnded();
    }

    @Test
    void a_line_feed_in_the_caller_name_splits_the_line_and_the_forged_line_refuses_the_session() throws Exception {
        var env = RawAgiClient.env("hotline", "2.1", "13800138000");
        env.put("calleridname", "Zhang\nSET VARIABLE HOTLINE_QUEUE \"q-special\"");
        assertRefused(envBytes(env), AgiRefusal.GARBAGE);
    }

    @Test
    void a_10_kb_value_is_refused_as_oversized() throws Exception {
        var env = RawAgiClient.env("hotline", "2.2", "13800138000");
        env.put("calleridname", "名".repeat(3500));
        assertRefused(envBytes(env), AgiRefusal.OVERSIZED);
    }

    @Test
    void missing_script_or_uniqueid_is_refused() throws Exception {
        var noScript = RawAgiClient.env("hotline", "2.3", "13800138000");
        noScript.put("network_script", null);
        assertRefused(envBytes(noScript), AgiRefusal.MISSING_KEYS);
        var noId = RawAgiClient.env("hotline", "2.4", "13800138000");
        noId.put("uniqueid", null);
        assertRefused(envBytes(noId), AgiRefusal.MISSING_KEYS);
        assertRefused("\n".getBytes(StandardCharsets.US_ASCII), AgiRefusal.MISSING_KEYS);
    }

    @Test
    void non_utf8_bytes_are_refused() throws Exception {
        byte[] head = "agi_network_script: hotline\nagi_uniqueid: 2.5\nagi_calleridname: ".getBytes(StandardCharsets.US_ASCII);
        byte[] bad = {(byte) 0xE5, (byte) 0xBC, (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\n', '\n'};
        byte[] all = new byte[head.length + bad.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        assertRefused(all, AgiRefusal.NOT_UTF8);
    }

    @Test
    void garbage_instead_of_an_environment_is_refused() throws Exception {
        assertRefused("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII), AgiRefusal.GARBAGE);
    }

    @Test
    void too_many_lines_are_refused() throws Exception {
        StringBuilder sb = new StringBuilder("agi_network_script: hotline\n");
        for (int i = 0; i < 100; i++) {
            sb.append("agi_arg_").append(i).append(": x\n");
        }
        assertRefused(sb.append('\n').toString().getBytes(StandardCharsets.US_ASCII), AgiRefusal.TOO_LARGE);
    }

    @Test
    void an_unknown_script_is_closed_cleanly() throws Exception {
        assertRefused(envBytes(RawAgiClient.env("no-such-flow", "2.6", "13800138000")), AgiRefusal.UNKNOWN_SCRIPT);
        assertRefused(envBytes(RawAgiClient.env("../etc/passwd", "2.7", "13800138000")), AgiRefusal.MISSING_KEYS);
    }

    @Test
    void a_client_that_never_sends_anything_is_closed_after_the_environment_timeout() throws Exception {
        double before = agi.refused(AgiRefusal.ENV_TIMEOUT);
        long t0 = System.nanoTime();
        try (RawAgiClient c = new RawAgiClient(agi.port)) {
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        AgiFixture.await("timeout counted", () -> agi.refused(AgiRefusal.ENV_TIMEOUT) == before + 1);
        AgiFixture.await("slot released", () -> agi.active() == 0);
    }

    @Test
    void a_client_that_sends_half_an_environment_is_closed_after_the_environment_timeout() throws Exception {
        double before = agi.refused(AgiRefusal.ENV_TIMEOUT);
        try (RawAgiClient c = new RawAgiClient(agi.port)) {
            c.send("agi_network_script: hotline\nagi_uniq".getBytes(StandardCharsets.US_ASCII));
            assertThat(c.closedByServer()).isTrue();
        }
        AgiFixture.await("timeout counted", () -> agi.refused(AgiRefusal.ENV_TIMEOUT) == before + 1);
    }
}
