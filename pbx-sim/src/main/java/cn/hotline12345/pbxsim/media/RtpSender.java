package cn.hotline12345.pbxsim.media;

import java.security.SecureRandom;

/**
 * Our outgoing PCMU stream (RFC 3550, RFC 3551): one packet per 20 ms tick, 160 samples, random initial sequence
 * number and timestamp, marker bit on the first packet of each talkspurt (the first, and the first after a hold).
 * The timestamp advances on every tick, sent or not, so that it keeps following the clock through a hold.
 * Used by the pacing thread only.
 */
final class RtpSender {

    private static final SecureRandom RANDOM = new SecureRandom();
    static final int PCMU = 0;

    private final Voice voice;
    private final long ssrc;
    private final byte[] frame = new byte[Voice.FRAME_BYTES];
    private volatile Srtp srtp;
    private int seq = RANDOM.nextInt(0x10000);
    private long timestamp = RANDOM.nextInt() & 0xFFFFFFFFL;
    private long voiceFrame;
    private boolean marker = true;

    RtpSender(Voice voice, long ssrc) {
        this.voice = voice;
        this.ssrc = ssrc;
    }

    void keys(Srtp sendContext) {
        this.srtp = sendContext;
    }

    /** The next tick: the SRTP packet to send, or null when not sending now. */
    byte[] next(boolean send) {
        long ts = timestamp;
        timestamp = (timestamp + Voice.FRAME_BYTES) & 0xFFFFFFFFL;
        Srtp s = srtp;
        if (!send || s == null) {
            marker = true;
            return null;
        }
        byte[] p = new byte[12 + Voice.FRAME_BYTES];
        p[0] = (byte) 0x80;
        p[1] = (byte) ((marker ? 0x80 : 0) | PCMU);
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        p[4] = (byte) (ts >>> 24);
        p[5] = (byte) (ts >>> 16);
        p[6] = (byte) (ts >>> 8);
        p[7] = (byte) ts;
        p[8] = (byte) (ssrc >>> 24);
        p[9] = (byte) (ssrc >>> 16);
        p[10] = (byte) (ssrc >>> 8);
        p[11] = (byte) ssrc;
        voice.frame(voiceFrame++, frame);
        System.arraycopy(frame, 0, p, 12, frame.length);
        marker = false;
        seq = (seq + 1) & 0xFFFF;
        return s.protectRtp(p, p.length);
    }
}
