package cn.hotline12345.pbxsim.media;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** SRTP against RFC 3711 Appendix B.2 (AES-CM keystream) and B.3 (key derivation), then our own round trips. */
class SrtpTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void appendixB2KeystreamForSsrc0Index0() {
        byte[] key = hex("2B7E151628AED2A6ABF7158809CF4F3C");
        byte[] salt = hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD");
        // the packet IV path: (salt * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16) with SSRC 0, ROC 0, SEQ 0
        byte[] iv = Srtp.iv(salt, 0, 0);
        assertThat(HexFormat.of().withUpperCase().formatHex(iv)).isEqualTo("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");
        byte[] ks = Srtp.keystream(key, iv, 16 * 0xFF02);
        assertThat(block(ks, 0x0000)).isEqualTo("E03EAD0935C95E80E166B16DD92B4EB4");
        assertThat(block(ks, 0x0001)).isEqualTo("D23513162B02D0F72A43A2FE4A5F97AB");
        assertThat(block(ks, 0x0002)).isEqualTo("41E95B3BB0A2E8DD477901E4FCA894C0");
        assertThat(block(ks, 0xFEFF)).isEqualTo("EC8CDF7398607CB0F2D21675EA9EA1E4");
        assertThat(block(ks, 0xFF00)).isEqualTo("362B7C3C6773516318A077D7FC5073AE");
        assertThat(block(ks, 0xFF01)).isEqualTo("6A2CC3787889374FBEB4C81B17BA6C44");
    }

    private static String block(byte[] ks, int n) {
        return HexFormat.of().withUpperCase().formatHex(ks, n * 16, n * 16 + 16);
    }

    @Test
    void appendixB3KeyDerivation() {
        byte[] masterKey = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
        byte[] masterSalt = hex("0EC675AD498AFEEBB6960B3AABE6");
        assertThat(Srtp.derive(masterKey, masterSalt, 0, 16)).isEqualTo(hex("C61E7A93744F39EE10734AFE3FF7A087"));
        assertThat(Srtp.derive(masterKey, masterSalt, 2, 14)).isEqualTo(hex("30CBBC08863D8C85D49DB34A9AE1"));
        // the RFC lists 94 bytes of the authentication keystream; HMAC-SHA1 uses the first 20
        assertThat(Srtp.derive(masterKey, masterSalt, 1, 94)).isEqualTo(hex(
                "CEBE321F6FF7716B6FD4AB49AF256A156D38BAA48F0A0ACF3C34E2359E6CDBCE"
                + "E049646C43D9327AD175578EF72270986371C10C9A369AC2F94A8C5FBCDDDC25"
                + "6D6E919A48B610EF17C2041E474035766B68642C59BBFC2F34DB60DBDFB2"));
    }

    private static byte[] rtp(int seq, long ssrc, int payloadByte) {
        byte[] p = new byte[12 + 160];
        p[0] = (byte) 0x80;
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        p[8] = (byte) (ssrc >>> 24);
        p[9] = (byte) (ssrc >>> 16);
        p[10] = (byte) (ssrc >>> 8);
        p[11] = (byte) ssrc;
        Arrays.fill(p, 12, p.length, (byte) payloadByte);
        return p;
    }

    private static Srtp context(int seed) {
        byte[] k = new byte[16];
        byte[] s = new byte[14];
        Arrays.fill(k, (byte) seed);
        Arrays.fill(s, (byte) (seed + 1));
        return new Srtp(k, s);
    }

    @Test
    void roundTripAcrossTheSequenceNumberWrapAndBadTagsRejected() {
        Srtp tx = context(7);
        Srtp rx = context(7);
        for (int i = 0; i < 6; i++) {
            int seq = (65533 + i) & 0xFFFF; // 65533, 65534, 65535, 0, 1, 2: the rollover counter steps to 1
            byte[] plain = rtp(seq, 0xCAFEBABEL, i);
            byte[] protectedPacket = tx.protectRtp(plain, plain.length);
            assertThat(protectedPacket).hasSize(plain.length + 10);
            assertThat(Arrays.copyOfRange(protectedPacket, 12, plain.length)).isNotEqualTo(Arrays.copyOfRange(plain, 12, plain.length));
            byte[] tampered = protectedPacket.clone();
            tampered[20] ^= 1;
            assertThat(rx.unprotectRtp(tampered, tampered.length)).as("tampered %d", seq).isNull();
            assertThat(rx.unprotectRtp(protectedPacket, protectedPacket.length)).as("seq %d", seq).isEqualTo(plain);
        }
        byte[] other = context(8).protectRtp(rtp(3, 0xCAFEBABEL, 0), 172);
        assertThat(rx.unprotectRtp(other, other.length)).as("another key").isNull();
        assertThat(rx.unprotectRtp(new byte[15], 15)).as("too short").isNull();
    }

    @Test
    void srtcpRoundTripAndTamper() {
        Srtp tx = context(3);
        Srtp rx = context(3);
        byte[] rr = hex("81c90007cafebabe" + "1234567800000000000000000000000000000000000000000000");
        byte[] p = tx.protectRtcp(rr, rr.length);
        assertThat(p).hasSize(rr.length + 14);
        assertThat(rx.unprotectRtcp(p, p.length)).isEqualTo(rr);
        byte[] bad = p.clone();
        bad[9] ^= 1;
        assertThat(rx.unprotectRtcp(bad, bad.length)).isNull();
    }
}
