package cn.hotline12345.pbxsim.media;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One direction of SRTP/SRTCP (RFC 3711) with the only profile we negotiate, SRTP_AES128_CM_HMAC_SHA1_80
 * (RFC 5764 §4.1.2): AES-128 in counter mode, HMAC-SHA1 tags cut to 80 bits, key derivation rate 0, no MKI.
 * A sender instance protects, a receiver instance unprotects; each keeps its own rollover counters.
 * Not thread-safe: each direction is used by one thread.
 */
final class Srtp {

    static final int TAG = 10;
    static final int MASTER_KEY = 16;
    static final int MASTER_SALT = 14;

    private final SecretKeySpec rtpKey;
    private final byte[] rtpSalt;
    private final SecretKeySpec rtpAuth;
    private final SecretKeySpec rtcpKey;
    private final byte[] rtcpSalt;
    private final SecretKeySpec rtcpAuth;
    private final Cipher cipher;
    private final Mac mac;

    /** Receiving: per SSRC, the highest sequence number authenticated and its rollover counter (RFC 3711 §3.3.1). */
    private final Map<Long, long[]> rocs = new HashMap<>();
    /** Sending RTP: our rollover counter and the last sequence number sent. */
    private long sendRoc;
    private int lastSentSeq = -1;
    /** Sending RTCP: the 31-bit SRTCP index. */
    private long srtcpIndex;

    Srtp(byte[] masterKey, byte[] masterSalt) {
        if (masterKey.length != MASTER_KEY || masterSalt.length != MASTER_SALT) {
            throw new IllegalArgumentException("SRTP master key must be 16 bytes and salt 14 bytes");
        }
        rtpKey = new SecretKeySpec(derive(masterKey, masterSalt, 0, 16), "AES");
        rtpAuth = new SecretKeySpec(derive(masterKey, masterSalt, 1, 20), "HmacSHA1");
        rtpSalt = derive(masterKey, masterSalt, 2, 14);
        rtcpKey = new SecretKeySpec(derive(masterKey, masterSalt, 3, 16), "AES");
        rtcpAuth = new SecretKeySpec(derive(masterKey, masterSalt, 4, 20), "HmacSHA1");
        rtcpSalt = derive(masterKey, masterSalt, 5, 14);
        try {
            cipher = Cipher.getInstance("AES/CTR/NoPadding");
            mac = Mac.getInstance("HmacSHA1");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR or HmacSHA1 unavailable", e);
        }
    }

    /**
     * RFC 3711 §4.3.1 with key_derivation_rate 0 (so r = 0): x = (label << 48) XOR master_salt, and the session key is
     * the AES-CM keystream of the master key at IV x * 2^16.
     */
    static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        byte[] iv = new byte[16];
        System.arraycopy(masterSalt, 0, iv, 0, 14);
        iv[7] ^= (byte) label;
        return keystream(masterKey, iv, length);
    }

    /** AES in counter mode (RFC 3711 §4.1.1): the 128-bit IV is the first counter block, incremented per block. */
    static byte[] keystream(byte[] key, byte[] iv, int length) {
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return c.doFinal(new byte[length]);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The packet IV of RFC 3711 §4.1.1: (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16). */
    static byte[] iv(byte[] salt, long ssrc, long index) {
        byte[] iv = new byte[16];
        System.arraycopy(salt, 0, iv, 0, 14);
        for (int k = 0; k < 4; k++) {
            iv[4 + k] ^= (byte) (ssrc >>> (24 - 8 * k));
        }
        for (int k = 0; k < 6; k++) {
            iv[8 + k] ^= (byte) (index >>> (40 - 8 * k));
        }
        return iv;
    }

    private void crypt(SecretKeySpec key, byte[] iv, byte[] buf, int off, int len) throws GeneralSecurityException {
        cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
        cipher.doFinal(buf, off, len, buf, off);
    }

    private byte[] tag(SecretKeySpec key, byte[] buf, int len, byte[] trailer) throws GeneralSecurityException {
        mac.init(key);
        mac.update(buf, 0, len);
        if (trailer != null) {
            mac.update(trailer);
        }
        return Arrays.copyOf(mac.doFinal(), TAG);
    }

    /** Offset of the RTP payload (after CSRCs and a header extension), or -1 for a malformed header. */
    static int rtpHeaderLength(byte[] p, int len) {
        if (len < 12) {
            return -1;
        }
        int n = 12 + 4 * (p[0] & 0x0F);
        if ((p[0] & 0x10) != 0) {
            if (len < n + 4) {
                return -1;
            }
            n += 4 + 4 * (((p[n + 2] & 0xFF) << 8) | (p[n + 3] & 0xFF));
        }
        return n <= len ? n : -1;
    }

    private static long ssrc(byte[] p, int at) {
        return ((p[at] & 0xFFL) << 24) | ((p[at + 1] & 0xFFL) << 16) | ((p[at + 2] & 0xFFL) << 8) | (p[at + 3] & 0xFFL);
    }

    private static byte[] be32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** Our RTP packet rtp[0, len) encrypted and tagged: a new array len + 10 long. */
    byte[] protectRtp(byte[] rtp, int len) {
        int header = rtpHeaderLength(rtp, len);
        if (header < 0) {
            throw new IllegalArgumentException("malformed RTP header");
        }
        int seq = ((rtp[2] & 0xFF) << 8) | (rtp[3] & 0xFF);
        if (lastSentSeq >= 0 && seq < lastSentSeq && lastSentSeq - seq > 0x8000) {
            sendRoc = (sendRoc + 1) & 0xFFFFFFFFL;
        }
        lastSentSeq = seq;
        byte[] out = Arrays.copyOf(rtp, len + TAG);
        try {
            crypt(rtpKey, iv(rtpSalt, ssrc(rtp, 8), (sendRoc << 16) | seq), out, header, len - header);
            System.arraycopy(tag(rtpAuth, out, len, be32(sendRoc)), 0, out, len, TAG);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /**
     * The far end's SRTP packet checked and decrypted: the plain RTP packet (without tag), or null when it is malformed
     * or its tag is wrong (then nothing of our state changes).
     */
    byte[] unprotectRtp(byte[] srtp, int len) {
        int plainLen = len - TAG;
        int header = rtpHeaderLength(srtp, plainLen);
        if (header < 0) {
            return null;
        }
        long ssrc = ssrc(srtp, 8);
        int seq = ((srtp[2] & 0xFF) << 8) | (srtp[3] & 0xFF);
        long[] state = rocs.get(ssrc); // {highest seq, roc}
        long v;
        if (state == null) {
            v = 0;
        } else if (state[0] < 0x8000) {
            v = seq - state[0] > 0x8000 ? state[1] - 1 : state[1];
        } else {
            v = state[0] - 0x8000 > seq ? state[1] + 1 : state[1];
        }
        v &= 0xFFFFFFFFL;
        try {
            byte[] expected = tag(rtpAuth, srtp, plainLen, be32(v));
            if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(srtp, plainLen, len))) {
                return null;
            }
            byte[] out = Arrays.copyOf(srtp, plainLen);
            crypt(rtpKey, iv(rtpSalt, ssrc, (v << 16) | seq), out, header, plainLen - header);
            if (state == null) {
                rocs.put(ssrc, new long[] {seq, v});
            } else if (v == ((state[1] + 1) & 0xFFFFFFFFL)) {
                state[0] = seq;
                state[1] = v;
            } else if (v == state[1] && seq > state[0]) {
                state[0] = seq;
            }
            return out;
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** Our RTCP compound packet encrypted (all after the first 8 bytes), with E|SRTCP index and tag appended. */
    byte[] protectRtcp(byte[] rtcp, int len) {
        if (len < 8) {
            throw new IllegalArgumentException("malformed RTCP packet");
        }
        long index = srtcpIndex;
        srtcpIndex = (srtcpIndex + 1) & 0x7FFFFFFFL;
        byte[] out = Arrays.copyOf(rtcp, len + 4 + TAG);
        try {
            crypt(rtcpKey, iv(rtcpSalt, ssrc(rtcp, 4), index), out, 8, len - 8);
            System.arraycopy(be32(index | 0x80000000L), 0, out, len, 4);
            System.arraycopy(tag(rtcpAuth, out, len + 4, null), 0, out, len + 4, TAG);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The far end's SRTCP packet checked and (when its E bit says so) decrypted, or null. */
    byte[] unprotectRtcp(byte[] srtcp, int len) {
        int plainLen = len - 4 - TAG;
        if (plainLen < 8) {
            return null;
        }
        try {
            byte[] expected = tag(rtcpAuth, srtcp, len - TAG, null);
            if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(srtcp, len - TAG, len))) {
                return null;
            }
            long e = ssrc(srtcp, plainLen);
            byte[] out = Arrays.copyOf(srtcp, plainLen);
            if ((e & 0x80000000L) != 0) {
                crypt(rtcpKey, iv(rtcpSalt, ssrc(srtcp, 4), e & 0x7FFFFFFFL), out, 8, plainLen - 8);
            }
            return out;
        } catch (GeneralSecurityException ex) {
            return null;
        }
    }
}
