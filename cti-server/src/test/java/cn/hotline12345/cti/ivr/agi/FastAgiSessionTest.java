package cn.hotline12345.cti.ivr.agi;


import cn.hotline12345.cti.ivr.agi.AgiFixture;
import cn.hotline12345.cti.ivr.api.IvrSessionEnded;
import cn.hotline12345.cti.ivr.api.RecordingPorts;
import cn.hotline12345.ivr.engine.IvrOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A whole hotline session over real TCP with an Asterisk-like raw FastAGI peer: the exact command sequence. */
class FastAgiSessionTest {

    static RecordingPorts ports = new RecordingPorts();
    static AgiFixture agi;

    @BeforeAll
    static void start() throws Exception {
        agi = new AgiFixture(ports.ports());
    }

    @AfterAll
    static void stop() throws Exception {
        agi.close();
    }

    @Test
    void complaint_goes_to_the_complaint_queue_with_every_contract_variable_set_then_the_socket_closes() throws Exception {
        try (RawAgiClient c = new RawAgiClient(agi.port)) {
            c.sendEnv(RawAgiClient.env("hotline", "1795623661.16", "13800138000"));
            List<String> cmds = c.runLikeAsterisk(List.of("-", "1", "4"), Map.of());
            assertThat(cmds).containsExactly(
                    "ANSWER",
                    "STREAM FILE hotline/welcome-24h \"\"",
                    "STREAM FILE hotline/emergency-notice \"9\"",
                    "GET DATA hotline/main-menu 6000 1",
                    "GET DATA hotline/category-menu 6000 1",
                    "STREAM FILE hotline/to-operator \"\"",
                    "SET VARIABLE HOTLINE_IVR_PATH \"welcome>emergency>main-menu:1>category:4\"",
                    "SET VARIABLE HOTLINE_QUEUE \"q-complaint\"",
                    "SET VARIABLE HOTLINE_PRIORITY \"1\"",
                    "SET VARIABLE HOTLINE_NEXT \"queue\"");
        }
        IvrSessionEnded e = agi.nextEnded();
        assertThat(e.ending()).isEqualTo(IvrOutcome.Ending.QUEUE);
        assertThat(e.queue()).isEqualTo("q-complaint");
        assertThat(e.priority()).isEqualTo(1);
        assertThat(e.uniqueid()).isEqualTo("1795623661.16");
        assertThat(e.caller()).isEqualTo("13800138000");
        assertThat(e.script()).isEqualTo("hotline");
        assertThat(ports.profileRequests).contains("13800138000");
        AgiFixture.await("session counted", () -> agi.sessions("hotline", "queue") >= 1);
        AgiFixture.await("no session left", () -> agi.active() == 0);
        assertThat(agi.registry.get("cti.agi.command.server.time").timer().count()).isGreaterThanOrEqualTo(10);
        assertThat(agi.readiness.isUp("agi")).isTrue();
    }

    @Test
    void a_caller_name_with_a_carriage_return_and_quotes_never_reaches_a_command_unescaped() throws Exception {
        var env = RawAgiClient.env("survey", "1795623661.20", "13800138000");
        env.put("calleridname", "Evil\r\"; HANGUP");
        try (RawAgiClient c = new RawAgiClient(agi.port)) {
            c.sendEnv(env);
            // MEMBERINTERFACE carries a quote and a backslash: it goes back only as a quoted, escaped argument
            List<String> cmds = c.runLikeAsterisk(List.of("1"), Map.of("MEMBERINTERFACE", "PJSIP/1001\"x\\"));
            assertThat(cmds).allSatisfy(cmd -> assertThat(cmd).doesNotContain("\r"));
        }
        IvrSessionEnded e = agi.nextEnded();
        assertThat(e.ending()).isEqualTo(IvrOutcome.Ending.HANGUP);
        assertThat(ports.surveys).anySatisfy(s -> assertThat(s.agentInterface()).isEqualTo("PJSIP/1001\"x\\"));
    }
}
