package cn.hotline12345.ivr.audio;

import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** Test material: WAV files of any shape, stand-in synthesizer programs, and the real espeak-ng when installed. */
final class AudioFixtures {

    private AudioFixtures() {
    }

    /** A sine of {@code hz} at {@code amplitude} (of 1.0), as a PCM WAV of the given shape. */
    static byte[] toneWav(int rate, int channels, int bits, double hz, double amplitude, int ms) {
        int frames = rate * ms / 1000;
        int bytes = bits / 8;
        ByteBuffer data = ByteBuffer.allocate(frames * channels * bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            double v = amplitude * Math.sin(2 * Math.PI * hz * i / rate);
            for (int c = 0; c < channels; c++) {
                long full = Math.round(v * ((1L << (bits - 1)) - 1));
                switch (bytes) {
                    case 1 -> data.put((byte) (full + 128));
                    case 2 -> data.putShort((short) full);
                    case 3 -> data.put((byte) full).put((byte) (full >> 8)).put((byte) (full >> 16));
                    default -> data.putInt((int) full);
                }
            }
        }
        ByteBuffer b = ByteBuffer.allocate(44 + data.capacity()).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data.capacity()).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) channels)
                .putInt(rate).putInt(rate * channels * bytes).putShort((short) (channels * bytes)).putShort((short) bits);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.capacity()).put(data.array());
        return b.array();
    }

    /** Root mean square of samples {@code from..to}. */
    static double rms(short[] s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) s[i] * s[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    /**
     * A stand-in for espeak-ng: answers {@code --version} like it, swallows stdin, and then does {@code body}
     * (a shell snippet). {@code $WAV} is a 22050 Hz tone whose length grows with the input's length.
     */
    static Path fakeEspeak(Path dir, String name, String body) throws IOException {
        Path wav = dir.resolve(name + "-tone.wav");
        Files.write(wav, toneWav(22050, 1, 16, 440, 0.5, 400));
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n"
                + "case \"$*\" in *--version*) echo 'eSpeak NG text-to-speech: 0.0-fake  Data at: /nowhere'; exit 0;; esac\n"
                + "WAV='" + wav + "'\n"
                + "cat > /dev/null\n"
                + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** A stand-in that speaks every text as the same short tone. */
    static Path workingFake(Path dir) throws IOException {
        return fakeEspeak(dir, "fake-espeak", "cat \"$WAV\"");
    }

    /**
     * Whether the real espeak-ng is installed. Only the tests that need it may be skipped, and never on CI
     * ({@code CI=true}), whose .ci/run installs it: there a missing espeak-ng fails them.
     */
    static void assumeEspeakNg() {
        boolean present;
        try {
            new EspeakNg(EspeakNg.Options.defaults()).version();
            present = true;
        } catch (SpeechException e) {
            present = false;
        }
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("espeak-ng is not installed, but CI must generate and check the prompt audio "
                    + "(.ci/run installs it: apt-get install espeak-ng)");
        }
        Assumptions.assumeTrue(present, "SKIPPED: espeak-ng is not installed, so the generated prompt audio is not "
                + "checked here (apt-get install espeak-ng to run this test; CI always runs it)");
    }

    /** espeak-ng's phoneme mnemonics of {@code text} ({@code -q -x}), to see how it will read it. */
    static String phonemes(String text) throws Exception {
        Process p = new ProcessBuilder("espeak-ng", "-v", EspeakNg.VOICE, "-q", "-x", "-b", "1", "--stdin").start();
        p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        p.waitFor();
        return out.toString(StandardCharsets.UTF_8);
    }

    static Map<String, String> noCi() {
        return Map.of();
    }
}
