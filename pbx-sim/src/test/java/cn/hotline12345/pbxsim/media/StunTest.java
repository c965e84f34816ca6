package cn.hotline12345.pbxsim.media;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** STUN against RFC 5769's test vectors (§2.1 sample request, §2.2 IPv4 and §2.3 IPv6 sample responses). */
class StunTest {

    static final byte[] PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.US_ASCII);
    static final byte[] TID = HexFormat.of().parseHex("b7e7a701bc34d686fa87dfae");

    /** RFC 5769 §2.1: SOFTWARE, PRIORITY, ICE-CONTROLLED, USERNAME "evtj:h6vY", MESSAGE-INTEGRITY, FINGERPRINT. */
    static final byte[] REQUEST = HexFormat.of().parseHex(
            "000100582112a442b7e7a701bc34d686fa87dfae"
            + "802200105354554e207465737420636c69656e74"
            + "002400046e0001ff"
            + "80290008932ff9b151263b36"
            + "000600096576746a3a683676592020"
            + "20"
            + "000800149aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2"
            + "80280004e57a3bcf");

    /** RFC 5769 §2.2: SOFTWARE "test vector", XOR-MAPPED-ADDRESS 192.0.2.1:32853, MESSAGE-INTEGRITY, FINGERPRINT. */
    static final byte[] RESPONSE_V4 = HexFormat.of().parseHex(
            "0101003c2112a442b7e7a701bc34d686fa87dfae"
            + "8022000b7465737420766563746f7220"
            + "002000080001a147e112a643"
            + "000800142b91f599fd9e90c38c7489f92af9ba53f06be7d7"
            + "80280004c07d4c96");

    /** RFC 5769 §2.3: the same with 2001:db8:1234:5678:11:2233:4455:6677 port 32853. */
    static final byte[] RESPONSE_V6 = HexFormat.of().parseHex(
            "010100482112a442b7e7a701bc34d686fa87dfae"
            + "8022000b7465737420766563746f7220"
            + "002000140002a1470113a9faa5d3f179bc25f4b5bed2b9d9"
            + "00080014a382954e4be67bf11784c97c8292c275bfe3ed41"
            + "80280004c8fb0b4c");

    @Test
    void theSampleRequestParsesAndItsIntegrityAndFingerprintCheck() {
        Stun.Message m = Stun.parse(REQUEST, REQUEST.length);
        assertThat(m).isNotNull();
        assertThat(m.type()).isEqualTo(Stun.BINDING_REQUEST);
        assertThat(m.transactionId()).isEqualTo(TID);
        // the padding of USERNAME is spaces in the vector: the value is its 9 bytes only
        assertThat(m.username()).isEqualTo("evtj:h6vY");
        assertThat(m.has(Stun.PRIORITY)).isTrue();
        assertThat(m.has(Stun.ICE_CONTROLLED)).isTrue();
        assertThat(m.integrityValid(PASSWORD)).isTrue();
        assertThat(m.fingerprintValidOrAbsent()).isTrue();
        assertThat(m.integrityValid("VOkJxbRl1RmTxUk/WvJxBT".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    @Test
    void aFlippedBitBreaksIntegrityOrFingerprint() {
        for (int i = 20; i < REQUEST.length; i++) {
            byte[] bad = REQUEST.clone();
            bad[i] ^= 0x01;
            Stun.Message m = Stun.parse(bad, bad.length);
            // a flip in an attribute header may break the framing: then it is not STUN at all, which is as good
            if (m != null) {
                assertThat(m.integrityValid(PASSWORD) && m.fingerprintValidOrAbsent()).as("byte %d", i).isFalse();
            }
        }
    }

    @Test
    void weBuildTheSampleResponsesByteForByte() throws Exception {
        byte[] v4 = new Stun.Builder(Stun.BINDING_SUCCESS, TID).padding((byte) 0x20)
                .attribute(Stun.SOFTWARE, "test vector".getBytes(StandardCharsets.US_ASCII))
                .xorMappedAddress(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853))
                .build(PASSWORD, true);
        assertThat(HexFormat.of().formatHex(v4)).isEqualTo(HexFormat.of().formatHex(RESPONSE_V4));

        byte[] v6 = new Stun.Builder(Stun.BINDING_SUCCESS, TID).padding((byte) 0x20)
                .attribute(Stun.SOFTWARE, "test vector".getBytes(StandardCharsets.US_ASCII))
                .xorMappedAddress(new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853))
                .build(PASSWORD, true);
        assertThat(HexFormat.of().formatHex(v6)).isEqualTo(HexFormat.of().formatHex(RESPONSE_V6));
    }

    @Test
    void theSampleResponsesDecode() throws Exception {
        Stun.Message v4 = Stun.parse(RESPONSE_V4, RESPONSE_V4.length);
        assertThat(v4.integrityValid(PASSWORD)).isTrue();
        assertThat(v4.fingerprintValidOrAbsent()).isTrue();
        assertThat(Stun.xorMappedAddress(v4)).isEqualTo(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853));
        Stun.Message v6 = Stun.parse(RESPONSE_V6, RESPONSE_V6.length);
        assertThat(v6.integrityValid(PASSWORD)).isTrue();
        assertThat(Stun.xorMappedAddress(v6)).isEqualTo(
                new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853));
    }

    @Test
    void malformedMessagesAreNotStun() {
        assertThat(Stun.parse(new byte[0], 0)).isNull();
        assertThat(Stun.parse(REQUEST, 19)).isNull();
        assertThat(Stun.parse(REQUEST, REQUEST.length - 4)).isNull(); // length field disagrees
        byte[] noCookie = REQUEST.clone();
        noCookie[4] = 0;
        assertThat(Stun.parse(noCookie, noCookie.length)).isNull();
        byte[] overlong = REQUEST.clone();
        overlong[22] = 0x7F; // SOFTWARE claims more bytes than there are
        assertThat(Stun.parse(overlong, overlong.length)).isNull();
    }
}
