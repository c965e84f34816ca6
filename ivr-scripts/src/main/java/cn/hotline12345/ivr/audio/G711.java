package cn.hotline12345.ivr.audio;

/**
 * ITU-T G.711 encoders: Asterisk's {@code .ulaw} and {@code .alaw} files are raw G.711 bytes at 8 kHz
 * (formats/format_pcm.c). A file in the channel's own codec is sent without transcoding; China's PSTN and most
 * carrier trunks use A-law, the agents' softphones offer both.
 */
public final class G711 {

    private static final int ULAW_BIAS = 0x84;
    private static final int ULAW_CLIP = 32635;
    private static final int[] ALAW_SEG_END = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};

    private G711() {
    }

    /** μ-law byte of a 16-bit sample (the classic Sun/CCITT reference algorithm). */
    public static byte ulaw(short sample) {
        int s = sample;
        int sign = (s >> 8) & 0x80;
        if (sign != 0) {
            s = -s;
        }
        if (s > ULAW_CLIP) {
            s = ULAW_CLIP;
        }
        s += ULAW_BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (s >> (exponent + 3)) & 0x0f;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** A-law byte of a 16-bit sample (the Sun/CCITT reference algorithm, segment ends 0x1F..0xFFF). */
    public static byte alaw(short sample) {
        int v = sample >> 3;
        int mask;
        if (v >= 0) {
            mask = 0xD5;
        } else {
            mask = 0x55;
            v = -v - 1;
        }
        int seg = 0;
        while (seg < ALAW_SEG_END.length && v > ALAW_SEG_END[seg]) {
            seg++;
        }
        if (seg >= ALAW_SEG_END.length) {
            return (byte) (0x7F ^ mask);
        }
        int aval = seg << 4;
        aval |= seg < 2 ? (v >> 1) & 0x0f : (v >> seg) & 0x0f;
        return (byte) (aval ^ mask);
    }

    /** 16-bit sample of a μ-law byte (for tests and checks). */
    public static short ulawToLinear(byte b) {
        int u = ~b & 0xff;
        int t = ((u & 0x0f) << 3) + ULAW_BIAS;
        t <<= (u & 0x70) >> 4;
        return (short) ((u & 0x80) != 0 ? ULAW_BIAS - t : t - ULAW_BIAS);
    }

    /** 16-bit sample of an A-law byte (for tests and checks). */
    public static short alawToLinear(byte b) {
        int a = (b & 0xff) ^ 0x55;
        int t = (a & 0x0f) << 4;
        int seg = (a & 0x70) >> 4;
        switch (seg) {
            case 0:
                t += 8;
                break;
            case 1:
                t += 0x108;
                break;
            default:
                t += 0x108;
                t <<= seg - 1;
        }
        return (short) ((a & 0x80) != 0 ? t : -t);
    }

    public static byte[] ulaw(short[] samples) {
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = ulaw(samples[i]);
        }
        return out;
    }

    public static byte[] alaw(short[] samples) {
        byte[] out = new byte[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = alaw(samples[i]);
        }
        return out;
    }
}
