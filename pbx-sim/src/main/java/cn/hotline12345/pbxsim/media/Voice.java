package cn.hotline12345.pbxsim.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a {@link MediaEnd} plays to the far end: G.711 mu-law samples at 8 kHz, looped. Immutable and shareable between
 * media ends (each keeps its own position).
 */
public final class Voice {

    /** 20 ms of 8 kHz audio: one PCMU packet's payload. */
    public static final int FRAME_BYTES = 160;

    private static final int CLIPS = 5;
    private static final Voice[] CITIZENS = new Voice[CLIPS];

    private final String name;
    private final byte[] samples;

    private Voice(String name, byte[] samples) {
        if (samples.length < FRAME_BYTES) {
            throw new IllegalArgumentException("voice " + name + " is shorter than one 20 ms frame");
        }
        this.name = name;
        this.samples = samples;
    }

    /**
     * The n-th recorded citizen (n modulo the number of clips, negative n allowed): synthesised Mandarin speech of a
     * citizen reporting a problem, each followed by 1.5 s of silence; see {@code /pbxsim/voices/README.md}.
     */
    public static Voice citizen(int n) {
        int i = Math.floorMod(n, CLIPS);
        synchronized (CITIZENS) {
            if (CITIZENS[i] == null) {
                String resource = "/pbxsim/voices/citizen-" + (i + 1) + ".ulaw";
                try (InputStream in = Objects.requireNonNull(Voice.class.getResourceAsStream(resource), resource)) {
                    CITIZENS[i] = new Voice("citizen-" + (i + 1), in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + resource, e);
                }
            }
            return CITIZENS[i];
        }
    }

    /** How many citizen clips are shipped. */
    public static int citizens() {
        return CLIPS;
    }

    /** A steady 440 Hz tone at about -10 dBFS, one second long (loops seamlessly: 440 whole periods). */
    public static Voice tone() {
        byte[] s = new byte[8000];
        for (int i = 0; i < s.length; i++) {
            s[i] = linearToUlaw((int) Math.round(10_000 * Math.sin(2 * Math.PI * 440 * i / 8000.0)));
        }
        return new Voice("tone-440", s);
    }

    /** Digital silence (mu-law 0xFF). */
    public static Voice silence() {
        byte[] s = new byte[FRAME_BYTES];
        Arrays.fill(s, (byte) 0xFF);
        return new Voice("silence", s);
    }

    /** Raw mu-law samples (8 kHz mono), at least one frame long; copied. */
    public static Voice ofUlaw(String name, byte[] ulaw) {
        return new Voice(Objects.requireNonNull(name), ulaw.clone());
    }

    public String name() {
        return name;
    }

    /** Length of one pass through the clip in 8 kHz samples. */
    public int samples() {
        return samples.length;
    }

    /** Fills {@code out} with the 160 samples of frame number {@code frame} of the endless loop. */
    void frame(long frame, byte[] out) {
        long start = frame * FRAME_BYTES;
        for (int i = 0; i < FRAME_BYTES; i++) {
            out[i] = samples[(int) ((start + i) % samples.length)];
        }
    }

    /** ITU-T G.711 mu-law encoding of a 16-bit linear sample. */
    static byte linearToUlaw(int pcm) {
        final int bias = 0x84;
        final int clip = 32635;
        int sign = (pcm >> 8) & 0x80;
        if (sign != 0) {
            pcm = -pcm;
        }
        if (pcm > clip) {
            pcm = clip;
        }
        pcm += bias;
        int exponent = 7;
        for (int mask = 0x4000; (pcm & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (pcm >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    @Override
    public String toString() {
        return "Voice[" + name + ", " + samples.length / 8000.0 + " s]";
    }
}
