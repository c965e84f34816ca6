package cn.hotline12345.ivr.audio;

/**
 * Mono 16-bit signed linear audio: what a speech engine produces, what a recording is converted to, and what
 * every Asterisk sound file of the hotline is written from.
 *
 * @param sampleRate samples per second (8000 for everything Asterisk plays from {@code .wav})
 * @param samples    the samples; never modified after construction (callers must not change the array)
 */
public record Pcm(int sampleRate, short[] samples) {

    public Pcm {
        if (sampleRate < 1000 || sampleRate > 384_000) {
            throw new IllegalArgumentException("sample rate " + sampleRate + " Hz is out of range");
        }
        if (samples == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
    }

    /** Length in milliseconds. */
    public long durationMs() {
        return samples.length * 1000L / sampleRate;
    }

    /** The largest absolute sample value (0..32768). */
    public int peak() {
        int peak = 0;
        for (short s : samples) {
            peak = Math.max(peak, Math.abs((int) s));
        }
        return peak;
    }

    /**
     * Scales so that the peak is {@code target} (of 32767), so every generated prompt plays at the same level; a
     * silent signal stays silent.
     */
    public Pcm normalisedTo(int target) {
        int peak = peak();
        if (peak == 0) {
            return this;
        }
        double gain = (double) target / peak;
        short[] out = new short[samples.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = clamp(Math.round(samples[i] * gain));
        }
        return new Pcm(sampleRate, out);
    }

    /** This audio followed by {@code ms} of silence. */
    public Pcm withSilenceAfter(int ms) {
        short[] out = java.util.Arrays.copyOf(samples, samples.length + (int) ((long) ms * sampleRate / 1000));
        return new Pcm(sampleRate, out);
    }

    static short clamp(long v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }
}
