package cn.hotline12345.pbxsim.media;

/**
 * A snapshot of one {@link MediaEnd}'s counters.
 *
 * @param packetsSent     SRTP packets of our voice sent
 * @param packetsReceived SRTP packets from the far end whose tag checked (RTCP not included)
 * @param rejected        SRTP and SRTCP packets from the far end whose tag did not check (or too short to have one)
 * @param ignored         datagrams dropped unanswered: not STUN/DTLS/RTP, STUN failing ICE's credentials or
 *                        integrity, DTLS or RTP from an address ICE did not select, RTP before the keys exist
 * @param rtcpReceived    authenticated SRTCP packets from the far end
 * @param stunAnswered    ICE connectivity checks answered (the first ones and then the consent checks)
 * @param dtlsConnected   the DTLS handshake has completed and SRTP is keyed
 * @param lastError       why media failed or stopped (English, for logs and tests), or null
 */
public record Stats(long packetsSent, long packetsReceived, long rejected, long ignored, long rtcpReceived,
                    long stunAnswered, boolean dtlsConnected, String lastError) {
}
