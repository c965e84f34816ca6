package cn.hotline12345.cti.telephony.ami;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AmiFramerTest {

    private final List<AmiMessage> messages = new ArrayList<>();
    private final List<String> banners = new ArrayList<>();
    private final AmiFramer framer = new AmiFramer(1024, 64, banners::add, messages::add);

    @Test
    void framesBannerAndMessagesSplitAnywhere() {
        byte[] wire = ("Asterisk Call Manager/11.0.0\r\nResponse: Success\r\nActionID: a-1\r\nMessage: Authentication accepted\r\n\r\n"
                + "Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 85\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        for (byte b : wire) {
            framer.feed(new byte[] {b});
        }
        assertThat(banners).containsExactly("Asterisk Call Manager/11.0.0");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).response()).isEqualTo("Success");
        assertThat(messages.get(0).actionId()).isEqualTo("a-1");
        assertThat(messages.get(1).event()).isEqualTo("FullyBooted");
        assertThat(messages.get(1).get("uptime")).isEqualTo("85");
    }

    @Test
    void keepsUtf8CallerNamesAndEmptyValuesAndRepeatedHeaders() {
        framer.feed(("Asterisk Call Manager/11.0.0\r\nEvent: Newchannel\r\nCallerIDName: 张三丰\r\nAccountCode: \r\n"
                + "Variable: A=1\r\nVariable: B=2\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        AmiMessage m = messages.get(0);
        assertThat(m.get("CallerIDName")).isEqualTo("张三丰");
        assertThat(m.get("AccountCode")).isEmpty();
        assertThat(m.getAll("Variable")).containsExactly("A=1", "B=2");
    }

    @Test
    void oversizedLineDropsOnlyItsMessage() {
        framer.feed("Asterisk Call Manager/11.0.0\r\n".getBytes(StandardCharsets.UTF_8));
        framer.feed(("Event: Bad\r\nCallerIDName: " + "x".repeat(5000) + "\r\n\r\nEvent: Good\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(messages).extracting(AmiMessage::event).containsExactly("Good");
        assertThat(framer.malformed()).isEqualTo(1);
    }

    @Test
    void tooManyHeadersDropsTheMessage() {
        StringBuilder sb = new StringBuilder("Asterisk Call Manager/11.0.0\r\nEvent: Flood\r\n");
        for (int i = 0; i < 100; i++) {
            sb.append("H").append(i).append(": v\r\n");
        }
        sb.append("\r\nEvent: After\r\n\r\n");
        framer.feed(sb.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(messages).extracting(AmiMessage::event).containsExactly("After");
    }

    @Test
    void brokenUtf8BecomesReplacementCharacters() {
        framer.feed("Asterisk Call Manager/11.0.0\r\nEvent: X\r\nCallerIDName: ".getBytes(StandardCharsets.UTF_8));
        framer.feed(new byte[] {(byte) 0xe5, (byte) 0xff, 'a'});
        framer.feed("\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(messages.get(0).get("CallerIDName")).contains("\uFFFD").endsWith("a");
    }

    @Test
    void bareLfAndHeaderWithoutColonAreTolerated() {
        framer.feed("Asterisk Call Manager/11.0.0\nEvent: X\nfree text line\nKey:NoSpace\n\n".getBytes(StandardCharsets.UTF_8));
        assertThat(messages.get(0).get("Key")).isEqualTo("NoSpace");
        assertThat(messages.get(0).get("")).isEqualTo("free text line");
    }

    @Test
    void parsesEveryCaptureIntoItsEvents() throws Exception {
        for (String capture : List.of("s1-ivr-queue-answered.ami", "s2-queue-abandon-paused.ami",
                "s3-agent-actions-status.ami", "s4-hangup-during-ivr.ami")) {
            byte[] bytes = Files.readAllBytes(Path.of("../pbx-sim/src/test/resources/asterisk-22/" + capture));
            List<AmiMessage> got = new ArrayList<>();
            AmiFramer f = AmiFramer.standard(b -> { }, got::add);
            f.feed(bytes);
            long expected = new String(bytes, StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("Event: ")).count();
            assertThat(got.stream().filter(m -> m.event() != null).count()).as(capture).isEqualTo(expected);
            assertThat(f.malformed()).isZero();
        }
    }

    /** Fuzz: arbitrary bytes never throw, never hang, and memory stays bounded by the limits. */
    @Property(tries = 300)
    void arbitraryBytesNeverBreakTheFramer(@ForAll @Size(max = 4000) byte[] noise) {
        List<AmiMessage> got = new ArrayList<>();
        AmiFramer f = new AmiFramer(256, 16, b -> { }, got::add);
        f.feed(noise);
        f.feed("\r\n\r\nEvent: Sentinel\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(got).isNotEmpty();
        assertThat(got.get(got.size() - 1).event()).isEqualTo("Sentinel");
        for (AmiMessage m : got) {
            assertThat(m.size()).isLessThanOrEqualTo(16);
            for (int i = 0; i < m.size(); i++) {
                assertThat(m.value(i).length()).isLessThanOrEqualTo(256);
            }
        }
    }

    /**
     * Lines are parsed in place when a chunk holds them whole and copied when a chunk cuts them: the
     * messages, their header names and values, the banner and the malformed count must not depend on
     * where the chunks end (lines near the 64-byte limit, CRLF cut between CR and LF, UTF-8 cut mid-character).
     */
    @Property(tries = 300)
    void chunkBoundariesDoNotChangeWhatIsFramed(@ForAll("amiLines") List<String> lines,
                                               @ForAll @Size(max = 40) List<@net.jqwik.api.constraints.IntRange(min = 1, max = 90) Integer> cuts) {
        StringBuilder sb = new StringBuilder("Asterisk Call Manager/11.0.0\r\n");
        lines.forEach(l -> sb.append(l));
        byte[] wire = sb.append("\r\n\r\nEvent: Sentinel\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8);
        List<String> wholeBanner = new ArrayList<>();
        List<AmiMessage> whole = new ArrayList<>();
        AmiFramer one = new AmiFramer(64, 8, wholeBanner::add, whole::add);
        one.feed(wire);
        List<String> cutBanner = new ArrayList<>();
        List<AmiMessage> pieces = new ArrayList<>();
        AmiFramer many = new AmiFramer(64, 8, cutBanner::add, pieces::add);
        int at = 0;
        int k = 0;
        while (at < wire.length) {
            int n = cuts.isEmpty() ? 1 : Math.min(cuts.get(k++ % cuts.size()), wire.length - at);
            many.feed(wire, at, n);
            at += n;
        }
        assertThat(cutBanner).isEqualTo(wholeBanner).containsExactly("Asterisk Call Manager/11.0.0");
        assertThat(pieces.stream().map(AmiMessage::toString).toList())
                .isEqualTo(whole.stream().map(AmiMessage::toString).toList());
        assertThat(many.malformed()).isEqualTo(one.malformed());
        assertThat(pieces.get(pieces.size() - 1).event()).isEqualTo("Sentinel");
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<List<String>> amiLines() {
        net.jqwik.api.Arbitrary<String> name = Arbitraries.of("Event", "Channel", "Uniqueid", "CallerIDName", "Variable",
                "X-Custom", "linkedid");
        net.jqwik.api.Arbitrary<String> value = Arbitraries.strings().withChars("ab 1:张三丰\r").ofMaxLength(70);
        net.jqwik.api.Arbitrary<String> header = net.jqwik.api.Combinators.combine(name, value, Arbitraries.of("\r\n", "\n"))
                .as((n, v, end) -> n + ": " + v + end);
        net.jqwik.api.Arbitrary<String> other = Arbitraries.of("\r\n", "\n", "free text line\r\n", ":\r\n");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, header), net.jqwik.api.Tuple.of(1, other))
                .list().ofMaxSize(60);
    }

    @Test
    void headerNamesAreSharedAndFoundByTheTranslatorsLiterals() {
        framer.feed(("Asterisk Call Manager/11.0.0\r\nEvent: Hangup\r\nUniqueid: 1.1\r\n\r\n"
                + "Event: Hangup\r\nUNIQUEID: 1.2\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(messages).hasSize(2);
        // the same name on the wire is one String, the interned one the code's literals are
        assertThat(messages.get(0).key(1)).isSameAs("Uniqueid");
        assertThat(messages.get(1).get("Uniqueid")).isEqualTo("1.2");
    }

    @Property(tries = 200)
    void translatorNeverThrowsOnArbitraryHeaders(@ForAll("events") String event, @ForAll @Size(max = 12) List<String> values) {
        String[] kv = new String[2 + values.size() * 2];
        kv[0] = "Event";
        kv[1] = event;
        String[] keys = {"Uniqueid", "Linkedid", "Queue", "Interface", "Position", "HoldTime", "Cause", "Paused",
                "ChannelState", "Variable", "Value", "DestUniqueid"};
        for (int i = 0; i < values.size(); i++) {
            kv[2 + 2 * i] = keys[i % keys.length];
            kv[3 + 2 * i] = values.get(i);
        }
        new AmiEventTranslator("p", java.time.Clock.systemUTC()).translate(AmiMessage.of(kv));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> events() {
        return Arbitraries.of("Newchannel", "Newstate", "NewCallerid", "VarSet", "QueueCallerJoin", "QueueCallerLeave",
                "QueueCallerAbandon", "AgentCalled", "AgentRingNoAnswer", "AgentConnect", "AgentComplete", "Hangup",
                "QueueMemberStatus", "QueueMemberAdded", "QueueMember", "QueueMemberRemoved", "QueueMemberPause",
                "BlindTransfer", "AttendedTransfer", "Hold", "Unhold", "Shutdown", "Unknown");
    }
}
