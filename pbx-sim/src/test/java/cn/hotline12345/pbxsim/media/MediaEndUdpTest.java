package cn.hotline12345.pbxsim.media;

import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static cn.hotline12345.pbxsim.media.MediaEndBrowserTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The media end over real UDP against a far end built from our own parts ({@link FarEnd}), for what a browser cannot
 * be made to send: checks with a wrong password, DTLS from a stranger, SRTP with bad tags, garbage. Each is ignored or
 * rejected, counted, and the call goes on.
 */
class MediaEndUdpTest {

    private static String ufragOf(String sdp) {
        return Sdp.parse(sdp, "ours", true).ufrag();
    }

    private static String pwdOf(String sdp) {
        return Sdp.parse(sdp, "ours", true).pwd();
    }

    @Test
    void iceLiteAnswersOnlyRightChecksAndAttacksAreCountedWhileTheCallGoesOn() throws Exception {
        List<Character> keys = new CopyOnWriteArrayList<>();
        try (MediaEnd media = MediaEnd.open("127.0.0.1", Voice.citizen(3)); FarEnd far = new FarEnd();
             DatagramSocket stranger = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            media.onDtmf(keys::add);
            far.target(media.port());
            String ourUfrag = ufragOf(media.offer());
            String ourPwd = pwdOf(media.offer());

            // a garbage answer is refused naming what it lacks, and changes nothing: a good one still works after
            assertThatThrownBy(() -> media.answer("v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=rtcp-mux\r\n"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no a=ice-ufrag");

            // garbage datagrams of every first-byte class: ignored and counted, nothing answered
            far.raw(new byte[] {0});
            far.raw(new byte[] {1, 1, 0, 0, 0x21, 0x12, (byte) 0xa4, 0x42});
            far.raw("hello".getBytes(StandardCharsets.US_ASCII));
            far.raw(new byte[] {(byte) 0x80, 0, 0, 1});
            far.raw(new byte[] {22, (byte) 0xfe, (byte) 0xfd});
            await("five ignored", () -> media.stats().ignored() >= 5);

            // checks with a wrong password or someone else's ufrag get no answer (the right check sent after them is
            // answered, and the media end answers in order)
            byte[] wrongPwd = far.sendCheck(far.socket, ourUfrag + ":" + far.ufrag, "wrong-password-0123456789", true);
            byte[] wrongUfrag = far.sendCheck(far.socket, "nobody:" + far.ufrag, ourPwd, true);
            await("seven ignored", () -> media.stats().ignored() >= 7);
            assertThat(media.stats().stunAnswered()).isZero();

            media.answer(far.sdp("active", "sendrecv"));
            // after the answer, the far end's ufrag must be the second half of USERNAME
            byte[] otherUfrag = far.sendCheck(far.socket, ourUfrag + ":other", ourPwd, true);

            // the right check is answered: MESSAGE-INTEGRITY with our pwd, FINGERPRINT, our address as seen
            Stun.Message r = far.check(ourUfrag + ":" + far.ufrag, ourPwd, true);
            assertThat(far.answered(wrongPwd) || far.answered(wrongUfrag) || far.answered(otherUfrag)).isFalse();
            assertThat(media.stats().stunAnswered()).isEqualTo(1);
            assertThat(r).isNotNull();
            assertThat(r.type()).isEqualTo(Stun.BINDING_SUCCESS);
            assertThat(r.integrityValid(ourPwd.getBytes(StandardCharsets.US_ASCII))).isTrue();
            assertThat(r.has(Stun.FINGERPRINT) && r.fingerprintValidOrAbsent()).isTrue();
            assertThat(Stun.xorMappedAddress(r)).isEqualTo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), far.port()));

            // DTLS from an address ICE did not select: ignored
            long ignoredBefore = media.stats().ignored();
            byte[] hello = {22, (byte) 0xfe, (byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0};
            stranger.send(new DatagramPacket(hello, hello.length, new InetSocketAddress("127.0.0.1", media.port())));
            await("the stranger's DTLS ignored", () -> media.stats().ignored() > ignoredBefore);

            // the far end as DTLS client (it answered active): keys agree both ways
            far.dtls(false, media.offer()).get(20, TimeUnit.SECONDS);
            await("media end connected", () -> media.stats().dtlsConnected());
            await("our voice reaches the far end, authenticated", () -> far.srtpPt0.get() > 10);

            byte[] voice = new byte[160];
            far.rtp(0, 160, voice, false);
            far.rtp(0, 320, voice, false);
            await("two packets received", () -> media.stats().packetsReceived() == 2);
            far.rtp(0, 480, voice, true);
            far.rtp(0, 640, voice, true);
            await("two bad tags rejected", () -> media.stats().rejected() == 2);
            // consent checks keep being answered
            assertThat(far.check(ourUfrag + ":" + far.ufrag, ourPwd, false)).isNotNull();

            // RFC 4733 from the far end: key 9, start, update, three ends
            for (int[] e : new int[][] {{0, 400}, {0, 800}, {0x80, 1200}, {0x80, 1200}, {0x80, 1200}}) {
                far.rtp(101, 8000, new byte[] {9, (byte) (e[0] | 10), (byte) (e[1] >> 8), (byte) e[1]}, false);
            }
            far.rtp(0, 9000, voice, false);
            await("the key and the packet after it", () -> media.stats().packetsReceived() == 8);
            assertThat(keys).containsExactly('9');
            assertThat(media.stats().lastError()).isNull();
            long sentSoFar = media.stats().packetsSent();
            await("still sending after all that", () -> media.stats().packetsSent() > sentSoFar + 5);
        }
    }

    @Test
    void asDtlsClientWhenTheFarEndIsPassiveAndHoldStopsOurPackets() throws Exception {
        try (MediaEnd media = MediaEnd.open("127.0.0.1", Voice.tone()); FarEnd far = new FarEnd()) {
            far.target(media.port());
            media.answer(far.sdp("passive", "sendrecv"));
            var keys = far.dtls(true, media.offer());
            assertThat(far.check(ufragOf(media.offer()) + ":" + far.ufrag, pwdOf(media.offer()), true)).isNotNull();
            keys.get(20, TimeUnit.SECONDS);
            await("our voice reaches the far end", () -> far.srtpPt0.get() > 10);

            String answer = media.reoffer(far.sdp("actpass", "inactive"));
            assertThat(answer).contains("a=inactive", "a=setup:active");
            long stopped = far.srtpPt0.get();
            long sentAtHold = media.stats().packetsSent();
            long ticksAtHold = media.ticks();
            far.rtp(0, 160, new byte[160], false);
            await("a packet received while inactive", () -> media.stats().packetsReceived() == 1);
            await("ten more pacer ticks", () -> media.ticks() > ticksAtHold + 10);
            // one tick may have been under way when the re-offer came
            assertThat(media.stats().packetsSent()).isLessThanOrEqualTo(sentAtHold + 1);
            assertThat(far.srtpPt0.get()).isLessThanOrEqualTo(stopped + 1);

            assertThat(media.reoffer(far.sdp("actpass", "sendrecv"))).contains("a=sendrecv");
            long resumed = far.srtpPt0.get();
            await("sending again", () -> far.srtpPt0.get() > resumed + 10);

            // an ICE restart or a new certificate in a re-offer is refused, and the call carries on
            assertThatThrownBy(() -> media.reoffer(far.sdp("actpass", "sendrecv").replace("a=ice-ufrag:farU", "a=ice-ufrag:newU")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ICE restart");
            String otherCert = new Sdp.Local("127.0.0.1", far.port(), far.ufrag, far.pwd,
                    Dtls.Identity.generate().fingerprintSha256(), "actpass", "sendrecv", "0", 101, 1, "x", 1, 1,
                    List.of(), List.of()).render();
            assertThatThrownBy(() -> media.reoffer(otherCert)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("fingerprint");
            long now = far.srtpPt0.get();
            await("still sending", () -> far.srtpPt0.get() > now + 5);
        }
    }

    @Test
    void theFarEndsCertificateMustMatchItsFingerprint() throws Exception {
        try (MediaEnd media = MediaEnd.open("127.0.0.1", Voice.tone()); FarEnd far = new FarEnd()) {
            far.target(media.port());
            // the SDP carries another certificate's fingerprint than the one the far end will present
            String lying = new Sdp.Local("127.0.0.1", far.port(), far.ufrag, far.pwd,
                    Dtls.Identity.generate().fingerprintSha256(), "active", "sendrecv", "0", 101, 1, "x", 1, 1,
                    List.of(), List.of()).render();
            media.answer(lying);
            assertThat(far.check(ufragOf(media.offer()) + ":" + far.ufrag, pwdOf(media.offer()), true)).isNotNull();
            var handshake = far.dtls(false, media.offer());
            await("refused", () -> media.stats().lastError() != null);
            assertThat(media.stats().lastError()).contains("does not match its SDP a=fingerprint");
            assertThat(media.stats().dtlsConnected()).isFalse();
            await("the far end's handshake failed too", handshake::isDone);
            assertThat(handshake).isCompletedExceptionally();
            assertThat(media.stats().packetsSent()).isZero();
        }
    }

    @Test
    void closeWhileTheHandshakeWaitsFreesEverything() throws Exception {
        MediaEnd media = MediaEnd.open("127.0.0.1", Voice.tone());
        try (FarEnd far = new FarEnd()) {
            // we are the DTLS client, waiting for ICE that never comes
            media.answer(far.sdp("passive", "sendrecv"));
            media.close();
            await("threads ended", media::terminated);
            try (DatagramSocket again = new DatagramSocket(new InetSocketAddress("127.0.0.1", media.port()))) {
                assertThat(again.getLocalPort()).isEqualTo(media.port());
            }
            assertThat(media.stats().lastError()).isNull();
            media.close();
        }
        // and as server, in the middle of a handshake the far end started
        MediaEnd server = MediaEnd.open("127.0.0.1", Voice.tone());
        try (FarEnd far = new FarEnd()) {
            far.target(server.port());
            server.answer(far.sdp("active", "sendrecv"));
            assertThat(far.check(ufragOf(server.offer()) + ":" + far.ufrag, pwdOf(server.offer()), true)).isNotNull();
            far.dtls(false, server.offer());
            server.close();
            await("threads ended", server::terminated);
        }
    }

    @Test
    void badOffersAndMisuseAreRefusedWithoutLeavingAnythingOpen() throws Exception {
        long before = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("media-")).count();
        assertThatThrownBy(() -> MediaEnd.accept("127.0.0.1", Voice.tone(), "v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SDP offer").hasMessageContaining("no m=audio");
        String noPcmu = SdpTest.fixture("chromium-offer.sdp").replace(" 0 8 13 110 126", " 8 13 110 126");
        assertThatThrownBy(() -> MediaEnd.accept("127.0.0.1", Voice.tone(), noPcmu))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no PCMU");
        long after = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("media-")
                && t.isAlive()).count();
        assertThat(after).isLessThanOrEqualTo(before);

        try (MediaEnd accepted = MediaEnd.accept("127.0.0.1", Voice.tone(), SdpTest.fixture("chromium-offer.sdp"))) {
            assertThatThrownBy(() -> accepted.answer(SdpTest.fixture("chromium-answer.sdp")))
                    .isInstanceOf(IllegalStateException.class);
        }
        try (MediaEnd opened = MediaEnd.open("127.0.0.1", Voice.tone())) {
            assertThatThrownBy(() -> opened.reoffer(SdpTest.fixture("chromium-offer.sdp")))
                    .isInstanceOf(IllegalStateException.class);
            opened.answer(SdpTest.fixture("chromium-answer.sdp"));
            assertThatThrownBy(() -> opened.answer(SdpTest.fixture("chromium-answer.sdp")))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
