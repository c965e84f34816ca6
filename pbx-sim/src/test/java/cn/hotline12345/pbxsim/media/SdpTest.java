package cn.hotline12345.pbxsim.media;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SDP offer/answer. The fixtures are Chromium 156's own: its answer to our offer and its offer to us, captured from
 * MediaEndBrowserTest.
 */
class SdpTest {

    static String fixture(String name) throws IOException {
        try (InputStream in = SdpTest.class.getResourceAsStream("/media/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void chromiumsAnswerToOurOffer() throws IOException {
        Sdp.Remote r = Sdp.parse(fixture("chromium-answer.sdp"), "SDP answer", false);
        assertThat(r.ufrag()).isEqualTo("OSEx");
        assertThat(r.pwd()).isEqualTo("cow3OauHqjkguJvVxrFublk7");
        assertThat(r.fingerprintHash()).isEqualTo("sha-256");
        assertThat(r.fingerprint()).hasSize(32).startsWith((byte) 0xEA, (byte) 0xD2);
        assertThat(r.setup()).isEqualTo("active");
        assertThat(r.direction()).isEqualTo("sendrecv");
        assertThat(r.telephoneEventPt()).isEqualTo(101);
        assertThat(r.mid()).isEqualTo("0");
    }

    @Test
    void chromiumsOfferAndOurAnswerToIt() throws Exception {
        Sdp.Remote r = Sdp.parse(fixture("chromium-offer.sdp"), "SDP offer", true);
        assertThat(r.setup()).isEqualTo("actpass");
        // telephone-event/48000 (110) is Opus's; PCMU's clock is 8000: 126
        assertThat(r.telephoneEventPt()).isEqualTo(126);
        try (MediaEnd m = MediaEnd.accept("127.0.0.1", Voice.tone(), fixture("chromium-offer.sdp"))) {
            String a = m.answerSdp();
            assertThat(a).contains("m=audio " + m.port() + " UDP/TLS/RTP/SAVPF 0 126\r\n", "a=setup:passive\r\n",
                    "a=ice-lite\r\n", "a=mid:0\r\n", "a=group:BUNDLE 0\r\n", "a=sendrecv\r\n", "a=rtcp-mux\r\n",
                    "a=rtpmap:126 telephone-event/8000\r\n", "a=candidate:1 1 udp 2130706431 127.0.0.1 " + m.port() + " typ host\r\n");
            assertThat(a).doesNotContain("opus", "extmap");
            // ours parses with our own parser too: ufrag/pwd of RFC 8445 lengths, a sha-256 fingerprint
            Sdp.Remote ours = Sdp.parse(a, "our answer", false);
            assertThat(ours.ufrag().length()).isBetween(4, 256);
            assertThat(ours.pwd().length()).isBetween(22, 256);
            assertThat(ours.setup()).isEqualTo("passive");
        }
    }

    @Test
    void ourOfferHasWhatChromiumNeeds() {
        try (MediaEnd m = MediaEnd.open("127.0.0.1", Voice.tone())) {
            String o = m.offer();
            assertThat(o).startsWith("v=0\r\n").contains("m=audio " + m.port() + " UDP/TLS/RTP/SAVPF 0 101\r\n",
                    "c=IN IP4 127.0.0.1\r\n", "a=rtpmap:0 PCMU/8000\r\n", "a=rtpmap:101 telephone-event/8000\r\n",
                    "a=fmtp:101 0-16\r\n", "a=rtcp-mux\r\n", "a=sendrecv\r\n", "a=mid:0\r\n", "a=ice-lite\r\n",
                    "a=setup:actpass\r\n", "a=group:BUNDLE 0\r\n", "a=fingerprint:sha-256 ");
            Sdp.Remote r = Sdp.parse(o, "our offer", true);
            assertThat(r.fingerprint()).hasSize(32);
            assertThat(r.ufrag()).matches("[A-Za-z0-9+/]{4,}");
            assertThat(r.pwd()).matches("[A-Za-z0-9+/]{22,}");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void directionsAnswered() {
        assertThat(Sdp.answerDirection("sendonly")).isEqualTo("recvonly");
        assertThat(Sdp.answerDirection("inactive")).isEqualTo("inactive");
        assertThat(Sdp.answerDirection("recvonly")).isEqualTo("sendonly");
        assertThat(Sdp.answerDirection("sendrecv")).isEqualTo("sendrecv");
    }

    /** Each broken answer is refused with a message naming what is wrong. */
    @Test
    void unusableAnswersAreRefusedNamingWhatIsMissing() throws IOException {
        String good = fixture("chromium-answer.sdp");
        record Case(String sdp, String message) {
        }
        List<Case> cases = List.of(
                new Case(null, "empty"),
                new Case("", "empty"),
                new Case("hello world", "not an SDP line"),
                new Case("x".repeat(Sdp.MAX_LENGTH + 1), "longer than"),
                new Case(good.replace("v=0", "x=0"), "no v= line"),
                new Case(good.replaceAll("a=fingerprint:[^\r\n]*\r?\n", ""), "no a=fingerprint"),
                new Case(good.replaceAll("a=ice-ufrag:[^\r\n]*\r?\n", ""), "no a=ice-ufrag"),
                new Case(good.replaceAll("a=ice-pwd:[^\r\n]*\r?\n", ""), "no a=ice-pwd"),
                new Case(good.replaceAll("a=setup:[^\r\n]*\r?\n", ""), "no a=setup"),
                new Case(good.replace("a=setup:active", "a=setup:actpass"), "a=setup:actpass is not allowed in an answer"),
                new Case(good.replace("a=rtcp-mux\r\n", ""), "no a=rtcp-mux"),
                new Case(good.replace("m=audio 33063", "m=video 33063"), "no m=audio"),
                new Case(good.replace("m=audio 33063", "m=audio 0"), "no m=audio"),
                new Case(good.replace("UDP/TLS/RTP/SAVPF 0 101", "RTP/AVP 0 101"), "DTLS-SRTP is required"),
                new Case(good.replace("UDP/TLS/RTP/SAVPF 0 101", "UDP/TLS/RTP/SAVPF 8 101"), "no PCMU"),
                new Case(good.replace("a=fingerprint:sha-256", "a=fingerprint:md5"), "hash md5 is not supported"),
                new Case(good.replace("a=fingerprint:sha-256 EA:D2", "a=fingerprint:sha-256 EA:ZZ"), "not colon-separated hex"),
                new Case(good.replace("a=fingerprint:sha-256 EA:D2:", "a=fingerprint:sha-256 "), "has 30 bytes"),
                new Case(good.replace("m=audio 33063", "m=audio port"), "malformed port"));
        for (Case c : cases) {
            assertThatThrownBy(() -> Sdp.parse(c.sdp, "SDP answer", false))
                    .as(c.message).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("SDP answer").hasMessageContaining(c.message);
        }
    }

    @Test
    void aSessionLevelFingerprintAndIceCredentialsCount() throws IOException {
        String good = fixture("chromium-answer.sdp");
        String fp = good.lines().filter(l -> l.startsWith("a=fingerprint")).findFirst().orElseThrow();
        String moved = good.replace(fp + "\r\n", "").replace("t=0 0\r\n", "t=0 0\r\n" + fp + "\r\n");
        assertThat(moved).isNotEqualTo(good);
        assertThat(Sdp.parse(moved, "SDP answer", false).fingerprint()).hasSize(32);
    }
}
