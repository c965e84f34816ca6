package cn.hotline12345.cti.fuzz;

import cn.hotline12345.cti.ivr.agi.AgiEnvironmentReader;
import cn.hotline12345.cti.ivr.agi.AgiReplyReader;
import cn.hotline12345.softphone.ws.WsCodec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 10 item 8: what arrives from Asterisk's FastAGI side and from browsers, as arbitrary input — never a
 * crash, never a hang, bounded, and a clear outcome each time (a reply, a refusal, or an
 * IllegalArgumentException with a message).
 */
class WireFuzzTest {

    @Property(tries = 500)
    void agiReplyLinesAlwaysClassify(@ForAll("replyLines") List<String> lines) {
        AgiReplyReader reader = new AgiReplyReader();
        for (String line : lines) {
            AgiReplyReader.Line l = reader.accept(line);
            assertThat(l).isNotNull();
            if (l instanceof AgiReplyReader.Line.Garbage g) {
                assertThat(g.cleaned()).doesNotContain("\r").doesNotContain("\n");
            }
        }
    }

    @Property(tries = 500)
    void agiEnvironmentsAreReadOrRefusedWithinTheirBounds(@ForAll @Size(max = 80) List<@Size(max = 300) byte[]> lines) {
        AgiEnvironmentReader reader = new AgiEnvironmentReader(64, 16 * 1024);
        AgiEnvironmentReader.Step last = null;
        int fed = 0;
        for (byte[] line : lines) {
            last = reader.accept(line);
            fed++;
            if (!(last instanceof AgiEnvironmentReader.Step.More)) {
                break;
            }
        }
        if (fed > 64) {
            assertThat(last).isNotInstanceOf(AgiEnvironmentReader.Step.More.class);
        }
        AgiEnvironmentReader.Step end = reader.accept(new byte[0]);
        assertThat(end).isNotNull();
    }

    @Property(tries = 500)
    void forgedEnvironmentsWithoutTheRequiredKeysAreRefused(@ForAll("envLines") List<String> lines) {
        AgiEnvironmentReader reader = new AgiEnvironmentReader(64, 16 * 1024);
        for (String line : lines) {
            reader.accept(line.getBytes(StandardCharsets.UTF_8));
        }
        AgiEnvironmentReader.Step end = reader.accept(new byte[0]);
        boolean hasRequired = lines.stream().anyMatch(l -> l.startsWith("agi_network_script: "))
                && lines.stream().anyMatch(l -> l.startsWith("agi_uniqueid: "));
        if (!hasRequired) {
            assertThat(end).isInstanceOf(AgiEnvironmentReader.Step.Refused.class);
        }
    }

    @Property(tries = 500)
    void websocketFramesDecodeOrFailClearly(@ForAll("frames") String frame) {
        Throwable t = catchThrowable(() -> WsCodec.decode(frame));
        if (t != null) {
            assertThat(t).isInstanceOf(IllegalArgumentException.class);
            assertThat(t.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<List<String>> replyLines() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("200 result=0", "200 result=1 (13800138000)", "200 result=-1", "HANGUP",
                        "510 Invalid or unknown command", "511 Command Not Permitted on a dead channel or intercept routine",
                        "520-Invalid command syntax.  Proper usage follows:", "Usage: GET DATA", "520 End of proper usage.",
                        "200 result=0 endpos=3520", ""),
                Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().withChars("0123456789 =()-resultHANGUP\r\t").ofMaxLength(60));
        return line.list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<String>> envLines() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of("agi_network: yes", "agi_network_script: hotline", "agi_uniqueid: 1795623661.16",
                        "agi_callerid: 13800138000", "agi_calleridname: 张三\r", "agi_channel: PJSIP/trunk-0001"),
                Arbitraries.strings().ofMaxLength(100).map(s -> "agi_" + s),
                Arbitraries.strings().ofMaxLength(100));
        return line.list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<String> frames() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(300),
                Arbitraries.of("{}", "[]", "null", "{\"type\":\"screen_pop\"}", "{\"type\":\"screen_pop\",\"v\":1}",
                        "{\"type\":\"screen_pop\",\"v\":1,\"data\":{}}", "{\"type\":\"hello\",\"v\":99,\"data\":{}}",
                        "{\"type\":1,\"v\":\"x\",\"data\":[]}", "{\"type\":\"call_ended\",\"v\":1,\"data\":{\"callId\":5}}"),
                Arbitraries.strings().withChars("{}[]\":,0123456789abcdefghijklmnopqrstuvwxyz_ ").ofMaxLength(120));
    }
}
