package cn.hotline12345.ivr.audio;

/**
 * Band-limited sample-rate conversion (a Kaiser-windowed sinc, 16 zero crossings each side, beta 8: about 80 dB of
 * stop-band rejection). espeak-ng speaks at 22050 Hz and studios deliver 44.1 or 48 kHz; Asterisk's {@code .wav},
 * {@code .ulaw} and {@code .alaw} are 8000 Hz. Dropping samples without a low-pass filter would fold everything
 * above 4 kHz back into the telephone band as hiss, so the cut-off is 0.45 of the lower rate (3.6 kHz for 8 kHz).
 *
 * <p>Pure Java on purpose: the build then needs one external program (the synthesizer), not a second one for
 * conversion, and the output is bit-identical on every machine, which the cache relies on.
 */
public final class Resampler {

    private static final int ZERO_CROSSINGS = 16;
    private static final double KAISER_BETA = 8.0;
    /** Kernel table points per input sample (linear interpolation between them). */
    private static final int OVERSAMPLE = 512;

    private Resampler() {
    }

    /** {@code in} at {@code outRate}; the same object when the rate already matches. */
    public static Pcm resample(Pcm in, int outRate) {
        int inRate = in.sampleRate();
        if (inRate == outRate) {
            return in;
        }
        if (outRate < 1000) {
            throw new IllegalArgumentException("output rate " + outRate + " Hz is out of range");
        }
        double step = (double) inRate / outRate;                   // input samples per output sample
        double cutoff = 0.45 * Math.min(inRate, outRate) / inRate; // cycles per input sample
        double gain = 2 * cutoff;
        int half = (int) Math.ceil(ZERO_CROSSINGS / (2 * cutoff)); // kernel half-width in input samples
        double[] table = kernel(half, cutoff);
        short[] x = in.samples();
        int outLen = (int) Math.floor(x.length / step);
        short[] y = new short[outLen];
        for (int n = 0; n < outLen; n++) {
            double t = n * step;
            int centre = (int) Math.floor(t);
            double acc = 0;
            int from = Math.max(0, centre - half + 1);
            int to = Math.min(x.length - 1, centre + half);
            for (int k = from; k <= to; k++) {
                double pos = Math.abs(t - k) * OVERSAMPLE;
                int i = (int) pos;
                if (i + 1 >= table.length) {
                    continue;
                }
                double frac = pos - i;
                acc += x[k] * (table[i] + frac * (table[i + 1] - table[i]));
            }
            y[n] = Pcm.clamp(Math.round(acc * gain));
        }
        return new Pcm(outRate, y);
    }

    /** sinc(2·fc·x)·kaiser(x/half) for x = 0 .. half input samples, OVERSAMPLE points per sample. */
    private static double[] kernel(int half, double cutoff) {
        double[] t = new double[half * OVERSAMPLE + 2];
        double i0Beta = besselI0(KAISER_BETA);
        for (int j = 0; j < t.length; j++) {
            double x = (double) j / OVERSAMPLE;
            double r = x / half;
            if (r > 1) {
                t[j] = 0;
                continue;
            }
            double arg = 2 * cutoff * x * Math.PI;
            double sinc = x == 0 ? 1 : Math.sin(arg) / arg;
            double window = besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / i0Beta;
            t[j] = sinc * window;
        }
        return t;
    }

    /** Modified Bessel function of the first kind, order 0 (power series; converges fast for beta ≤ 10). */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 50; k++) {
            term *= q / (k * k);
            sum += term;
            if (term < 1e-12 * sum) {
                break;
            }
        }
        return sum;
    }
}
